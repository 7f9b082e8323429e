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
import { InputError } from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DEPLOYMENT_SORT_FIELDS,
  DeploymentSortField,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { encodeCursor, ListOrder } from './cursor';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actor = { ref: 'user:default/admin' };

/**
 * The columns each deployment gets, written straight into its row: the list
 * sorts on columns, and letters only keep text comparable across collations.
 * Ties on every column, an unpriced estimate stored as 0, and no estimate.
 */
const fleet: Array<{
  name: string;
  owner: string;
  region: string;
  environment: string;
  status: string;
  provider: string;
  cost: number | null;
  kind: string | null;
  updated: string;
  /** When its TTL runs out; null without one. */
  expires: string | null;
}> = [
  [
    'delta',
    'user:default/bob',
    'us-central1',
    'production',
    'active',
    'aws-sagemaker',
    20,
    'exact',
    '2026-12-01T10:00:00.000Z',
    '2026-12-10T10:00:00.000Z',
  ],
  [
    'alpha',
    'user:default/ann',
    'europe-west1',
    'staging',
    'failed',
    'gcp-cloud-run',
    5,
    'exact',
    '2026-12-03T10:00:00.000Z',
    null,
  ],
  [
    'echo',
    'group:default/ml',
    'asia-east1',
    'production',
    'active',
    'gcp-cloud-run',
    0,
    'unknown',
    '2026-12-02T10:00:00.000Z',
    '2026-12-08T10:00:00.000Z',
  ],
  [
    'charlie',
    'user:default/bob',
    'europe-west1',
    'development',
    'stopped',
    'kubernetes',
    20,
    'partial',
    '2026-12-01T10:00:00.000Z',
    '2026-12-10T10:00:00.000Z',
  ],
  [
    'bravo',
    'group:default/ml',
    'us-central1',
    'staging',
    'active',
    'aws-sagemaker',
    null,
    null,
    '2026-12-05T10:00:00.000Z',
    null,
  ],
  [
    'foxtrot',
    'user:default/ann',
    'asia-east1',
    'production',
    'pending',
    'kubernetes',
    0,
    'exact',
    '2026-12-04T10:00:00.000Z',
    '2026-12-20T10:00:00.000Z',
  ],
  [
    'golf',
    'user:default/bob',
    'us-central1',
    'staging',
    'failed',
    'gcp-cloud-run',
    120.5,
    'approximate',
    '2026-12-01T10:00:00.000Z',
    '2026-12-07T10:00:00.000Z',
  ],
].map(
  ([
    name,
    owner,
    region,
    environment,
    status,
    provider,
    cost,
    kind,
    updated,
    expires,
  ]) => ({
    name,
    owner,
    region,
    environment,
    status,
    provider,
    cost,
    kind,
    updated,
    expires,
  }),
) as any;

async function seed(knex: Knex) {
  const asTime = (iso: string) =>
    knex.client.config.client === 'pg' ? new Date(iso) : iso;
  const store = await DatabaseDeploymentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
    tasks: TaskQueue,
  });
  const seqs = new Map<string, number>();
  for (const d of fleet) {
    const created = await store.createDeployment(
      toNewDeployment({ ...cloudRunRequest, name: d.name }),
      actor,
    );
    await knex('deployments')
      .where({ id: created.id })
      .update({
        owner: d.owner,
        region: d.region,
        environment: d.environment,
        status: d.status,
        provider: d.provider,
        estimated_monthly_cost: d.cost,
        estimate_total_kind: d.kind,
        updated_at: asTime(d.updated),
        expires_at: d.expires && asTime(d.expires),
      });
    const row = await knex('deployments').where({ id: created.id }).first();
    seqs.set(d.name, Number(row.seq));
  }
  return { store, seqs };
}

/** The names in `order`, as the list must give them: computed here in JS. */
function expected(order: ListOrder, seqs: Map<string, number>): string[] {
  const keyOf = (d: (typeof fleet)[number]): string | number | null => {
    switch (order.sort) {
      case 'monthlyCost':
        return d.kind === 'unknown' ? null : d.cost;
      case 'updatedAt':
        return d.updated;
      case 'expiresAt':
        return d.expires;
      case 'createdAt':
        return 0;
      default:
        return d[order.sort];
    }
  };
  const sign = order.order === 'asc' ? 1 : -1;
  return [...fleet]
    .sort((a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      if (ka === null || kb === null) {
        if (ka !== kb) return ka === null ? 1 : -1;
      } else if (ka !== kb) {
        return (ka < kb ? -1 : 1) * sign;
      }
      return (seqs.get(a.name)! - seqs.get(b.name)!) * sign;
    })
    .map(d => d.name);
}

