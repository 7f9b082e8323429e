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
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { componentProblems } from '../__testUtils__/specSchemas';
import { cloudDeploymentsPlugin } from '../plugin';
import { addDays, utcDay } from './billingTimeline';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const api = '/api/cloud-deployments';

describe.each(databases.eachSupportedId())('cost routes on %p', databaseId => {
  let server: Parameters<typeof request>[0];
  let knex: Knex;
  const today = utcDay(Date.now());

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
    await knex('deployments').delete();
  });

  let names = 0;
  async function deployment(options: {
    owner: string;
    provider: string;
    sandbox?: boolean;
    days: Array<[number, number | null, number | null]>;
  }) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await knex('deployments').insert({
      id,
      name: `d-${++names}`,
      owner: options.owner,
      component: 'component:default/shop',
      environment: 'production',
      provider: options.provider,
      region: 'us-east-1',
      engine: 'sdk',
      spec: JSON.stringify({ provider: options.provider }),
      status: 'active',
      created_by: 'user:default/a',
      created_at: now,
      updated_by: 'user:default/a',
      updated_at: now,
      sandbox: options.sandbox ?? false,
    });
    // [days ago, estimated, actual]
    for (const [ago, estimated, actual] of options.days) {
      await knex('deployment_daily_costs').insert({
        deployment_id: id,
        day: addDays(today, -ago),
        billing_hours: 24,
        running_hours: 24,
        estimated,
        estimate_kind: estimated === null ? 'unknown' : 'exact',
        actual,
        actual_kind: actual === null ? null : 'billed',
        actual_source: actual === null ? null : 'test-billing',
        actual_currency: actual === null ? null : 'USD',
        actual_read_at: actual === null ? null : now,
        updated_at: now,
      });
    }
    return id;
  }

  it('gives a deployment its days and the comparison of the last 7', async () => {
    // 10 days of $10 estimated; billed $10 a day, then $14 for the last 3:
    // the last 7 days are $70 estimated against $82, ratio 1.171.
    const id = await deployment({
      owner: 'group:default/team-a',
      provider: 'aws-sagemaker',
      days: [
        ...Array.from({ length: 10 }, (_, i) => [
          10 - i,
          10,
          10 - i <= 3 ? 14 : 10,
        ]),
        // Today so far: listed, never compared.
        [0, 4, 9],
      ] as Array<[number, number, number]>,
    });
    const res = await request(server).get(`${api}/deployments/${id}/costs`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      deploymentId: id,
      currency: 'USD',
      from: addDays(today, -30),
      to: addDays(today, 1),
      actualSource: null,
      actualNote: expect.stringMatching(/^No billing source is configured/),
      comparison: {
        from: addDays(today, -7),
        to: today,
        daysCompared: 7,
        estimated: 70,
        actual: 82,
        ratio: 1.171,
        flagged: false,
      },
    });
    expect(componentProblems('DeploymentCostHistory', res.body)).toEqual([]);
    expect(res.body.days).toHaveLength(11);
    expect(res.body.days[10]).toMatchObject({ day: today, complete: false });
    expect(res.body.days[9]).toEqual({
      day: addDays(today, -1),
      complete: true,
      billingHours: 24,
      estimated: 10,
      estimateKind: 'exact',
      actual: 14,
      actualKind: 'billed',
      actualSource: 'test-billing',
      actualCurrency: 'USD',
    });

    const short = await request(server).get(
      `${api}/deployments/${id}/costs?days=2`,
    );
    expect(short.body.days.map((d: { day: string }) => d.day)).toEqual([
      addDays(today, -2),
      addDays(today, -1),
      today,
    ]);
  });

  it('forecasts the month from its days so far and the live estimates', async () => {
    // A live deployment of $73 a month ($0.10 an hour), no TTL, with this
    // month's days so far: the forecast adds its hours to the month's end.
    const id = await deployment({
      owner: 'group:default/team-a',
      provider: 'aws-sagemaker',
      days: [[0, 1, null]],
    });
    await knex('deployments')
      .where({ id })
      .update({
        estimate: JSON.stringify({
          currency: 'USD',
          monthlyTotal: 73,
          pricedSubtotal: 73,
          totalKind: 'exact',
          complete: true,
          missingLines: 0,
          approximateFrom: [],
          lines: [
            {
              description: 'Instance hours',
              quantity: 730,
              unit: 'hour',
              unitPrice: 0.1,
              monthlyCost: 73,
              sku: 'x',
              region: 'us-east-1',
              kind: 'exact',
            },
          ],
          assumptions: {},
          warnings: [],
          estimatedAt: new Date().toISOString(),
        }),
      });
    const before = Date.now();
    const res = await request(server).get(`${api}/costs/forecast`);
    expect(res.status).toBe(200);
    expect(componentProblems('CostForecast', res.body)).toEqual([]);
    const now = new Date(res.body.asOf).getTime();
    const monthEnd = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth() + 1,
      1,
    );
    const rest = Math.round(((monthEnd - now) / 3_600_000) * 0.1 * 100) / 100;
    expect(now).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body).toMatchObject({
      month: utcDay(now).slice(0, 7),
      monthToDate: { actual: 0, estimated: 1, total: 1, withoutFigure: 0 },
      rest: { deployments: 1, withoutEstimate: 0, ttlEnding: [] },
      forecastKind: 'exact',
    });
    expect(res.body.rest.total).toBeCloseTo(rest, 1);
    expect(
      (await request(server).get(`${api}/costs/forecast?month=1`)).status,
    ).toBe(400);
  });

  it('refuses bad queries and ids with a 4xx', async () => {
    const id = await deployment({
      owner: 'group:default/team-a',
      provider: 'kubernetes',
      days: [],
    });
    for (const [path, status] of [
      [`/deployments/${id}/costs?days=0`, 400],
      [`/deployments/${id}/costs?days=367`, 400],
      [`/deployments/${id}/costs?days=1e400`, 400],
      [`/deployments/${id}/costs?days=abc`, 400],
      [`/deployments/${id}/costs?other=1`, 400],
      [`/deployments/not-a-uuid/costs`, 400],
      [`/deployments/${randomUUID()}/costs`, 404],
      ['/costs/estimate-vs-actual?groupBy=region', 400],
      ['/costs/estimate-vs-actual?days=91', 400],
      ['/costs/estimate-vs-actual?groupBy=owner&groupBy=provider', 400],
      ['/costs/movers?days=0', 400],
      ['/costs/movers?days=46', 400],
      ['/costs/movers?limit=51', 400],
      ['/costs/movers?days=x', 400],
      ['/costs/movers?groupBy=owner', 400],
      ['/costs/budgets?month=2026-12', 400],
      ['/costs/ttl-savings?period=year', 400],
      ['/costs/ttl-savings?period=month&period=all', 400],
      ['/costs/emissions?owner=group:default/team-a', 400],
    ] as const) {
      const res = await request(server).get(`${api}${path}`);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body.error.message).toBeTruthy();
    }
    const empty = await request(server).get(`${api}/deployments/${id}/costs`);
    expect(componentProblems('DeploymentCostHistory', empty.body)).toEqual([]);
    expect(empty.body).toMatchObject({
      days: [],
      actualSource: { id: 'kubernetes-allocation', kind: 'allocation' },
      comparison: {
        daysCompared: 0,
        ratio: null,
        estimated: null,
        actual: null,
        flagged: false,
      },
    });
  });

  it('compares per owner and provider, and lists the flagged deployments', async () => {
    // team-a: $10 vs $10 and $10 vs $15 (flagged, 1.5); team-b: $20 vs
    // $15 (0.75, flagged) and a day with no actual (not compared).
    const even = await deployment({
      owner: 'group:default/team-a',
      provider: 'aws-sagemaker',
      days: [[1, 10, 10]],
    });
    const over = await deployment({
      owner: 'group:default/team-a',
      provider: 'gcp-cloud-run',
      days: [[1, 10, 15]],
    });
    const under = await deployment({
      owner: 'group:default/team-b',
      provider: 'gcp-cloud-run',
      days: [
        [2, 20, 15],
        [1, 20, null],
      ],
    });
    const res = await request(server).get(
      `${api}/costs/estimate-vs-actual?days=7`,
    );
    expect(res.status).toBe(200);
    expect(componentProblems('EstimateVsActualReport', res.body)).toEqual([]);
    expect(res.body.groupBy).toBe('owner');
    expect(
      res.body.groups.map((g: any) => [
        g.key,
        g.deployments,
        g.comparison.estimated,
        g.comparison.actual,
        g.comparison.ratio,
        g.comparison.flagged,
        g.comparison.daysWithoutActual,
      ]),
    ).toEqual([
      ['group:default/team-a', 2, 20, 25, 1.25, true, 0],
      ['group:default/team-b', 1, 20, 15, 0.75, true, 1],
    ]);
    expect(
      res.body.flagged.map((f: any) => [f.id, f.comparison.ratio]),
    ).toEqual([
      [over, 1.5],
      [under, 0.75],
    ]);
    expect(res.body.flagged.map((f: any) => f.id)).not.toContain(even);

    const daily = await request(server).get(
      `${api}/costs/daily?groupBy=owner&days=7`,
    );
    expect(daily.status).toBe(200);
    expect(componentProblems('CostTimeline', daily.body)).toEqual([]);
    // Day −2: team-b $20 vs $15. Day −1: team-a $20 vs $25, team-b $20
    // estimated with no actual (counted, not added as $0).
    expect(daily.body).toMatchObject({
      from: addDays(today, -7),
      to: addDays(today, 1),
      keys: ['group:default/team-a', 'group:default/team-b'],
      days: [
        {
          day: addDays(today, -2),
          complete: true,
          estimated: 20,
          actual: 15,
          withoutActual: 0,
          groups: { 'group:default/team-b': { estimated: 20, actual: 15 } },
        },
        {
          day: addDays(today, -1),
          estimated: 40,
          actual: 25,
          withoutEstimate: 0,
          withoutActual: 1,
          groups: {
            'group:default/team-a': { estimated: 20, actual: 25 },
            'group:default/team-b': { estimated: 20, actual: 0 },
          },
        },
      ],
    });
    expect(
      (await request(server).get(`${api}/costs/daily?days=0`)).status,
    ).toBe(400);

    const byProvider = await request(server).get(
      `${api}/costs/estimate-vs-actual?groupBy=provider`,
    );
    expect(
      byProvider.body.groups.map((g: any) => [g.key, g.comparison.ratio]),
    ).toEqual([
      ['gcp-cloud-run', 1],
      ['aws-sagemaker', 1],
    ]);
  });

  it('answers the overview reports in the shape of the spec', async () => {
    // Up from $10 a day to $14 over the last 7 full days.
    await deployment({
      owner: 'group:default/team-a',
      provider: 'aws-sagemaker',
      days: Array.from({ length: 14 }, (_, i) => [
        14 - i,
        10,
        14 - i <= 7 ? 14 : 10,
      ]) as Array<[number, number, number]>,
    });
    const movers = await request(server).get(`${api}/costs/movers?limit=3`);
    expect(movers.status).toBe(200);
    expect(componentProblems('CostMovers', movers.body)).toEqual([]);
    expect(movers.body.up.map((m: any) => [m.change, m.relative])).toEqual([
      [4, 0.4],
    ]);
    const budgets = await request(server).get(`${api}/costs/budgets`);
    expect(budgets.status).toBe(200);
    expect(componentProblems('BudgetSpendReport', budgets.body)).toEqual([]);
    const savings = await request(server).get(
      `${api}/costs/ttl-savings?period=30d`,
    );
    expect(savings.status).toBe(200);
    expect(componentProblems('TtlSavingsReport', savings.body)).toEqual([]);
    expect(savings.body.total).toEqual({
      deployments: 0,
      saved: 0,
      monthlyAvoided: 0,
      withoutEstimate: 0,
      kind: 'exact',
    });
    // The active deployment has no estimate: counted, not estimated, never 0 g.
    const emissions = await request(server).get(`${api}/costs/emissions`);
    expect(emissions.status).toBe(200);
    expect(componentProblems('EmissionsOverview', emissions.body)).toEqual([]);
    expect(emissions.body.total).toEqual({
      deployments: 1,
      knownGrams: null,
      kind: 'unknown',
      notEstimated: 1,
      partial: 0,
    });
  });
});
