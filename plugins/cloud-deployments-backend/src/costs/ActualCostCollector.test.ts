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
import { mockServices } from '@backstage/backend-test-utils';
import {
  CreateDeploymentRequest,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ActualCostSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  cloudRunRequest,
  sagemakerRequest,
  toNewDeployment,
} from '../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { ActualCostCollector } from './ActualCostCollector';
import { readDays } from './dailyCostRows';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const NOW = new Date('2026-12-06T09:00:00Z');
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';

/** A test billing source: answers what it is given, and records the asks. */
class ScriptedBilling implements ActualCostSource {
  readonly id = 'test-billing';
  readonly title = 'Test billing';
  readonly providers = ['gcp-cloud-run'];
  readonly kind = 'billed' as const;
  asks: Array<{ ids: string[]; from: string; to: string }> = [];
  answer: (ids: string[]) => Promise<
    Array<{
      deploymentId: string;
      day: string;
      amount: number;
      currency: string;
    }>
  > = async () => [];

  async dailyCosts(request: {
    deployments: readonly { id: string }[];
    from: string;
    to: string;
  }) {
    const ids = request.deployments.map(d => d.id);
    this.asks.push({ ids, from: request.from, to: request.to });
    return this.answer(ids);
  }
}

describe.each(databases.eachSupportedId())(
  'ActualCostCollector on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseDeploymentStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseDeploymentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        tasks: TaskQueue,
      });
    });

    /**
     * A deployment made through the store, then given a history: created at
     * the first status change, priced `monthly` from then on, and moved
     * through `statuses` at the given instants.
     */
    async function deploymentWithHistory(
      request: CreateDeploymentRequest,
      options: {
        name: string;
        sandbox?: boolean;
        monthly: number | null;
        statuses: Array<[string, DeploymentStatus]>;
      },
    ) {
      const created = await store.createDeployment(
        {
          ...toNewDeployment({ ...request, name: options.name }),
          sandbox: options.sandbox,
        },
        alice,
      );
      // ISO text, as the store writes instants.
      const createdAt = new Date(options.statuses[0][0]).toISOString();
      await knex('deployments')
        .where({ id: created.id })
        .update({
          created_at: createdAt,
          status: options.statuses[options.statuses.length - 1][1],
        });
      await knex('deployment_events')
        .where({ deployment_id: created.id, type: 'status' })
        .delete();
      let from = 'pending';
      for (const [at, to] of options.statuses) {
        await knex('deployment_events').insert({
          deployment_id: created.id,
          type: 'status',
          message: `${from} → ${to}`,
          data: JSON.stringify({ from, to }),
          actor: alice.ref,
          created_at: new Date(at).toISOString(),
        });
        from = to;
      }
      await knex('deployment_revisions')
        .where({ deployment_id: created.id })
        .update({
          created_at: createdAt,
          monthly_cost: options.monthly,
          cost_kind: options.monthly === null ? 'unknown' : 'exact',
        });
      return created.id;
    }

    async function portfolio() {
      // $73 a month is $0.10 an hour; $146 is $0.20; $36.50 is $0.05.
      const sandbox = await deploymentWithHistory(cloudRunRequest, {
        name: 'sandboxed',
        sandbox: true,
        monthly: 73,
        statuses: [
          ['2026-12-01T06:00:00Z', 'provisioning'],
          ['2026-12-01T06:30:00Z', 'active'],
        ],
      });
      const billed = await deploymentWithHistory(cloudRunRequest, {
        name: 'billed',
        monthly: 146,
        statuses: [
          ['2026-12-02T23:00:00Z', 'provisioning'],
          ['2026-12-03T00:00:00Z', 'active'],
        ],
      });
      const unbilled = await deploymentWithHistory(sagemakerRequest, {
        name: 'unbilled',
        monthly: 73,
        statuses: [['2026-12-05T12:00:00Z', 'active']],
      });
      const pod = await deploymentWithHistory(
        { ...cloudRunRequest, provider: 'kubernetes' },
        {
          name: 'pod',
          monthly: 36.5,
          statuses: [['2026-11-20T00:00:00Z', 'active']],
        },
      );
      return { sandbox, billed, unbilled, pod };
    }

    const collector = (sources: ActualCostSource[]) =>
      new ActualCostCollector({
        knex,
        sources,
        logger: mockServices.logger.mock(),
        lookbackDays: 2,
        backfillDays: 5,
        clock: () => NOW,
      });

    it('stores estimated and actual per day from each kind of source, by hand', async () => {
      const ids = await portfolio();
      const billing = new ScriptedBilling();
      billing.answer = async asked => [
        // Two lines of one day add up; a day with no line cost nothing.
        {
          deploymentId: asked[0],
          day: '2026-12-03',
          amount: 3,
          currency: 'USD',
        },
        {
          deploymentId: asked[0],
          day: '2026-12-03',
          amount: 1,
          currency: 'USD',
        },
        {
          deploymentId: asked[0],
          day: '2026-12-05',
          amount: 6.5,
          currency: 'USD',
        },
        // Not asked for: ignored.
        {
          deploymentId: UNKNOWN_ID,
          day: '2026-12-05',
          amount: 99,
          currency: 'USD',
        },
      ];
      const summary = await collector([billing]).collect();

      // First run: the 5 backfill days, and today so far; the billing source
      // is asked for the full days only.
      expect(summary).toMatchObject({ from: '2026-12-01', to: '2026-12-07' });
      expect(billing.asks).toEqual([
        { ids: [ids.billed], from: '2026-12-01', to: '2026-12-06' },
      ]);
      const span = { from: '2026-12-01', to: '2026-12-06' };
      const days = async (id: string) =>
        (await readDays(knex, [id], span)).map(d => [
          d.day,
          d.billingHours,
          d.estimated,
          d.actual,
          d.actualKind ?? null,
        ]);

      // Sandbox: synthetic usage is the running hours (from 06:30) × $0.10.
      expect(await days(ids.sandbox)).toEqual([
        ['2026-12-01', 18, 1.8, 1.75, 'sandbox'],
        ['2026-12-02', 24, 2.4, 2.4, 'sandbox'],
        ['2026-12-03', 24, 2.4, 2.4, 'sandbox'],
        ['2026-12-04', 24, 2.4, 2.4, 'sandbox'],
        ['2026-12-05', 24, 2.4, 2.4, 'sandbox'],
      ]);
      // Billed: provisioning from 23:00 on the 2nd bills one hour ($0.20),
      // read as nothing; $3 + $1 on the 3rd; nothing on the 4th; $6.50.
      expect(await days(ids.billed)).toEqual([
        ['2026-12-02', 1, 0.2, 0, 'billed'],
        ['2026-12-03', 24, 4.8, 4, 'billed'],
        ['2026-12-04', 24, 4.8, 0, 'billed'],
        ['2026-12-05', 24, 4.8, 6.5, 'billed'],
      ]);
      // No source reads SageMaker here: unknown, not $0.
      expect(await days(ids.unbilled)).toEqual([
        ['2026-12-05', 12, 1.2, null, null],
      ]);
      // Today to 09:00: the portal's own figures, and no bill yet.
      const today = async (id: string) =>
        (
          await readDays(
            knex,
            [id],
            { from: '2026-12-06', to: '2026-12-07' },
            '2026-12-06',
          )
        ).map(d => [d.complete, d.billingHours, d.estimated, d.actual]);
      expect(await today(ids.sandbox)).toEqual([[false, 9, 0.9, 0.9]]);
      expect(await today(ids.billed)).toEqual([[false, 9, 1.8, null]]);
      expect(await today(ids.pod)).toEqual([[false, 9, 0.45, 0.45]]);

      // Kubernetes: an allocation of $0.05 an hour.
      expect(await days(ids.pod)).toEqual(
        [
          '2026-12-01',
          '2026-12-02',
          '2026-12-03',
          '2026-12-04',
          '2026-12-05',
        ].map(d => [d, 24, 1.2, 1.2, 'allocation']),
      );
    });

    it('keeps what a source read before when it fails or answers nonsense', async () => {
      const ids = await portfolio();
      const billing = new ScriptedBilling();
      billing.answer = async asked => [
        {
          deploymentId: asked[0],
          day: '2026-12-05',
          amount: 6.5,
          currency: 'USD',
        },
      ];
      await collector([billing]).collect();

      billing.answer = async () => {
        throw new Error('ThrottlingException: Rate exceeded');
      };
      const failed = await collector([billing]).collect();
      expect(failed.sources).toContainEqual({
        id: 'test-billing',
        deployments: 1,
        error: 'ThrottlingException: Rate exceeded',
      });
      billing.answer = async asked => [
        {
          deploymentId: asked[0],
          day: '2026-12-05',
          amount: NaN,
          currency: 'USD',
        },
      ];
      const nonsense = await collector([billing]).collect();
      expect(
        nonsense.sources.find(x => x.id === 'test-billing')?.error,
      ).toMatch(/not money/);
      billing.answer = async asked => [
        {
          deploymentId: asked[0],
          day: '2026-11-01',
          amount: 1,
          currency: 'USD',
        },
      ];
      const outside = await collector([billing]).collect();
      expect(outside.sources.find(x => x.id === 'test-billing')?.error).toMatch(
        /outside/,
      );

      const [day5] = await readDays(knex, [ids.billed], {
        from: '2026-12-05',
        to: '2026-12-06',
      });
      expect(day5).toMatchObject({ estimated: 4.8, actual: 6.5 });
    });

    it('reads the last days again on later runs, and goes back over a gap', async () => {
      await portfolio();
      const billing = new ScriptedBilling();
      expect(await collector([billing]).collect()).toMatchObject({
        from: '2026-12-01',
      });
      // Later runs read the last 2 days again, and today.
      expect(await collector([billing]).collect()).toMatchObject({
        from: '2026-12-04',
        to: '2026-12-07',
      });
      await knex('deployment_daily_costs')
        .where('day', '>', '2026-12-03')
        .delete();
      // After a gap it reads from the day after the newest it has, less the
      // lookback: the 3rd was the newest, so from the 2nd.
      expect(await collector([billing]).collect()).toMatchObject({
        from: '2026-12-02',
      });
    });

    it('leaves billing sources out when asked to, keeping what they read', async () => {
      const ids = await portfolio();
      const billing = new ScriptedBilling();
      billing.answer = async asked => [
        {
          deploymentId: asked[0],
          day: '2026-12-05',
          amount: 6.5,
          currency: 'USD',
        },
      ];
      await collector([billing]).collect();
      const own = await collector([billing]).collect(undefined, {
        billing: false,
      });
      expect(billing.asks).toHaveLength(1);
      expect(own.sources.map(x => x.id).sort()).toEqual([
        'kubernetes-allocation',
        'sandbox-usage',
      ]);
      const [day5] = await readDays(knex, [ids.billed], {
        from: '2026-12-05',
        to: '2026-12-06',
      });
      expect(day5).toMatchObject({ estimated: 4.8, actual: 6.5 });
    });

    it('says which source reads a deployment, and why none does', () => {
      const c = collector([new ScriptedBilling()]);
      expect(
        c.sourceOf({ sandbox: true, spec: { provider: 'aws-sagemaker' } })
          .source,
      ).toMatchObject({ id: 'sandbox-usage', kind: 'sandbox' });
      expect(
        c.sourceOf({ spec: { provider: 'gcp-cloud-run' } }).source,
      ).toMatchObject({ id: 'test-billing', kind: 'billed' });
      expect(
        c.sourceOf({ spec: { provider: 'kubernetes' } }).source,
      ).toMatchObject({ id: 'kubernetes-allocation', kind: 'allocation' });
      expect(c.sourceOf({ spec: { provider: 'aws-sagemaker' } })).toEqual({
        source: null,
        note: expect.stringMatching(
          /^No billing source is configured for aws-sagemaker/,
        ),
      });
    });
  },
);
