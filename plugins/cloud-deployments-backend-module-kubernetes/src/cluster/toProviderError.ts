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
import { ApiException } from '@kubernetes/client-node';
import {
  ProviderError,
  ProviderErrorKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/** The message in a Kubernetes Status body, if the body is one. */
function statusMessage(body: unknown): string | undefined {
  try {
    const status = typeof body === 'string' ? JSON.parse(body) : body;
    return typeof status?.message === 'string' ? status.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A classified error for a failed API call: the API server's own message,
 * permanent for what it refused, retried for 429, 5xx and network errors.
 * Tokens never appear: the API server does not echo them.
 */
export function toProviderError(
  error: unknown,
  cluster: string,
  what: string,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof ApiException) {
    const message = statusMessage(error.body) ?? `HTTP ${error.code}`;
    let kind: ProviderErrorKind = 'permanent';
    if (error.code === 429) kind = 'throttled';
    else if (error.code >= 500 || error.code === 408) kind = 'transient';
    return new ProviderError(
      `Kubernetes cluster ${cluster} refused to ${what}: ${message} (HTTP ${error.code})`,
      { kind, code: String(error.code) },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    `Kubernetes cluster ${cluster} could not be reached to ${what}: ${message}`,
    { kind: 'transient', code: (error as { code?: string })?.code },
  );
}
