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
import { cloudDeploymentsPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments/budgets';

/** An estimate line of `monthlyCost` dollars, or unpriced (`null`). */
const line = (monthlyCost: number | null, over: object = {}) => ({
  description: 'compute',
  quantity: 1,
  unit: 'month',
  unitPrice: monthlyCost,
  monthlyCost,
  sku: 'x',
  region: 'us-east-1',
  kind: monthlyCost === null ? 'missing' : 'exact',
  ...over,
});

describe.each(databases.eachSupportedId())('/budgets on %p', databaseId => {
  let server: Parameters<typeof request>[0];
  let knex: Knex;

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
    await knex('budgets').delete();
    await knex('deployments').delete();
  });

  let names = 0;
  /** A deployment row as the store would write it, with an estimate of these lines. */
  async function deployment(options: {
    owner?: string;
    system?: string;
    environment?: string;
    status?: string;
    lines?: object[] | null;
  }) {
    const now = new Date().toISOString();
    const lines = options.lines === undefined ? [line(100)] : options.lines;
    const priced = (lines ?? []).filter(
      (l: any) => l.monthlyCost !== null,
    ) as Array<{ monthlyCost: number }>;
    await knex('deployments').insert({
      id: randomUUID(),
      name: `d-${++names}`,
      owner: options.owner ?? 'group:default/team-a',
      component: 'component:default/shop',
      system: options.system ?? null,
      environment: options.environment ?? 'production',
      provider: 'kubernetes',
      region: 'us-east-1',
      engine: 'kubernetes',
      spec: '{}',
      status: options.status ?? 'active',
      created_by: 'user:default/a',
      created_at: now,
      updated_by: 'user:default/a',
      updated_at: now,
      estimate: lines ? JSON.stringify({ currency: 'USD', lines }) : null,
      estimated_monthly_cost: lines
        ? priced.reduce((sum, l) => sum + l.monthlyCost, 0)
        : null,
      estimate_total_kind: null,
    });
  }

  const create = (body: object) => request(server).post(base).send(body);

  it('creates, reads, lists, changes and deletes a budget', async () => {
    const created = await create({
      owner: 'Group:default/Team-A',
      amount: 1000,
      thresholds: [100, 50],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      owner: 'group:default/team-a',
      amount: 1000,
      currency: 'USD',
      thresholds: [50, 100],
      createdBy: 'user:default/mock',
      version: 1,
      use: { monthlyCost: 0, totalKind: 'exact', percent: 0, crossed: [] },
    });
    expect(created.body.system).toBeUndefined();
    const { id } = created.body;

    const read = await request(server).get(`${base}/${id.toUpperCase()}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const changed = await request(server)
      .patch(`${base}/${id}`)
      .send({ version: 1, amount: 2500.5 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      amount: 2500.5,
      thresholds: [50, 100],
      version: 2,
    });

    const defaults = await create({
      owner: 'group:default/team-b',
      environment: 'staging',
      system: 'shop',
      amount: 10,
    });
    expect(defaults.body).toMatchObject({
      system: 'system:default/shop',
      environment: 'staging',
      thresholds: [80, 100],
    });
    const all = await request(server).get(base);
    expect(all.body.items.map((b: { owner: string }) => b.owner)).toEqual([
      'group:default/team-a',
      'group:default/team-b',
    ]);
    const filtered = await request(server)
      .get(base)
      .query({ owner: 'group:default/team-b' });
    expect(filtered.body.items).toHaveLength(1);

    expect((await request(server).delete(`${base}/${id}`)).status).toBe(204);
    const gone = await request(server).get(`${base}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(`No budget with id ${id}`);
    expect((await request(server).delete(`${base}/${id}`)).status).toBe(404);
    expect(
      (
        await request(server)
          .patch(`${base}/${randomUUID()}`)
          .send({ version: 1, amount: 1 })
      ).status,
    ).toBe(404);
  });

  it('refuses a stale version and a second budget for a scope with 409', async () => {
    const { body } = await create({ owner: 'group:default/team-a', amount: 5 });
    await request(server)
      .patch(`${base}/${body.id}`)
      .send({ version: 1, amount: 6 });
    const stale = await request(server)
      .patch(`${base}/${body.id}`)
      .send({ version: 1, amount: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(
      `Budget ${body.id} is at version 2, not 1: read it again and retry`,
    );

    const again = await create({ owner: 'group:default/TEAM-A', amount: 9 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'group:default/team-a has a budget already; change that one',
    );
    // A narrower scope is another budget.
    for (const scope of [
      { environment: 'production' },
      { system: 'system:default/shop' },
      { system: 'system:default/shop', environment: 'production' },
    ]) {
      expect(
        (await create({ owner: 'group:default/team-a', amount: 1, ...scope }))
          .status,
      ).toBe(201);
    }
    const narrow = await create({
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      environment: 'production',
      amount: 2,
    });
    expect(narrow.status).toBe(409);
    expect(narrow.body.error.message).toBe(
      'group:default/team-a for system:default/shop in production has a budget already; change that one',
    );
  });

  it.each([
    [{ amount: 1 }, 'Invalid budget: owner: Required'],
    [
      { owner: 'user:default/a', amount: 1 },
      'Invalid budget: owner: must refer to a group, like "group:default/name"',
    ],
    [
      { owner: 'group:default/a', amount: 0 },
      'Invalid budget: amount: must be greater than 0',
    ],
    [
      { owner: 'group:default/a', amount: 1e12 },
      'Invalid budget: amount: must be at most 1000000000',
    ],
    [
      { owner: 'group:default/a', amount: 1.234 },
      'Invalid budget: amount: must be whole cents (at most 2 decimals)',
    ],
    [
      { owner: 'group:default/a', amount: '5' },
      'Invalid budget: amount: must be a number of US dollars',
    ],
    [
      { owner: 'group:default/a', amount: 5, thresholds: [80, 80] },
      'Invalid budget: thresholds: must not repeat a percentage (80)',
    ],
    [
      { owner: 'group:default/a', amount: 5, thresholds: [0, 1001] },
      'Invalid budget: thresholds.0: must be at least 1; thresholds.1: must be at most 1000',
    ],
    [
      { owner: 'group:default/a', amount: 5, thresholds: [] },
      'Invalid budget: thresholds: must name at least one percentage',
    ],
    [
      { owner: 'group:default/a', amount: 5, environment: 'Prod\ud800' },
      // The body guard refuses ill-formed text before the schema (which would too).
      'body.environment: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    ],
    [
      { owner: 'group:default/a', amount: 5, colour: 'red' },
      'Invalid budget: body: unknown field(s) "colour"',
    ],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
  });

  it('refuses bad changes, ids and queries with a 400 naming the field', async () => {
    const { body } = await create({ owner: 'group:default/team-a', amount: 5 });
    const cases: Array<[request.Test, string]> = [
      [
        request(server).patch(`${base}/${body.id}`).send({ amount: 6 }),
        'Invalid change: version: Required',
      ],
      [
        request(server)
          .patch(`${base}/${body.id}`)
          .send({ version: 1, owner: 'group:default/b' }),
        'Invalid change: owner: owner cannot be changed; delete the budget and create one for the new scope',
      ],
      [request(server).get(`${base}/nope`), 'id: "nope" is not a budget id'],
      [
        request(server).get(base).query({ owner: 'component:x' }),
        'Invalid query: owner.0: must refer to a group, like "group:default/name"',
      ],
      [
        request(server).get(base).query({ limit: '5' }),
        'Invalid query: query: unknown field(s) "limit"',
      ],
    ];
    for (const [req, message] of cases) {
      const res = await req;
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    }
  });

  it("adds up the estimates of the owner's billing deployments in scope, and the thresholds crossed", async () => {
    await deployment({ lines: [line(300), line(200)] });
    await deployment({ status: 'updating', lines: [line(250)] });
    await deployment({ environment: 'staging', lines: [line(100)] });
    await deployment({ system: 'system:default/shop', lines: [line(40)] });
    // Not billing, or not the owner's: never counted.
    await deployment({ status: 'failed', lines: [line(9000)] });
    await deployment({ status: 'pending', lines: [line(9000)] });
    await deployment({ status: 'destroyed', lines: [line(9000)] });
    await deployment({ owner: 'group:default/team-b', lines: [line(9000)] });

    const whole = await create({
      owner: 'group:default/team-a',
      amount: 1000,
      thresholds: [50, 80, 100, 150],
    });
    expect(whole.body.use).toEqual({
      currency: 'USD',
      monthlyCost: 890,
      totalKind: 'exact',
      description: '$890.00 a month',
      billingCount: 4,
      withoutEstimate: 0,
      missingLines: 0,
      approximateFrom: [],
      percent: 89,
      crossed: [50, 80],
    });
    const production = await create({
      owner: 'group:default/team-a',
      environment: 'production',
      amount: 750,
    });
    expect(production.body.use).toMatchObject({
      monthlyCost: 790,
      billingCount: 3,
      percent: 105.3,
      crossed: [80, 100],
    });
    const shop = await create({
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      amount: 50,
    });
    expect(shop.body.use).toMatchObject({
      monthlyCost: 40,
      billingCount: 1,
      percent: 80,
      crossed: [80],
    });
  });

  it('labels a use that is approximate, partial or unknown, never "$0" for unknown', async () => {
    const { body: a } = await create({ owner: 'group:default/a', amount: 100 });
    await deployment({
      owner: 'group:default/a',
      lines: [line(90, { kind: 'approximate', region: 'eu-west-1' })],
    });
    expect(
      (await request(server).get(`${base}/${a.id}`)).body.use,
    ).toMatchObject({
      monthlyCost: 90,
      totalKind: 'approximate',
      description: '≈ $90.00 a month (priced from eu-west-1)',
      percent: 90,
      crossed: [80],
    });

    const { body: p } = await create({ owner: 'group:default/p', amount: 100 });
    await deployment({
      owner: 'group:default/p',
      lines: [line(85), line(null)],
    });
    await deployment({ owner: 'group:default/p', lines: null });
    expect(
      (await request(server).get(`${base}/${p.id}`)).body.use,
    ).toMatchObject({
      monthlyCost: 85,
      totalKind: 'partial',
      description:
        '≥ $85.00 a month, 1 deployment without an estimate, 1 line unpriced',
      withoutEstimate: 1,
      missingLines: 1,
      percent: 85,
      crossed: [80],
    });

    const { body: u } = await create({ owner: 'group:default/u', amount: 100 });
    await deployment({ owner: 'group:default/u', lines: [line(null)] });
    await deployment({ owner: 'group:default/u', lines: null });
    const unknown = (await request(server).get(`${base}/${u.id}`)).body.use;
    expect(unknown).toEqual({
      currency: 'USD',
      monthlyCost: 0,
      totalKind: 'unknown',
      description: 'unknown, 1 deployment without an estimate, 1 line unpriced',
      billingCount: 2,
      withoutEstimate: 1,
      missingLines: 1,
      approximateFrom: [],
      crossed: [],
    });
  });
});
