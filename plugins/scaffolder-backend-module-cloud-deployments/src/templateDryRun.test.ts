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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// A real backend of both plugins is what this test is for.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
import kubernetesModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleCloudDeployments } from './module';

// The shipped Kubernetes template through the real scaffolder's dry run, on a
// cluster whose node size has no price: the cost it shows must say unknown,
// never $0.
const template = parse(
  readFileSync(
    join(__dirname, '../../../templates/kubernetes-deployment/template.yaml'),
    'utf8',
  ),
);

describe('the Kubernetes template, dry run, node size without a price', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // Jest runs this file in a realm of its own, but Node's fetch parses JSON
    // in the outer one, and the scaffolder's template engine rejects arrays
    // of another realm. One process is one realm outside Jest: parse here.
    const outerFetch = globalThis.fetch;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await outerFetch(input, init);
      const text = await response.text();
      return Object.assign(
        new Response(text, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        }),
        { json: async () => JSON.parse(text) },
      );
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleCloudDeployments,
        cloudDeploymentsPlugin,
        kubernetesModule,
        sandboxes,
        mockServices.rootConfig.factory({
          data: {
            cloudDeployments: {
              pricing: {
                // A real AKS size the offline data has no price for, anywhere.
                kubernetesNode: {
                  provider: 'azure',
                  region: 'westeurope',
                  instanceType: 'Standard_D4as_v5',
                },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  const estimated = 'info: Estimated monthly cost: unknown, 1 line unpriced';
  it.each([
    {
      delivery: 'direct',
      says: [
        estimated,
        'info: Dry run: would create dry-run-web on kubernetes in us-east-1, unknown, 1 line unpriced',
      ],
    },
    { delivery: 'manifests', says: [estimated] },
  ])(
    'says "unknown, 1 line unpriced", never $0 (delivery $delivery)',
    async ({ delivery, says }) => {
      const response = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({
          template,
          values: {
            name: 'dry-run-web',
            component: 'component:default/example-website',
            owner: 'group:default/guests',
            environment: 'staging',
            cluster: 'local',
            region: 'us-east-1',
            artifact: { image: 'ghcr.io/acme/web-shop:1.0.0' },
            compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2 },
            delivery,
          },
          secrets: {},
          directoryContents: [],
        });

      expect(response.status).toBe(200);
      expect(
        response.body.log.filter(
          (entry: { body: { status?: string } }) =>
            entry.body.status === 'failed',
        ),
      ).toEqual([]);
      const log: string[] = response.body.log.map(
        (entry: { body: { message?: string } }) =>
          stripVTControlCharacters(entry.body.message ?? ''),
      );
      expect(log).toEqual(expect.arrayContaining(says));
      expect(response.body.output.text).toEqual([
        {
          title: 'Estimated monthly cost',
          content: 'unknown, 1 line unpriced',
        },
      ]);
      const everything = JSON.stringify(response.body);
      expect(everything).not.toMatch(/\$0(\.0+)?\b/);
      expect(everything).toContain('Node share');
    },
  );
});
