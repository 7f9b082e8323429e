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
import request from 'supertest';

/*
 * What the end-to-end tests of the catalog module with the real catalog and
 * the real cloud-deployments backend share.
 */

/** As the cloud-deployments fixtures' `cloudRunRequest`, with a title. */
export const cloudRunRequest = {
  name: 'web-api',
  title: 'Web API',
  owner: 'group:default/web-team',
  component: 'component:default/web-api',
  system: 'system:default/storefront',
  environment: 'staging',
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  engine: 'sdk',
  artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
  compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 },
};

/** The portal's config for these tests, with `catalog` config added. */
export function portalConfig(catalog: object = {}) {
  return {
    app: { baseUrl: 'http://localhost:3000' },
    // Only the in-process event bus: there is no events backend to poll.
    events: { useEventBus: 'never' },
    // The worker provisions into the Cloud Run sandbox, polling it often.
    cloudDeployments: {
      jobs: {
        pollInterval: { milliseconds: 100 },
        idlePollInterval: { milliseconds: 100 },
      },
    },
    catalog: {
      processingInterval: { seconds: 1 },
      rules: [
        {
          allow: [
            'Component',
            'System',
            'Group',
            'CloudDeployment',
            'Location',
          ],
        },
      ],
      ...catalog,
    },
  };
}

/**
 * The catalog's path of a `CloudDeployment` entity, which lives in the
 * namespace of its environment (the fixtures' is staging).
 */
export const entityPath = (name: string, environment = 'staging') =>
  `/api/catalog/entities/by-name/clouddeployment/${environment}/${name}`;

/** Polls `path` until `check` accepts the response, or `timeoutMs` passes. */
export async function pollUntil(
  server: Parameters<typeof request>[0],
  path: string,
  check: (res: request.Response) => boolean,
  timeoutMs = 30_000,
): Promise<request.Response | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await request(server).get(path);
    if (check(res)) return res;
    await new Promise(r => setTimeout(r, 50));
  }
  return undefined;
}
