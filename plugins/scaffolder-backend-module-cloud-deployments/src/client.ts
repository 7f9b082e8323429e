/*
 * Copyright 2026 The Cloud Deployments for Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { CloudDeploymentsClient } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { pluginRequestFetch } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The cloud-deployments backend as the actions call it: on behalf of the
 * user who runs the template, so the backend's permissions apply to them.
 */
export class CloudDeploymentsBackend {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  /** The plugin's internal base URL (where Terraform reaches the state backend). */
  baseUrl(): Promise<string> {
    return this.discovery.getBaseUrl('cloud-deployments');
  }

  /**
   * Calls the API as `credentials`. A refusal becomes the error type it
   * stands for (`InputError` for a 400, ...), so the task log says what the
   * backend said.
   */
  async call<T>(
    credentials: BackstageCredentials,
    operation: (client: CloudDeploymentsClient) => Promise<T>,
  ): Promise<T> {
    const client = new CloudDeploymentsClient({
      discoveryApi: this.discovery,
      fetchApi: pluginRequestFetch({
        auth: this.auth,
        credentials: async () => credentials,
      }),
    });
    try {
      return await operation(client);
    } catch (error) {
      throw error instanceof ResponseError ? backendError(error) : error;
    }
  }
}

/** The backend's error with its own message, as the error type it stands for. */
function backendError(error: ResponseError): Error {
  const message = `cloud-deployments: ${reason(error)}`;
  switch (error.statusCode) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(message);
  }
}

/** The backend's own message of a failed request, without the HTTP wrapping. */
export function reason(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
