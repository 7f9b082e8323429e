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
import awsModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import azureModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudDeploymentsPlugin } from '../plugin';
import { TTL_EXPIRY_REASON } from '../reconcile/ttl';
import { addDays, utcDay } from './billingTimeline';
import { DEMO_ACTOR, readSeedHistoryDays } from './demoHistory';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const FRAUD = 'de300000-0000-4000-8000-000000000001';
const SHOP = 'de300000-0000-4000-8000-000000000002';
const PREVIEW_17 = 'de300000-0000-4000-8000-000000000003';
const PREVIEW_42 = 'de300000-0000-4000-8000-000000000004';
const EMBEDDINGS = 'de300000-0000-4000-8000-000000000005';

describe.each(databases.eachSupportedId())('demo history on %p', databaseId => {
  let knex: Knex;
  const backends: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    knex = await databases.init(databaseId);
  });

  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
  });

  /** A portal with the sandboxes and these provider modules, seeding 30 days. */
  async function start(modules: unknown[]) {
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        sandboxes,
        ...(modules as any[]),
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.rootConfig.factory({
          data: {
            cloudDeployments: {
              demo: { seedHistoryDays: 30 },
              jobs: { pollInterval: { seconds: 1 } },
            },
          },
        }),
      ],
    });
    backends.push(backend);
    return backend;
  }

  const rowsOf = (id: string) =>
    knex('deployment_daily_costs')
      .where({ deployment_id: id })
      .orderBy('day', 'asc');

  it('seeds sandbox history once, across restarts and replicas, leaving the rest alone', async () => {
    const now = Date.now();
    // Only Cloud Run is installed: only its demo deployment is seeded.
    const cloudRunOnly = await start([gcpModule]);
    expect(
      (await knex('deployments').select('id')).map(r => r.id).sort(),
    ).toEqual([SHOP]);
    // Stopped, so that its worker (which has no SageMaker) takes no task of
    // the portals started next.
    await cloudRunOnly.stop();
    backends.splice(backends.indexOf(cloudRunOnly), 1);

    // A real deployment with a billed day, seeded around but never touched.
    const day = addDays(utcDay(now), -3);
    await knex('deployments').insert({
      id: '00000000-0000-4000-8000-00000000beef',
      name: 'real-one',
      resource_name: 'real-one',
      owner: 'group:default/team-a',
      component: 'component:default/shop',
      environment: 'production',
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      engine: 'sdk',
      spec: JSON.stringify({ provider: 'aws-sagemaker' }),
      status: 'destroyed',
      created_by: 'user:default/a',
      created_at: new Date(now - 40 * 86_400_000).toISOString(),
      updated_by: 'user:default/a',
      updated_at: new Date(now - 40 * 86_400_000).toISOString(),
      sandbox: false,
    });
    const real = {
      deployment_id: '00000000-0000-4000-8000-00000000beef',
      day,
      billing_hours: 24,
      running_hours: 24,
      estimated: 7,
      estimate_kind: 'exact',
      actual: 5,
      actual_kind: 'billed',
      actual_source: 'test-billing',
      actual_currency: 'USD',
      actual_read_at: new Date(now).toISOString(),
      updated_at: new Date(now).toISOString(),
    };
    await knex('deployment_daily_costs').insert(real);

    // Two replicas start at once with every module: each demo deployment
    // is written once, the Cloud Run one not again.
    await Promise.all([
      start([awsModule, gcpModule, azureModule]),
      start([awsModule, gcpModule, azureModule]),
    ]);
    const seeded = await knex('deployments')
      .whereIn('id', [FRAUD, SHOP, PREVIEW_17, PREVIEW_42, EMBEDDINGS])
      .orderBy('name');
    expect(seeded.map(r => [r.name, Boolean(r.sandbox)])).toEqual([
      ['demo-embeddings', true],
      ['demo-fraud-scorer', true],
      ['demo-preview-17', true],
      ['demo-preview-42', true],
      ['demo-shop-api', true],
    ]);
    expect(
      Number(
        (
          await knex('deployment_events')
            .where({ deployment_id: SHOP, type: 'created' })
            .count({ n: '*' })
        )[0].n,
      ),
    ).toBe(1);
    expect(
      await knex('deployment_daily_costs')
        .where({ deployment_id: real.deployment_id })
        .select(Object.keys(real)),
    ).toEqual([
      expect.objectContaining({
        estimated: 7,
        actual: 5,
        actual_kind: 'billed',
      }),
    ]);

    // The three still running are redeployed into their sandboxes, for real.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const statuses = await knex('deployments')
        .whereIn('id', [FRAUD, SHOP, EMBEDDINGS])
        .pluck('status');
      if (statuses.every(s => s === 'active')) break;
      if (!statuses.every(s => ['updating', 'active'].includes(s))) {
        const rows = await knex('deployments')
          .whereIn('id', [FRAUD, SHOP, EMBEDDINGS])
          .select('name', 'status', 'status_reason');
        throw new Error(`not running: ${JSON.stringify(rows)}`);
      }
      if (Date.now() > deadline) throw new Error(`still ${statuses}`);
      await new Promise(r => setTimeout(r, 500));
    }

    // 30 days of history, worked out by the collector from the seeded
    // timeline. ml.m5.large is $0.115 an hour: $2.76 a day, $5.52 with
    // the second instance from 5 days ago; sandbox usage the same.
    const fraud = await rowsOf(FRAUD);
    const start30 = utcDay(
      Math.floor(now / 3_600_000) * 3_600_000 - 30 * 86_400_000,
    );
    expect(fraud[0].day).toBe(start30);
    expect(fraud.length).toBeGreaterThanOrEqual(31);
    const full = (d: string) => fraud.find(r => r.day === d)!;
    const early = full(addDays(start30, 2));
    expect([Number(early.estimated), Number(early.actual)]).toEqual([
      2.76, 2.76,
    ]);
    expect(early).toMatchObject({
      actual_kind: 'sandbox',
      actual_source: 'sandbox-usage',
      estimate_kind: 'exact',
    });
    const late = full(addDays(utcDay(now), -2));
    expect([Number(late.estimated), Number(late.actual)]).toEqual([5.52, 5.52]);

    // The TTL-destroyed ones bill until their destroy, then nothing; the
    // reason is the reconciler's, so TTL savings find them.
    const preview = await rowsOf(PREVIEW_42);
    const created42 = utcDay(
      Math.floor(now / 3_600_000) * 3_600_000 - 12 * 86_400_000,
    );
    expect(preview[0].day).toBe(created42);
    expect(preview[preview.length - 1].day).toBe(addDays(created42, 7));
    const destroy = await knex('deployment_events')
      .where({ deployment_id: PREVIEW_42, type: 'status' })
      .where('message', 'like', '%→ destroying%')
      .first();
    expect(TTL_EXPIRY_REASON.test(JSON.parse(destroy.data).reason)).toBe(true);
    expect(destroy.actor).toBe('plugin:cloud-deployments');
    expect((await rowsOf(PREVIEW_17)).length).toBe(4);
    expect(seeded[0].created_by).toBe(DEMO_ACTOR.ref);

    // A restart: nothing more is written.
    const events = await knex('deployment_events').count({ n: '*' });
    const rows = await knex('deployments').count({ n: '*' });
    await start([awsModule, gcpModule, azureModule]);
    expect(await knex('deployments').count({ n: '*' })).toEqual(rows);
    const after = Number(
      (await knex('deployment_events').count({ n: '*' }))[0].n,
    );
    // One created event per demo deployment (the real one was written
    // directly); only the running ones' log lines may have grown.
    expect(
      Number(
        (
          await knex('deployment_events')
            .where({ type: 'created' })
            .count({ n: '*' })
        )[0].n,
      ),
    ).toBe(5);
    expect(after).toBeGreaterThanOrEqual(Number(events[0].n));
  });
});

describe('readSeedHistoryDays', () => {
  const read = (value: number) =>
    readSeedHistoryDays(
      mockServices.rootConfig({
        data: { cloudDeployments: { demo: { seedHistoryDays: value } } },
      }),
    );
  it('is off by default and refuses days out of range', () => {
    expect(readSeedHistoryDays(mockServices.rootConfig())).toBeUndefined();
    expect(read(0)).toBeUndefined();
    expect(read(30)).toBe(30);
    expect(() => read(7)).toThrow(/from 14 to 90, not 7/);
    expect(() => read(91)).toThrow(/not 91/);
    expect(() => read(20.5)).toThrow(/not 20.5/);
  });
});
