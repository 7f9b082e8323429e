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
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * The package that installs the sandboxes, for messages that point to it.
 *
 * @public
 */
export const CLOUD_DEPLOYMENTS_SANDBOX_PACKAGE =
  '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';

/**
 * The clouds a sandbox can stand in for.
 *
 * @public
 */
export type CloudDeploymentsSandboxCloud =
  | 'aws'
  | 'gcp'
  | 'azure'
  | 'kubernetes';

/**
 * Where a running sandbox listens, and what a client needs to talk to it.
 *
 * @public
 */
export type CloudDeploymentsSandboxEndpoint = {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The bearer token it accepts, for the sandboxes that check one. */
  token?: string;
  /** The PEM certificate it serves, for the sandboxes that speak https. */
  certificate?: string;
};

/**
 * Local stand-ins for the clouds, used by a provider module when no real
 * account is configured. The default implementation has none: install
 * `@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox`
 * to get them. Production backends leave it out.
 *
 * @public
 */
export interface CloudDeploymentsSandboxService {
  /**
   * Starts the sandbox of `cloud` (once; later calls return the same
   * endpoint), or returns undefined when no sandbox is installed.
   */
  start(
    cloud: CloudDeploymentsSandboxCloud,
  ): Promise<CloudDeploymentsSandboxEndpoint | undefined>;
}

/**
 * The sandboxes of the cloud-deployments backend. By default none is
 * installed; the sandbox module overrides this service.
 *
 * @public
 */
export const cloudDeploymentsSandboxServiceRef =
  createServiceRef<CloudDeploymentsSandboxService>({
    id: 'cloud-deployments.sandbox',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => ({ start: async () => undefined }),
      }),
  });
