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
  Deployment,
  BILLING_STATUSES,
  combineTotalKinds,
  DeploymentsSummary,
  DeploymentsSummaryLeftOut,
  DeploymentStatus,
  EstimateTotal,
  EstimateTotalKind,
  normalizeEstimate,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CloudDeploymentPermissionQuery } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor, ListOrder } from './cursor';
import { toDeployment } from './deploymentRows';
import {
  afterPosition,
  isPositionOf,
  orderDeployments,
  positionOf,
} from './deploymentSort';
import { DeploymentFilter } from './DeploymentStore';
import { applyPermissionFilter } from './permissionFilter';
import { DeploymentRow, deployments } from './tables';

// The reads over many deployments: a page of a list, and its summary.

export async function listDeployments(
  db: Knex,
  filter: DeploymentFilter,
  page: { cursor?: string; limit: number; order?: ListOrder },
): Promise<Page<Deployment>> {
  const order = page.order ?? { sort: 'createdAt', order: 'desc' };
  const after = page.cursor
    ? decodeCursor(page.cursor, order, position =>
        isPositionOf(position, order),
      )
    : undefined;
  const filtered = deployments(db).where(qb => applyFilter(qb, filter));

  const [countRow, rows] = await Promise.all([
    filtered.clone().count({ count: '*' }).first(),
    filtered
      .clone()
      .modify(qb => {
        if (after !== undefined) afterPosition(qb, order, after);
        orderDeployments(qb, order);
      })
      .limit(page.limit + 1)
      .select(),
  ]);

  const items = rows.slice(0, page.limit).map(toDeployment);
  const hasMore = rows.length > page.limit;
  return {
    items,
    totalCount: Number(countRow?.count ?? 0),
    nextCursor: hasMore
      ? encodeCursor(order, positionOf(rows[page.limit - 1], order))
      : undefined,
  };
}

export async function summarizeDeployments(
  db: Knex,
  filter: DeploymentFilter,
): Promise<DeploymentsSummary> {
  // A handful of groups: providers × statuses × estimate kinds.
  const rows: Array<{
    provider: string;
    status: string;
    kind: EstimateTotalKind | null;
    count: unknown;
    cost: unknown;
  }> = await deployments(db)
    .where(qb => applyFilter(qb, filter))
    .groupBy('provider', 'status', 'estimate_total_kind')
    .select('provider', 'status', { kind: 'estimate_total_kind' })
    .count({ count: '*' })
    .sum({ cost: 'estimated_monthly_cost' });

  const leftOut: DeploymentsSummaryLeftOut = {
    notBilling: 0,
    withoutEstimate: 0,
    partlyPriced: 0,
    unpriced: 0,
    approximate: 0,
  };
  const providers = new Map<
    string,
    {
      count: number;
      billingCount: number;
      cost: number;
      kinds: EstimateTotalKind[];
    }
  >();
  for (const row of rows) {
    const count = Number(row.count);
    const p = providers.get(row.provider) ?? {
      count: 0,
      billingCount: 0,
      cost: 0,
      kinds: [],
    };
    providers.set(row.provider, p);
    p.count += count;
    if (!BILLING_STATUSES.includes(row.status as DeploymentStatus)) {
      leftOut.notBilling += count;
      continue;
    }
    p.billingCount += count;
    p.cost += Number(row.cost ?? 0);
    // No estimate counts as unpriced for the kind of the sum.
    p.kinds.push(row.kind ?? 'unknown');
    if (row.kind === null) leftOut.withoutEstimate += count;
    else if (row.kind === 'partial') leftOut.partlyPriced += count;
    else if (row.kind === 'unknown') leftOut.unpriced += count;
    else if (row.kind === 'approximate') leftOut.approximate += count;
  }
  const byProvider = [...providers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([provider, p]) => ({
      provider,
      count: p.count,
      billingCount: p.billingCount,
      monthlyCost: roundCents(p.cost),
      totalKind: combineTotalKinds(p.kinds),
    }));
  return {
    count: byProvider.reduce((sum, p) => sum + p.count, 0),
    billingCount: byProvider.reduce((sum, p) => sum + p.billingCount, 0),
    currency: 'USD',
    monthlyCost: roundCents(
      byProvider.reduce((sum, p) => sum + p.monthlyCost, 0),
    ),
    totalKind: combineTotalKinds([...providers.values()].flatMap(p => p.kinds)),
    leftOut,
    byProvider,
  };
}

/** A billing deployment's scope and the total of its estimate (none: unpriced). */
export type BillingEstimate = {
  owner: string;
  system: string | null;
  environment: string;
  total?: EstimateTotal;
};

/**
 * The billing deployments of these owners (the ones a summary adds up), with
 * their estimates' totals, limited to what `permission` lets the caller read.
 */
export async function billingEstimates(
  db: Knex,
  owners: string[],
  permission?: PermissionCriteria<CloudDeploymentPermissionQuery>,
): Promise<BillingEstimate[]> {
  if (owners.length === 0) return [];
  const rows: Array<
    Pick<DeploymentRow, 'owner' | 'system' | 'environment' | 'estimate'>
  > = await deployments(db)
    .whereIn('owner', owners)
    .whereIn('status', [...BILLING_STATUSES])
    .modify(qb => {
      if (permission) applyPermissionFilter(qb, permission);
    })
    .select('owner', 'system', 'environment', 'estimate');
  return rows.map(row => ({
    owner: row.owner,
    system: row.system,
    environment: row.environment,
    ...(row.estimate
      ? { total: normalizeEstimate(JSON.parse(row.estimate)) }
      : {}),
  }));
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

function applyFilter(qb: Knex.QueryBuilder, filter: DeploymentFilter) {
  const anyOf = (column: keyof DeploymentRow, values?: readonly string[]) => {
    if (values?.length) qb.whereIn(column, values);
  };
  anyOf('owner', filter.owner);
  anyOf('component', filter.component);
  anyOf('provider', filter.provider);
  anyOf('engine', filter.engine);
  anyOf('environment', filter.environment);
  if (filter.status?.length) {
    qb.whereIn('status', filter.status);
  } else {
    qb.whereNot('status', 'destroyed');
  }
  if (filter.expiresBefore) {
    // Timestamps are ISO text on SQLite: the same form compares in time order.
    qb.whereNotNull('expires_at').where(
      'expires_at',
      '<=',
      new Date(filter.expiresBefore).toISOString(),
    );
  }
  if (filter.permission) applyPermissionFilter(qb, filter.permission);
  if (filter.q) {
    const pattern = `%${filter.q
      .toLocaleLowerCase('en-US')
      .replace(/[\\%_]/g, c => `\\${c}`)}%`;
    qb.where(inner =>
      inner
        .whereRaw(`lower(name) like ? escape '\\'`, [pattern])
        .orWhereRaw(`lower(coalesce(title, '')) like ? escape '\\'`, [pattern]),
    );
  }
}
