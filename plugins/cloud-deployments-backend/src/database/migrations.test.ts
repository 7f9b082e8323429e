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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend',
  'migrations',
);

async function tableNames(knex: Knex): Promise<string[]> {
  const names = [
    'deployments',
    'deployment_events',
    'prices',
    'tasks',
    'budgets',
    'deployment_notices',
    'deployment_revisions',
  ];
  const present = await Promise.all(names.map(n => knex.schema.hasTable(n)));
  return names.filter((_, i) => present[i]);
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go up, down with rows in the tables, and up again', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };

    await knex.migrate.latest(config);
    expect(await tableNames(knex)).toEqual([
      'deployments',
      'deployment_events',
      'prices',
      'tasks',
      'budgets',
      'deployment_notices',
      'deployment_revisions',
    ]);

    const now = new Date().toISOString();
    const row = {
      id: '6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70',
      name: 'seeded',
      owner: 'group:default/a',
      component: 'component:default/b',
      environment: 'production',
      provider: 'kubernetes',
      region: 'eu-1',
      engine: 'kubernetes',
      spec: '{}',
      status: 'active',
      created_by: 'user:default/a',
      created_at: now,
      updated_by: 'user:default/a',
      updated_at: now,
    };
    await knex('deployments').insert(row);
    await knex('deployment_events').insert({
      deployment_id: row.id,
      type: 'created',
      message: 'seeded',
      actor: 'user:default/a',
      created_at: now,
    });
    await knex('tasks').insert({
      kind: 'provision',
      deployment_id: row.id,
      provider: 'kubernetes',
      state: 'running',
      max_attempts: 3,
      run_after: now,
      requested_by: 'user:default/a',
      created_at: now,
      updated_at: now,
    });
    // One active task per deployment.
    await expect(
      knex('tasks').insert({
        kind: 'destroy',
        deployment_id: row.id,
        provider: 'kubernetes',
        state: 'queued',
        max_attempts: 3,
        run_after: now,
        requested_by: 'user:default/a',
        created_at: now,
        updated_at: now,
      }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
    });
    // The partial unique index allows a name again once the holder is destroyed.
    await expect(
      knex('deployments').insert({
        ...row,
        id: '7a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70',
      }),
    ).rejects.toMatchObject({
      // better-sqlite3's errors come from another realm than Jest's `Error`.
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
    });
    await knex('deployments')
      .where({ id: row.id })
      .update({ status: 'destroyed' });
    await knex('deployments').insert({
      ...row,
      id: '7a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70',
    });

    await knex('deployment_notices').insert({
      deployment_id: row.id,
      kind: 'ttl',
      notice_key: `2h@${now}`,
      created_at: now,
    });

    await knex('deployment_revisions').insert({
      deployment_id: row.id,
      number: 1,
      spec: '{}',
      monthly_cost: null,
      currency: 'USD',
      cost_kind: 'unknown',
      change: 'create',
      created_by: 'user:default/a',
      created_at: now,
      outcome: 'active',
    });
    // One revision per number of a deployment.
    await expect(
      knex('deployment_revisions').insert({
        deployment_id: row.id,
        number: 1,
        spec: '{}',
        currency: 'USD',
        cost_kind: 'unknown',
        change: 'update',
        created_by: 'user:default/a',
        created_at: now,
        outcome: 'pending',
      }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
    });

    await knex.migrate.rollback(config, true);
    expect(await tableNames(knex)).toEqual([]);

    await knex.migrate.latest(config);
    expect(await tableNames(knex)).toEqual([
      'deployments',
      'deployment_events',
      'prices',
      'tasks',
      'budgets',
      'deployment_notices',
      'deployment_revisions',
    ]);
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(0);

    await knex.destroy();
  });

  it('keeps the drift of a drifted deployment, and reads it as active without the column', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    await knex.migrate.latest(config);
    const now = new Date().toISOString();
    const drift = JSON.stringify({
      detectedAt: now,
      fields: [{ field: 'compute.instanceCount', desired: 3, observed: 1 }],
    });
    await knex('deployments').insert({
      id: '6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f80',
      name: 'drifted',
      owner: 'group:default/a',
      component: 'component:default/b',
      environment: 'production',
      provider: 'kubernetes',
      region: 'eu-1',
      engine: 'kubernetes',
      spec: '{}',
      status: 'drifted',
      drift,
      created_by: 'user:default/a',
      created_at: now,
      updated_by: 'user:default/a',
      updated_at: now,
    });
    expect(await knex('deployments').first('status', 'drift')).toEqual({
      status: 'drifted',
      drift,
    });
    await knex.migrate.down({ ...config, name: '20261208_drift.js' });
    expect(await knex('deployments').first()).toMatchObject({
      status: 'active',
    });
    expect(await knex('deployments').first()).not.toHaveProperty('drift');
    await knex.migrate.latest(config);
    await knex.destroy();
  });

  it('fills in the kind of every stored estimate, old lines read by their note', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    await knex.migrate.latest(config);
    await knex.migrate.down({ ...config, name: '20261205_estimate_kind.js' });
    const now = new Date().toISOString();
    const line = (over: object) => ({
      description: 'x',
      quantity: 730,
      unit: 'hour',
      unitPrice: 0.1,
      monthlyCost: 73,
      sku: 'm5.large',
      region: 'us-east-1',
      ...over,
    });
    const estimates: Record<string, object[] | null> = {
      exact: [line({})],
      approximate: [
        line({
          note: 'us-east-1 price used: no price for eu-west-9 in the snapshot',
        }),
      ],
      partial: [line({}), line({ unitPrice: null, monthlyCost: null })],
      unknown: [line({ unitPrice: null, monthlyCost: null })],
      none: null,
    };
    let n = 0;
    for (const [name, lines] of Object.entries(estimates)) {
      n += 1;
      await knex('deployments').insert({
        id: `6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f7${n}`,
        name,
        owner: 'group:default/a',
        component: 'component:default/b',
        environment: 'production',
        provider: 'kubernetes',
        region: 'eu-1',
        engine: 'kubernetes',
        spec: '{}',
        status: 'active',
        estimate: lines ? JSON.stringify({ lines }) : null,
        created_by: 'user:default/a',
        created_at: now,
        updated_by: 'user:default/a',
        updated_at: now,
      });
    }
    await knex.migrate.latest(config);
    const rows = await knex('deployments')
      .orderBy('name')
      .select('name', 'estimate_total_kind');
    expect(rows).toEqual([
      { name: 'approximate', estimate_total_kind: 'approximate' },
      { name: 'exact', estimate_total_kind: 'exact' },
      { name: 'none', estimate_total_kind: null },
      { name: 'partial', estimate_total_kind: 'partial' },
      { name: 'unknown', estimate_total_kind: 'unknown' },
    ]);
    await knex.destroy();
  });

  it('keeps one budget per scope, an absent system or environment being a scope too', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const now = new Date().toISOString();
    let n = 0;
    const budget = (scope: object) => ({
      id: `6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f8${++n}`,
      owner: 'group:default/a',
      amount: '1000.50',
      thresholds: '[80,100]',
      created_by: 'user:default/a',
      created_at: now,
      updated_by: 'user:default/a',
      updated_at: now,
      ...scope,
    });
    const duplicate = {
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
    };
    await knex('budgets').insert(budget({}));
    await expect(knex('budgets').insert(budget({}))).rejects.toMatchObject(
      duplicate,
    );
    await knex('budgets').insert(budget({ environment: 'production' }));
    await expect(
      knex('budgets').insert(budget({ environment: 'production' })),
    ).rejects.toMatchObject(duplicate);
    await knex('budgets').insert(budget({ system: 'system:default/s' }));
    await knex('budgets').insert(
      budget({ system: 'system:default/s', environment: 'production' }),
    );
    await knex('budgets').insert(budget({ owner: 'group:default/b' }));
    const rows = await knex('budgets')
      .orderBy(['owner', 'system', 'environment'])
      .select('owner', 'system', 'environment', 'amount', 'version');
    expect(rows.map(r => ({ ...r, amount: Number(r.amount) }))).toEqual([
      {
        owner: 'group:default/a',
        system: '',
        environment: '',
        amount: 1000.5,
        version: 1,
      },
      {
        owner: 'group:default/a',
        system: '',
        environment: 'production',
        amount: 1000.5,
        version: 1,
      },
      {
        owner: 'group:default/a',
        system: 'system:default/s',
        environment: '',
        amount: 1000.5,
        version: 1,
      },
      {
        owner: 'group:default/a',
        system: 'system:default/s',
        environment: 'production',
        amount: 1000.5,
        version: 1,
      },
      {
        owner: 'group:default/b',
        system: '',
        environment: '',
        amount: 1000.5,
        version: 1,
      },
    ]);
    await knex.destroy();
  });

  it("records each deployment's spec as revision 1, except a create still awaiting approval", async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    await knex.migrate.latest(config);
    await knex.migrate.down({ ...config, name: '20261208_revisions.js' });
    const now = new Date().toISOString();
    const spec = (image: string) => JSON.stringify({ artifact: { image } });
    const seeds = [
      // name, status, spec, last good spec, monthly cost, kind
      ['running', 'active', spec('a:2'), spec('a:2'), 73.5, 'exact'],
      ['changed', 'active', spec('a:3'), spec('a:2'), 10, 'partial'],
      ['broken', 'failed', spec('a:4'), spec('a:2'), 0, 'unknown'],
      ['unpriced', 'provisioning', spec('a:1'), null, null, null],
      ['gone', 'destroyed', spec('a:1'), null, 5, 'approximate'],
      ['waiting', 'awaiting_approval', spec('a:1'), null, 5, 'exact'],
    ] as const;
    let n = 0;
    for (const [name, status, s, good, cost, kind] of seeds) {
      n += 1;
      await knex('deployments').insert({
        id: `6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f7${n}`,
        name,
        owner: 'group:default/a',
        component: 'component:default/b',
        environment: 'production',
        provider: 'kubernetes',
        region: 'eu-1',
        engine: 'kubernetes',
        spec: s,
        last_good_spec: good,
        status,
        estimated_monthly_cost: cost,
        estimate_total_kind: kind,
        created_by: 'user:default/a',
        created_at: now,
        updated_by: 'user:default/b',
        updated_at: now,
      });
    }
    await knex.migrate.latest(config);
    const rows = await knex('deployment_revisions')
      .join(
        'deployments',
        'deployments.id',
        'deployment_revisions.deployment_id',
      )
      .orderBy('deployments.name')
      .select(
        'deployments.name',
        'number',
        'deployment_revisions.spec',
        'monthly_cost',
        'cost_kind',
        'change',
        'deployment_revisions.created_by',
        'outcome',
      );
    const revision = (
      name: string,
      s: string,
      cost: number | null,
      kind: string,
      outcome: string,
    ) => ({
      name,
      number: 1,
      spec: s,
      monthly_cost: cost,
      cost_kind: kind,
      change: 'recorded',
      created_by: 'user:default/b',
      outcome,
    });
    expect(rows).toEqual([
      revision('broken', spec('a:4'), null, 'unknown', 'failed'),
      revision('changed', spec('a:3'), 10, 'partial', 'pending'),
      revision('gone', spec('a:1'), 5, 'approximate', 'superseded'),
      revision('running', spec('a:2'), 73.5, 'exact', 'active'),
      revision('unpriced', spec('a:1'), null, 'unknown', 'pending'),
    ]);
    await knex.destroy();
  });

  it('fills in when the TTL of every stored deployment runs out, from its creation', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    await knex.migrate.latest(config);
    await knex.migrate.down({ ...config, name: '20261214_expires_at.js' });
    const created = '2026-12-01T10:00:00.000Z';
    const specs: Record<string, string> = {
      week: JSON.stringify({ ttl: 'P7D' }),
      mixed: JSON.stringify({ ttl: 'P1DT12H30M' }),
      none: JSON.stringify({}),
      garbled: '{"ttl": "soon"}',
    };
    let n = 0;
    for (const [name, spec] of Object.entries(specs)) {
      n += 1;
      await knex('deployments').insert({
        id: `6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f7${n}`,
        name,
        resource_name: name,
        owner: 'group:default/a',
        component: 'component:default/b',
        environment: 'production',
        provider: 'kubernetes',
        region: 'eu-1',
        engine: 'kubernetes',
        spec,
        status: 'active',
        created_by: 'user:default/a',
        created_at: created,
        updated_by: 'user:default/a',
        updated_at: created,
      });
    }
    await knex.migrate.latest(config);
    const rows = await knex('deployments')
      .orderBy('name')
      .select('name', 'expires_at');
    const iso = (v: Date | string | null) =>
      v === null ? null : new Date(v).toISOString();
    expect(rows.map(r => [r.name, iso(r.expires_at)])).toEqual([
      ['garbled', null],
      ['mixed', '2026-12-02T22:30:00.000Z'],
      ['none', null],
      ['week', '2026-12-08T10:00:00.000Z'],
    ]);
    await knex.migrate.down({ ...config, name: '20261214_expires_at.js' });
    expect(await knex('deployments').first()).not.toHaveProperty('expires_at');
    await knex.destroy();
  });

  it('gives existing deployments their name as cloud name, and names per environment', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    await knex.migrate.up({ ...config, name: '20261122_init.js' });
    const now = new Date().toISOString();
    const row = (id: string, environment: string, status = 'active') => ({
      id,
      name: 'web-api',
      owner: 'group:default/a',
      component: 'component:default/b',
      environment,
      provider: 'kubernetes',
      region: 'eu-1',
      engine: 'kubernetes',
      spec: '{}',
      status,
      created_by: 'user:default/a',
      created_at: now,
      updated_by: 'user:default/a',
      updated_at: now,
    });
    await knex('deployments').insert([
      row('6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f71', 'staging'),
      row('6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f72', 'staging', 'destroyed'),
    ]);
    await knex.migrate.latest(config);
    expect(
      await knex('deployments').orderBy('id').select('resource_name'),
    ).toEqual([{ resource_name: 'web-api' }, { resource_name: 'web-api' }]);

    const duplicate = {
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
    };
    // The same name in the same environment, or the same cloud name: refused.
    await expect(
      knex('deployments').insert({
        ...row('6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f73', 'staging'),
        resource_name: 'web-api-2',
      }),
    ).rejects.toMatchObject(duplicate);
    await expect(
      knex('deployments').insert({
        ...row('6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f73', 'production'),
        resource_name: 'web-api',
      }),
    ).rejects.toMatchObject(duplicate);
    await knex('deployments').insert({
      ...row('6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f73', 'production'),
      resource_name: 'web-api-production',
    });

    // Going back would make the two live web-api collide: refused, and said.
    await expect(
      knex.migrate.down({
        ...config,
        name: '20261209_names_per_environment.js',
      }),
    ).rejects.toThrow(/share the names web-api/);
    await knex('deployments')
      .where({ environment: 'production' })
      .update({ status: 'destroyed' });
    await knex.migrate.down({
      ...config,
      name: '20261209_names_per_environment.js',
    });
    expect(await knex('deployments').first()).not.toHaveProperty(
      'resource_name',
    );
    await knex.migrate.latest(config);
    await knex.destroy();
  });
});
