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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import request from 'supertest';
import { cloudDeploymentsPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunSandboxModule } from '../__testUtils__/sandboxProviders';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

/** A Cloud Run service of `instances` instances with one L4 GPU each. */
const gpuService = (name: string, instances: number) => ({
  name,
  owner: 'group:default/ml-team',
  component: 'component:default/llm',
  environment: 'production',
  provider: 'gcp-cloud-run',
  region: 'us-central1',
  engine: 'sdk',
  artifact: { image: 'us-docker.pkg.dev/acme/models/llm:1.0.0' },
  compute: {
    cpu: 4,
    memoryMiB: 16384,
    gpu: 1,
    minInstances: instances,
    maxInstances: instances,
  },
});

describe.each(databases.eachSupportedId())(
  'the GPU quota pre-flight of Cloud Run on %p',
  databaseId => {
    let sandbox: CloudRunSandbox;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: () => Promise<void>;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      const cloudRun = await cloudRunSandboxModule();
      sandbox = cloudRun.sandbox;
      sandbox.setGpuQuota('us-central1', 3);
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          cloudRun.module,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: { cloudDeployments: { jobs: { enabled: false } } },
          }),
        ],
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await cloudRun.provider.close();
        await sandbox.close();
      };
    });

    afterEach(() => stop());

    it("refuses a service past the project's L4 quota in its region, counting the portal's own", async () => {
      const first = await request(server)
        .post(`${base}/deployments`)
        .send(gpuService('llm-a', 2));
      expect(first.body.error?.message).toBeUndefined();
      expect(first.status).toBe(202);
      expect(first.body.quota).toMatchObject({
        outcome: 'within',
        quotaName:
          'NvidiaL4GpuAllocPerProjectRegion (Total Nvidia L4 GPU allocation, per project per region)',
        unit: 'gpus',
        limit: 3,
        inUse: 0,
        requested: 2,
      });

      const refused = await request(server)
        .post(`${base}/deployments`)
        .send(gpuService('llm-b', 2));
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        'GPU quota NvidiaL4GpuAllocPerProjectRegion (Total Nvidia L4 GPU allocation, per project per region) in us-central1 (account default) is 3; ' +
          'this portal runs 2; this deployment asks for 2. No equivalent type with a GPU has quota free for it.',
      );
      const list = await request(server).get(`${base}/deployments`);
      expect(
        (list.body.items ?? list.body).map((d: { name: string }) => d.name),
      ).toEqual(['llm-a']);

      // Another region has no value: not checked, never refused.
      const elsewhere = await request(server)
        .post(`${base}/deployments`)
        .send({ ...gpuService('llm-c', 2), region: 'europe-west4' });
      expect(elsewhere.status).toBe(202);
      expect(elsewhere.body.quota).toMatchObject({ outcome: 'unknown' });
    });

    it('never refuses when Cloud Quotas cannot be read', async () => {
      sandbox.rejectNext({
        pathPrefix: '/v1/projects/',
        status: 'PERMISSION_DENIED',
        message: "Permission 'cloudquotas.quotas.get' denied",
      });
      const res = await request(server)
        .post(`${base}/deployments`)
        .send(gpuService('llm-a', 5));
      expect(res.status).toBe(202);
      expect(res.body.quota.outcome).toBe('unknown');
      expect(res.body.quota.message).toMatch(
        /^The GPU quota in us-central1 \(account default\) could not be read, so it was not checked: .*cloudquotas.quotas.get' denied/,
      );
    });
  },
);
