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
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import request from 'supertest';
import { cloudDeploymentsPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { kubernetesSandboxModule } from '../__testUtils__/sandboxProviders';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

/** A GPU workload of `replicas` pods of one GPU each. */
const gpuWorkload = (name: string, replicas: number) => ({
  name,
  owner: 'group:default/ml-team',
  component: 'component:default/trainer',
  environment: 'production',
  provider: 'kubernetes',
  region: 'local',
  engine: 'kubernetes',
  artifact: { image: 'ghcr.io/acme/trainer:1.0.0' },
  compute: { cpu: 1, memoryMiB: 1024, gpu: 1, instanceCount: replicas },
});

describe.each(databases.eachSupportedId())(
  'the GPU quota pre-flight of a Kubernetes namespace on %p',
  databaseId => {
    let sandbox: KubernetesSandbox;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: () => Promise<void>;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      const kubernetes = await kubernetesSandboxModule();
      sandbox = kubernetes.sandbox;
      sandbox.setGpuQuota('default', 2);
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          kubernetes.module,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: {
              cloudDeployments: {
                jobs: {
                  pollInterval: { milliseconds: 50 },
                  idlePollInterval: { milliseconds: 50 },
                },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await sandbox.close();
      };
    });

    afterEach(() => stop());

    async function until(id: string, status: string): Promise<any> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const res = await request(server).get(`${base}/deployments/${id}`);
        if (res.body.status === status) return res.body;
        if (Date.now() > deadline) {
          throw new Error(`${id} is ${res.body.status}, not ${status}`);
        }
        await new Promise(r => setTimeout(r, 25));
      }
    }

    it("counts the GPUs the cluster's quota says are used, but not the changed deployment's own", async () => {
      const first = await request(server)
        .post(`${base}/deployments`)
        .send(gpuWorkload('trainer-a', 2));
      expect(first.status).toBe(202);
      expect(first.body.quota).toMatchObject({
        outcome: 'within',
        unit: 'gpus',
        limit: 2,
        inUse: 0,
        requested: 2,
      });
      const active = await until(first.body.id, 'active');

      const refused = await request(server)
        .post(`${base}/deployments`)
        .send(gpuWorkload('trainer-b', 1));
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        'GPU quota ResourceQuota default/gpu-quota (requests.nvidia.com/gpu, cluster local) in local (account default) is 2; 2 in use; this deployment asks for 1. ' +
          'No equivalent type with a GPU has quota free for it.',
      );

      // The same GPUs under a new image replace what the cluster counts.
      const changed = await request(server)
        .patch(`${base}/deployments/${active.id}`)
        .send({
          version: active.version,
          artifact: { image: 'ghcr.io/acme/trainer:1.1.0' },
        });
      expect(changed.status).toBe(200);
    });
  },
);
