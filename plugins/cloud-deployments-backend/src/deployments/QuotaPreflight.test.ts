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
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import { cloudDeploymentsPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { sageMakerSandboxModule } from '../__testUtils__/sandboxProviders';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

const fastJobs = {
  pollInterval: { milliseconds: 50 },
  idlePollInterval: { milliseconds: 50 },
  backoff: { milliseconds: 20 },
  maxBackoff: { milliseconds: 100 },
  lease: { seconds: 5 },
};

/** A SageMaker GPU endpoint of `count` ml.g5.xlarge instances. */
function gpuModel(name: string, count: number, region = 'us-east-1') {
  return {
    name,
    owner: 'group:default/ml-team',
    component: 'component:default/fraud-model',
    environment: 'staging',
    provider: 'aws-sagemaker',
    region,
    engine: 'sdk',
    artifact: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1' },
    compute: { instanceType: 'ml.g5.xlarge', instanceCount: count },
  };
}

describe.each(databases.eachSupportedId())(
  'the GPU quota pre-flight on %p',
  databaseId => {
    let knex: Knex;
    let sandbox: SageMakerSandbox;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: (() => Promise<void>) | undefined;

    async function start(options: {
      onExceeded?: 'refuse' | 'warn';
      jobs?: boolean;
    }) {
      knex = await databases.init(databaseId);
      await knex('tasks')
        .delete()
        .catch(() => {});
      await knex('deployments')
        .delete()
        .catch(() => {});
      const sageMaker = await sageMakerSandboxModule();
      sandbox = sageMaker.sandbox;
      // The limits of the test: 2 ml.g5.xlarge, 4 ml.g4dn.xlarge.
      sandbox.setEndpointQuota('ml.g5.xlarge', 2);
      sandbox.setEndpointQuota('ml.g4dn.xlarge', 4);
      const backend = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          sageMaker.module,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: {
              cloudDeployments: {
                jobs: options.jobs ? fastJobs : { enabled: false },
                ...(options.onExceeded
                  ? { quota: { onExceeded: options.onExceeded } }
                  : {}),
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await sageMaker.provider.close();
        await sandbox.close();
      };
    }

    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    const create = (body: object) =>
      request(server).post(`${base}/deployments`).send(body);

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

    it('accepts within the quota, then refuses past it with the numbers and an equivalent type', async () => {
      await start({});
      const first = await create(gpuModel('fraud-a', 2));
      expect(first.status).toBe(202);
      expect(first.body.quota).toEqual({
        outcome: 'within',
        message:
          'ml.g5.xlarge endpoint quota in us-east-1 (account default) is 2; this portal runs 0; this deployment asks for 2.',
        quotaName: 'ml.g5.xlarge for endpoint usage',
        unit: 'instances',
        limit: 2,
        inUse: 0,
        requested: 2,
      });

      const refused = await create(gpuModel('fraud-b', 1));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ name: 'ConflictError' });
      expect(refused.body.error.message).toBe(
        'ml.g5.xlarge endpoint quota in us-east-1 (account default) is 2; this portal runs 2; this deployment asks for 1. ' +
          'ml.g4dn.xlarge has quota 4 free, $490.56/month less (exact, priced from ' +
          'aws-samples/foundation-model-benchmarking-tool @ 39ce6b9, fmbench/configs/pricing.yml of 2025-01-26).',
      );
      // Nothing was written for the refused request.
      const rows = await knex('deployments').select('name');
      expect(rows.map(r => r.name)).toEqual(['fraud-a']);
    });

    it('says an approximate difference is approximate, naming the region whose prices stand in', async () => {
      await start({});
      expect((await create(gpuModel('west-a', 2, 'us-west-2'))).status).toBe(
        202,
      );
      const refused = await create(gpuModel('west-b', 1, 'us-west-2'));
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(
        'ml.g4dn.xlarge has quota 4 free, $490.56/month less (approximate, us-east-1 prices standing in, priced from',
      );
    });

    it('counts only the same region and live deployments, and not the one being changed', async () => {
      await start({});
      const a = (await create(gpuModel('fraud-a', 2))).body;
      // Another region's endpoints hold another quota.
      expect((await create(gpuModel('fraud-w', 2, 'us-west-2'))).status).toBe(
        202,
      );
      // A change of the deployment at the limit does not count it twice.
      const changed = await request(server)
        .patch(`${base}/deployments/${a.id}`)
        .send({
          version: a.version,
          artifact: {
            image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:2',
          },
        });
      expect(changed.status).toBe(200);
      // Growing it past the quota is refused.
      const grown = await request(server)
        .patch(`${base}/deployments/${a.id}`)
        .send({
          version: changed.body.version,
          compute: { instanceType: 'ml.g5.xlarge', instanceCount: 3 },
        });
      expect(grown.status).toBe(409);
      expect(grown.body.error.message).toMatch(
        /^ml\.g5\.xlarge endpoint quota in us-east-1 \(account default\) is 2; this portal runs 0; this deployment asks for 3\./,
      );
      // A destroyed deployment holds nothing.
      await knex('deployments')
        .where({ id: a.id })
        .update({ status: 'destroyed' });
      expect((await create(gpuModel('fraud-b', 2))).status).toBe(202);
    });

    it('shows the refusal in the preview of a change, before it is sent', async () => {
      await start({});
      const a = (await create(gpuModel('fraud-a', 1))).body;
      const preview = (instanceCount: number) =>
        request(server)
          .post(`${base}/deployments/${a.id}/preview`)
          .send({
            version: a.version,
            compute: { instanceType: 'ml.g5.xlarge', instanceCount },
          });
      const within = await preview(2);
      expect(within.status).toBe(200);
      expect(within.body).toMatchObject({
        outcome: 'apply',
        quota: { outcome: 'within', inUse: 0, requested: 2 },
      });
      const over = await preview(3);
      expect(over.status).toBe(200);
      expect(over.body.outcome).toBe('refused');
      expect(over.body.quota).toMatchObject({
        outcome: 'exceeded',
        limit: 2,
        inUse: 0,
        requested: 3,
        suggestion: { instanceType: 'ml.g4dn.xlarge', free: 4 },
      });
    });

    it('warns instead when configured to, in the answer and the log', async () => {
      await start({ onExceeded: 'warn' });
      await create(gpuModel('fraud-a', 2));
      const warned = await create(gpuModel('fraud-b', 1));
      expect(warned.status).toBe(202);
      expect(warned.body.quota).toMatchObject({
        outcome: 'exceeded',
        limit: 2,
        inUse: 2,
        requested: 1,
        suggestion: {
          instanceType: 'ml.g4dn.xlarge',
          free: 4,
          monthlyDelta: -490.56,
          certainty: 'exact',
          approximateFrom: [],
        },
      });
      const events = (
        await request(server).get(
          `${base}/deployments/${warned.body.id}/events`,
        )
      ).body.items;
      expect(events.map((e: any) => e.message)).toContainEqual(
        expect.stringMatching(
          /^GPU quota: ml\.g5\.xlarge endpoint quota .* is 2; this portal runs 2; this deployment asks for 1\. ml\.g4dn\.xlarge has quota 4 free/,
        ),
      );
    });

    it('never refuses when the quota cannot be read: it is unknown', async () => {
      await start({});
      await create(gpuModel('fraud-a', 2));
      sandbox.reject({
        operation: 'ListServiceQuotas',
        type: 'AccessDeniedException',
        message:
          'User: arn:aws:iam::123456789012:user/portal is not authorized to perform: servicequotas:ListServiceQuotas',
      });
      const accepted = await create(gpuModel('fraud-b', 1));
      expect(accepted.status).toBe(202);
      expect(accepted.body.quota).toEqual({
        outcome: 'unknown',
        message: expect.stringMatching(
          /^The ml\.g5\.xlarge quota in us-east-1 \(account default\) could not be read, so it was not checked: .*AccessDeniedException.*servicequotas:ListServiceQuotas/,
        ),
      });
      // A type without a listed quota is unknown too.
      sandbox.setEndpointQuota('ml.g5.xlarge', undefined);
      const unlisted = await create(gpuModel('fraud-c', 1));
      expect(unlisted.status).toBe(202);
      expect(unlisted.body.quota.outcome).toBe('unknown');
    });

    it('does not check deployments without a GPU', async () => {
      await start({});
      const cpu = await create({
        ...gpuModel('cpu-a', 1),
        compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
      });
      expect(cpu.status).toBe(202);
      expect(cpu.body.quota).toBeUndefined();
      expect(sandbox.requestCount('ListServiceQuotas')).toBe(0);
    });

    it('fails for want of capacity with a clear reason and the same suggestion', async () => {
      await start({ jobs: true });
      sandbox.setCapacity('ml.g5.xlarge', false);
      const created = (await create(gpuModel('fraud-a', 1))).body;
      const failed = await until(created.id, 'failed');
      expect(failed.statusReason).toMatch(
        /^SageMaker endpoint [a-z0-9-]+ is Failed: Unable to provision requested ML compute capacity.*; an equivalent type may be used instead: ml\.g4dn\.xlarge has quota 4 free, \$490\.56\/month less \(exact, priced from/,
      );
    });

    it('fails past the quota SageMaker enforces with the numbers and the same suggestion', async () => {
      await start({ onExceeded: 'warn', jobs: true });
      const created = (await create(gpuModel('fraud-a', 3))).body;
      expect(created.quota.outcome).toBe('exceeded');
      const failed = await until(created.id, 'failed');
      expect(failed.statusReason).toMatch(
        /ResourceLimitExceeded: The account-level service limit 'ml\.g5\.xlarge for endpoint usage' is 2 Instances, with current utilization of 0 Instances and a request delta of 3 Instances.*; an equivalent type may be used instead: ml\.g4dn\.xlarge has quota 4 free/,
      );
    });
  },
);
