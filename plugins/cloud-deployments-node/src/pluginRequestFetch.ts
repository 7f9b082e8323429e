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
} from '@backstage/backend-plugin-api';

/**
 * The `fetchApi` a backend module gives `CloudDeploymentsClient` of -common:
 * each request carries a token for the cloud-deployments plugin, issued on
 * behalf of `credentials` (a user who started a task, or the module itself).
 *
 * @public
 */
export function pluginRequestFetch(options: {
  auth: AuthService;
  credentials: () => Promise<BackstageCredentials>;
}): { fetch: typeof fetch } {
  const { auth, credentials } = options;
  return {
    async fetch(input, init) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await credentials(),
        targetPluginId: 'cloud-deployments',
      });
      const request = new Request(input, init);
      request.headers.set('Authorization', `Bearer ${token}`);
      return fetch(request);
    },
  };
}