describe.each(databases.eachSupportedId())('sorted lists on %p', databaseId => {
  const orders = DEPLOYMENT_SORT_FIELDS.flatMap(sort =>
    (['asc', 'desc'] as const).map(order => ({ sort, order })),
  );

  it('sorts by every column both ways, paging by keyset without gaps or repeats', async () => {
    const knex = await databases.init(databaseId);
    const { store, seqs } = await seed(knex);
    for (const order of orders) {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listDeployments(
          {},
          { cursor, limit: 2, order },
        );
        expect(page.totalCount).toBe(fleet.length);
        names.push(...page.items.map(d => d.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect({ order, names }).toEqual({ order, names: expected(order, seqs) });
    }
  });

  it('puts unknown costs last in both orders, never as 0', async () => {
    const knex = await databases.init(databaseId);
    const { store } = await seed(knex);
    for (const order of ['asc', 'desc'] as const) {
      const { items } = await store.listDeployments(
        {},
        { limit: 10, order: { sort: 'monthlyCost', order } },
      );
      expect(items.slice(-2).map(d => d.name)).toEqual(
        order === 'asc' ? ['echo', 'bravo'] : ['bravo', 'echo'],
      );
    }
  });

  it('keeps the deployments whose TTL runs out by a time, soonest first, without a TTL never', async () => {
    const knex = await databases.init(databaseId);
    const { store } = await seed(knex);
    const filter = { expiresBefore: '2026-12-10T10:00:00.000Z' };
    const { items, totalCount } = await store.listDeployments(filter, {
      limit: 10,
      order: { sort: 'expiresAt', order: 'asc' },
    });
    expect(totalCount).toBe(4);
    // delta and charlie run out at the same time (inclusive): in creation order.
    expect(items.map(d => [d.name, d.expiresAt])).toEqual([
      ['golf', '2026-12-07T10:00:00.000Z'],
      ['echo', '2026-12-08T10:00:00.000Z'],
      ['delta', '2026-12-10T10:00:00.000Z'],
      ['charlie', '2026-12-10T10:00:00.000Z'],
    ]);
    const summary = await store.summarizeDeployments({
      ...filter,
      owner: ['user:default/bob'],
    });
    expect(summary.count).toBe(3);
  });

  it('keeps the time the TTL runs out with the spec: set at creation, moved by a change, cleared without a TTL', async () => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
    const created = await store.createDeployment(
      toNewDeployment({ ...cloudRunRequest, ttl: 'P7D' }),
      actor,
    );
    const at = (ms: number) =>
      new Date(Date.parse(created.createdAt) + ms).toISOString();
    expect(created.expiresAt).toBe(at(7 * 86_400_000));
    const extended = await store.updateDeployment(
      created.id,
      { spec: { ...created.spec, ttl: 'PT36H' } },
      { expectedVersion: 1, actor },
    );
    // Counted from creation, not from the change.
    expect(extended.expiresAt).toBe(at(36 * 3_600_000));
    const { ttl: _ttl, ...withoutTtl } = extended.spec;
    const kept = await store.updateDeployment(
      created.id,
      { spec: withoutTtl },
      { expectedVersion: 2, actor },
    );
    expect(kept.expiresAt).toBeUndefined();
    const row = await knex('deployments').where({ id: created.id }).first();
    expect(row.expires_at).toBeNull();
  });

  it('sorts within the filters', async () => {
    const knex = await databases.init(databaseId);
    const { store } = await seed(knex);
    const { items, totalCount } = await store.listDeployments(
      { owner: ['user:default/bob'] },
      { limit: 10, order: { sort: 'monthlyCost', order: 'desc' } },
    );
    expect(totalCount).toBe(3);
    // charlie and delta cost the same: the later one first, as the order goes.
    expect(items.map(d => d.name)).toEqual(['golf', 'charlie', 'delta']);
  });

  it('refuses a cursor of another order, or a malformed one, with a 400', async () => {
    const knex = await databases.init(databaseId);
    const { store } = await seed(knex);
    const byName: ListOrder = { sort: 'name', order: 'asc' };
    const { nextCursor } = await store.listDeployments(
      {},
      { limit: 2, order: byName },
    );
    await expect(
      store.listDeployments(
        {},
        { cursor: nextCursor, limit: 2, order: { ...byName, order: 'desc' } },
      ),
    ).rejects.toThrow(InputError);
    const sort: DeploymentSortField = 'owner';
    const forged = encodeCursor(
      { sort, order: 'asc' },
      {
        key: { not: 'a key' } as unknown as string,
        seq: 1,
      },
    );
    await expect(
      store.listDeployments(
        {},
        { cursor: forged, limit: 2, order: { sort, order: 'asc' } },
      ),
    ).rejects.toThrow(/cursor: is not a valid cursor/);
  });

  it('still reads a cursor from before sorting, in the default order', async () => {
    const knex = await databases.init(databaseId);
    const { store, seqs } = await seed(knex);
    const v1 = Buffer.from(
      JSON.stringify({ v: 1, seq: seqs.get('echo') }),
    ).toString('base64url');
    const { items } = await store.listDeployments(
      {},
      { cursor: v1, limit: 10 },
    );
    expect(items.map(d => d.name)).toEqual(['alpha', 'delta']);
  });
});
