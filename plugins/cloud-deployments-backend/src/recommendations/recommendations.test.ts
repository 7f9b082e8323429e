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
import {
  DeploymentSpec,
  Recommendation,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  TaggedCloudResource,
  UsageMetricsSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { componentProblems } from '../__testUtils__/specSchemas';
import { sagemakerRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { addDays, utcDay } from '../costs/billingTimeline';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { cloudDeploymentsPlugin } from '../plugin';
import { EstimationService } from '../pricing/EstimationService';
import { PriceCatalog } from '../pricing/PriceCatalog';
import { loadSnapshot } from '../pricing/snapshot/loadSnapshot';
import { RecommendationEngine } from './RecommendationEngine';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const api = '/api/cloud-deployments';
const DAY = 86_400_000;

// The committed snapshot, as the portal prices offline: us-east-1 SageMaker
// ml.m5.large $0.115/h, ml.g5.xlarge $1.4084/h; 730 hours a month.
const estimates = new EstimationService({
  catalog: PriceCatalog.fromSnapshot(
    loadSnapshot(path.resolve(__dirname, '../../snapshot/prices.json')),
  ),
});

/** The metrics API of a test: daily amounts per deployment, or a failure. */
class TrafficTable implements UsageMetricsSource {
  readonly id = 'test-metrics';
  readonly title = 'Test metrics';
  readonly providers = ['aws-sagemaker'];
  readonly metric = {
    name: 'Invocations',
    unit: 'requests' as const,
    idleAtOrBelow: 0,
  };
  busy = new Set<string>();
  failure?: Error;
  asked: Array<{ from: string; to: string; ids: string[] }> = [];
  async dailyTraffic(req: Parameters<UsageMetricsSource['dailyTraffic']>[0]) {
    this.asked.push({
      from: req.from,
      to: req.to,
      ids: req.deployments.map(d => d.id),
    });
    if (this.failure) throw this.failure;
    return req.deployments
      .filter(d => this.busy.has(d.id))
      .map(d => ({ deploymentId: d.id, day: addDays(req.to, -2), amount: 12 }));
  }
}

/** A target whose cloud holds these tagged resources. */
function taggedCloud(resources: () => TaggedCloudResource[]) {
  return {
    id: 'aws-sagemaker',
    title: 'AWS SageMaker',
    sandbox: true,
    listTaggedResources: async () => resources(),
  } as unknown as CloudDeploymentProvider;
}

describe.each(databases.eachSupportedId())(
  'recommendations on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let knex: Knex;
    let now: Date;
    let traffic: TrafficTable;
    let cloud: TaggedCloudResource[];
    let engine: RecommendationEngine;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          cloudDeploymentsPlugin,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          mockServices.rootConfig.factory({
            data: { cloudDeployments: { jobs: { enabled: false } } },
          }),
        ],
      }));
    });

    beforeEach(async () => {
      await knex('cost_recommendations').delete();
      await knex('cost_recommendation_runs').delete();
      await knex('deployments').delete();
      now = new Date('2026-12-06T12:00:00.000Z');
      traffic = new TrafficTable();
      cloud = [];
      const providers = new ProviderRegistry();
      providers.add(taggedCloud(() => cloud));
      engine = new RecommendationEngine({
        knex,
        estimates,
        providers,
        metrics: [traffic],
        logger: mockServices.logger.mock(),
        clock: () => now,
      });
    });

    let names = 0;
    async function deployment(options: {
      ageDays: number;
      compute?: DeploymentSpec['compute'];
      environment?: string;
      status?: string;
      ttl?: string;
      updatedDaysAgo?: number;
    }) {
      const { spec } = toNewDeployment(sagemakerRequest);
      const full = {
        ...spec,
        environment: options.environment ?? 'staging',
        compute: options.compute ?? spec.compute,
        ...(options.ttl ? { ttl: options.ttl } : {}),
      };
      const id = randomUUID();
      const created = new Date(now.getTime() - options.ageDays * DAY);
      const updated = new Date(
        now.getTime() - (options.updatedDaysAgo ?? options.ageDays) * DAY,
      );
      await knex('deployments').insert({
        id,
        name: `model-${++names}`,
        resource_name: `model-${names}`,
        owner: full.owner,
        component: full.component,
        environment: full.environment,
        provider: full.provider,
        region: full.region,
        engine: full.engine,
        spec: JSON.stringify(full),
        status: options.status ?? 'active',
        outputs: '{}',
        created_by: 'user:default/a',
        created_at: created.toISOString(),
        updated_by: 'user:default/a',
        updated_at: updated.toISOString(),
        version: 1,
        sandbox: true,
      });
      return id;
    }

    const byKind = async () => {
      const res = await request(server).get(
        `${api}/recommendations?status=open&status=accepted&status=dismissed&status=done`,
      );
      expect(res.status).toBe(200);
      expect(componentProblems('RecommendationList', res.body)).toEqual([]);
      return res.body.items as Recommendation[];
    };

    it('finds each kind on a seeded portfolio, with savings checked by hand', async () => {
      // Idle for the last 7 full days, 20 days old: a TTL of 20 + 3 days;
      // ml.m5.large × 1 saves 0.115 × 730 = $83.95 a month.
      const idle = await deployment({ ageDays: 20 });
      // Served requests two days ago: not idle.
      const busy = await deployment({ ageDays: 20 });
      traffic.busy.add(busy);
      // 5 days old: too young to call idle.
      await deployment({ ageDays: 5 });
      // A GPU type under a workload that declares 2 vCPU, 4 GiB and no GPU:
      // ml.m5.large is the cheapest that holds it. 2 × 730 × (1.4084 −
      // 0.115) = $1,888.364 → $1,888.36 a month.
      const gpu = await deployment({
        ageDays: 20,
        compute: {
          instanceType: 'ml.g5.xlarge',
          instanceCount: 2,
          cpu: 2,
          memoryMiB: 4096,
        },
      });
      traffic.busy.add(gpu);
      // Production, 40 days, no TTL: a commitment the data has no rates for.
      const steady = await deployment({
        ageDays: 40,
        environment: 'production',
      });
      traffic.busy.add(steady);
      // Destroyed two days ago, its endpoint still there: $83.95 a month.
      const gone = await deployment({
        ageDays: 30,
        status: 'destroyed',
        updatedDaysAgo: 2,
      });
      // Destroyed ten minutes ago: its delete may still be running.
      const justGone = await deployment({
        ageDays: 30,
        status: 'destroyed',
        updatedDaysAgo: 10 / 1440,
      });
      const endpoint = (
        deploymentId: string,
        name: string,
        region?: string,
      ) => ({
        deploymentId,
        kind: 'SageMaker endpoint',
        resourceId: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`,
        name,
        ...(region ? { region } : {}),
        location: '123456789012',
        config: { instanceType: 'ml.m5.large', instanceCount: 1 },
      });
      cloud = [
        endpoint(gone, 'model-gone', 'us-east-1'),
        endpoint(justGone, 'model-just-gone', 'us-east-1'),
        endpoint(idle, 'model-idle', 'us-east-1'),
        endpoint('not-a-deployment-\u202e\u0000', 'stray', undefined),
      ];

      const summary = await engine.compute();
      expect(summary).toMatchObject({ found: 5, opened: 5, resolved: 0 });
      expect(traffic.asked).toEqual([
        {
          from: '2026-11-29',
          to: '2026-12-06',
          ids: expect.arrayContaining([idle, busy, gpu, steady]),
        },
      ]);

      const items = await byKind();
      const find = (kind: string, id?: string) =>
        items.find(i => i.kind === kind && (!id || i.deploymentId === id))!;

      expect(find('idle')).toMatchObject({
        deploymentId: idle,
        status: 'open',
        title: 'Let idle model-1 expire',
        proposal: { type: 'change', spec: { ttl: 'P23D' } },
        evidence: { idleDays: 7, from: '2026-11-29', to: '2026-12-05' },
        savings: {
          monthlyTotal: 83.95,
          totalKind: 'exact',
          description: '$83.95 a month',
          lineKinds: { exact: 1, approximate: 0, missing: 0 },
        },
      });
      expect(find('rightsizing')).toMatchObject({
        deploymentId: gpu,
        title: 'Move model-4 off a GPU it does not need',
        proposal: {
          type: 'change',
          spec: {
            compute: {
              instanceType: 'ml.m5.large',
              instanceCount: 2,
              cpu: 2,
              memoryMiB: 4096,
            },
          },
        },
        savings: { monthlyTotal: 1888.36, totalKind: 'exact' },
      });
      expect(find('commitment')).toMatchObject({
        deploymentId: steady,
        proposal: { type: 'manual' },
        savings: {
          monthlyTotal: null,
          totalKind: 'unknown',
          description: expect.stringMatching(
            /^unknown: the price data has no SageMaker Savings Plans rates/,
          ),
        },
      });
      const orphans = items.filter(i => i.kind === 'orphaned');
      expect(orphans).toHaveLength(2);
      expect(find('orphaned', gone)).toMatchObject({
        resource: { name: 'model-gone', region: 'us-east-1' },
        deploymentName: 'model-6',
        savings: { monthlyTotal: 83.95, totalKind: 'exact' },
      });
      const stray = orphans.find(o => !o.deploymentId)!;
      expect(stray.savings).toMatchObject({
        monthlyTotal: null,
        totalKind: 'unknown',
      });
      // Sorted by savings, unknown last; the open sum is a lower bound.
      const res = await request(server).get(`${api}/recommendations`);
      const kinds = res.body.items.map((i: Recommendation) => i.kind);
      expect(kinds[0]).toBe('rightsizing');
      // Two of $83.95, then the two without a figure.
      expect(kinds.slice(1, 3).sort()).toEqual(['idle', 'orphaned']);
      expect(kinds.slice(3).sort()).toEqual(['commitment', 'orphaned']);
      expect(stray.resource!.name).toBe('stray');
      expect(stray.evidence.taggedDeploymentId).toBe(
        'not-a-deployment-\u202e\ufffd',
      );
      // 1,888.36 + 83.95 + 83.95 = 2,056.26, two without a figure.
      expect(res.body.openSavings).toMatchObject({
        pricedSubtotal: 2056.26,
        monthlyTotal: null,
        totalKind: 'partial',
        description: '≥ $2,056.26 a month, 2 without a figure',
      });
      expect(res.body.gaps).toEqual([]);
      expect(res.body.computedAt).toBe(now.toISOString());
    });

    it('keeps decisions, resolves what no longer holds, and never what it could not see', async () => {
      const idle = await deployment({ ageDays: 20 });
      await engine.compute();
      let [rec] = await byKind();

      // Accepting checks the version, and changes nothing else.
      const stale = await request(server)
        .patch(`${api}/recommendations/${rec.id}`)
        .send({ status: 'accepted', version: 7 });
      expect(stale.status).toBe(409);
      const accepted = await request(server)
        .patch(`${api}/recommendations/${rec.id}`)
        .send({ status: 'accepted', version: 1, reason: 'TTL set' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        status: 'accepted',
        version: 2,
        statusReason: 'TTL set',
      });
      expect(componentProblems('Recommendation', accepted.body)).toEqual([]);

      // The metrics source fails: nothing it covers is resolved.
      traffic.busy.add(idle);
      traffic.failure = new Error('ThrottlingException');
      const blind = await engine.compute();
      expect(blind.resolved).toBe(0);
      expect(blind.gaps).toEqual([
        'Test metrics: traffic could not be read (ThrottlingException); idle deployments of aws-sagemaker not looked for',
      ]);
      [rec] = await byKind();
      expect(rec.status).toBe('accepted');

      // Seen again with traffic: the accepted change was made.
      traffic.failure = undefined;
      expect(await engine.compute()).toMatchObject({ resolved: 1 });
      [rec] = await byKind();
      expect(rec).toMatchObject({
        status: 'done',
        statusChangedBy: 'system',
        statusReason: 'the accepted change was made',
        version: 3,
      });
      const late = await request(server)
        .patch(`${api}/recommendations/${rec.id}`)
        .send({ status: 'dismissed', version: 3 });
      expect(late.status).toBe(409);

      // Idle again: it opens again; a dismissal then holds across runs.
      traffic.busy.clear();
      expect(await engine.compute()).toMatchObject({ opened: 1 });
      [rec] = await byKind();
      expect(rec).toMatchObject({
        status: 'open',
        statusReason: 'found again',
      });
      await request(server)
        .patch(`${api}/recommendations/${rec.id}`)
        .send({ status: 'dismissed', version: rec.version })
        .expect(200);
      await engine.compute();
      [rec] = await byKind();
      expect(rec.status).toBe('dismissed');
      expect(
        (await request(server).get(`${api}/recommendations`)).body.items,
      ).toEqual([]);
    });

    it('refuses bad queries and bodies with 400 and unknown ids with 404', async () => {
      const bad = [
        `${api}/recommendations?status=closed`,
        `${api}/recommendations?kind=%00`,
        `${api}/recommendations?deploymentId=${'x'.repeat(200)}`,
        `${api}/recommendations?deploymentId=${'-'.repeat(36)}&status=nope`,
        `${api}/recommendations?extra=1`,
      ];
      for (const url of bad) {
        expect((await request(server).get(url)).status).toBe(400);
      }
      expect(
        (
          await request(server).get(
            `${api}/recommendations?deploymentId=${'-'.repeat(36)}`,
          )
        ).body.items,
      ).toEqual([]);
      const id = randomUUID();
      for (const body of [
        {},
        { status: 'done', version: 1 },
        { status: 'accepted', version: 0 },
        { status: 'accepted', version: 1, reason: '\u202e' },
        { status: 'accepted', version: 1, extra: true },
      ]) {
        expect(
          (
            await request(server)
              .patch(`${api}/recommendations/${id}`)
              .send(body)
          ).status,
        ).toBe(400);
      }
      expect(
        (
          await request(server)
            .patch(`${api}/recommendations/${id}`)
            .send({ status: 'accepted', version: 1 })
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server)
            .patch(`${api}/recommendations/nope`)
            .send({ status: 'accepted', version: 1 })
        ).status,
      ).toBe(400);
    });
  },
);

// Keeps the day helpers honest against the clock the engine uses.
it('looks at the last full days before today', () => {
  expect(addDays(utcDay(Date.parse('2026-12-06T12:00:00Z')), -7)).toBe(
    '2026-11-29',
  );
});
