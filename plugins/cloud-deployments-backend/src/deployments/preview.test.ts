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
import { Knex } from 'knex';
import request from 'supertest';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { cloudDeploymentsPlugin } from '../plugin';
import {
  noGpuInDevelopment,
  productionNeedsApproval,
} from '../__testUtils__/testPolicies';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';
const alice = mockCredentials.user.header('user:default/alice');

const policies = [productionNeedsApproval, noGpuInDevelopment];

/** A Cloud Run service in the sandbox, priced exactly from the snapshot. */
const service = {
  name: 'shop',
  title: 'Shop',
  owner: 'group:default/web-team',
  component: 'component:default/web-api',
  environment: 'staging',
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  engine: 'sdk',
  artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
  compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 4 },
};

describe.each(databases.eachSupportedId())(
  'previewing a change on %p',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let created: { id: string; version: number; estimate: any };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          gcpModule,
          sandboxes,
          mockServices.rootConfig.factory({
            data: { cloudDeployments: { jobs: { enabled: false }, policies } },
          }),
          mockServices.database.factory({ knex, migrations: { skip: false } }),
        ],
      }));
    });

    beforeEach(async () => {
      await knex('tasks').delete();
      await knex('deployments').delete();
      const res = await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', alice)
        .send(service);
      if (res.status !== 202) throw new Error(`create: ${res.text}`);
      created = res.body;
    });

    const preview = (body: object, id = created.id) =>
      request(server)
        .post(`${base}/deployments/${id}/preview`)
        .set('Authorization', alice)
        .send({ version: created.version, ...body });

    /** The same service in another environment (names are per environment). */
    async function createIn(environment: string) {
      const res = await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', alice)
        .send({ ...service, environment });
      if (res.status !== 202) throw new Error(`create: ${res.text}`);
      return res.body as { id: string; version: number };
    }

    it('shows the fields a change alters and its cost, and changes nothing', async () => {
      const res = await preview({
        artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.4.0' },
        compute: { ...service.compute, minInstances: 3 },
        ttl: 'P7D',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        version: created.version,
        outcome: 'apply',
        changes: [
          {
            path: 'artifact.image',
            before: 'europe-docker.pkg.dev/acme/web/api:2.3.1',
            after: 'europe-docker.pkg.dev/acme/web/api:2.4.0',
          },
          { path: 'compute.minInstances', before: '1', after: '3' },
          { path: 'ttl', before: '—', after: 'P7D' },
        ],
        spec: { compute: { minInstances: 3 }, ttl: 'P7D' },
        decision: { outcome: 'allow', reasons: [] },
      });
      const before = res.body.before.monthlyTotal;
      const after = res.body.after.monthlyTotal;
      expect(before).toBe(created.estimate.monthlyTotal);
      expect(after).toBeGreaterThan(before);
      expect(res.body.monthlyDelta).toBeCloseTo(after - before, 2);

      const read = await request(server)
        .get(`${base}/deployments/${created.id}`)
        .set('Authorization', alice);
      expect(read.body.version).toBe(created.version);
      expect(read.body.spec.compute.minInstances).toBe(1);
      const [{ n }] = await knex('deployment_events')
        .where({ deployment_id: created.id, type: 'updated' })
        .count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('says a change to production would wait for an approval, and why', async () => {
      const production = await createIn('production');
      const res = await preview(
        {
          version: production.version,
          compute: { ...service.compute, maxInstances: 8 },
        },
        production.id,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'approval',
        changes: [{ path: 'compute.maxInstances', before: '4', after: '8' }],
        decision: {
          outcome: 'approval',
          reasons: [{ policy: 'production-needs-approval' }],
          values: { environment: 'production' },
        },
      });
    });

    it('says a change a policy refuses would be refused, with a 200 and the policy', async () => {
      const development = await createIn('development');
      const res = await preview(
        {
          version: development.version,
          compute: { cpu: 4, memoryMiB: 16384, gpu: 1, minInstances: 1 },
        },
        development.id,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'refused',
        decision: {
          outcome: 'refuse',
          reasons: [{ policy: 'no-gpu-in-development', effect: 'refuse' }],
          values: { environment: 'development', gpuCount: 1 },
        },
      });
    });

    it('says when nothing would change, and lists a title change on its own', async () => {
      const same = await preview({ compute: service.compute });
      expect(same.body).toMatchObject({ outcome: 'unchanged', changes: [] });
      expect(same.body.decision).toBeUndefined();

      const titled = await preview({ title: 'Shop front', description: null });
      expect(titled.body).toMatchObject({
        outcome: 'apply',
        changes: [{ path: 'title', before: 'Shop', after: 'Shop front' }],
        monthlyDelta: 0,
      });
    });

    it('answers bad input with the 4xx a change would get', async () => {
      expect(
        (await preview({ compute: { ...service.compute, minInstances: 9 } }))
          .status,
      ).toBe(400);
      expect((await preview({ provider: 'kubernetes' })).status).toBe(400);
      expect((await preview({ version: 'x' })).status).toBe(400);
      expect(
        (await preview({}, '00000000-0000-4000-8000-000000000000')).status,
      ).toBe(404);
      expect((await preview({}, 'not-an-id')).status).toBe(400);
    });
  },
);
