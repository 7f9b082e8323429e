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
  DeploymentsSummary,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import { toDeployment } from './deploymentRows';
import { DeploymentFilter } from './DeploymentStore';
import { applyPermissionFilter } from './permissionFilter';
import { DeploymentRow, deployments } from './tables';

// The reads over many deployments: a page of a list, and its summary.

export async function listDeployments(
  db: Knex,
  filter: DeploymentFilter,
  page: { cursor?: string; limit: number },
): Promise<Page<Deployment>> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const filtered = deployments(db).where(qb => applyFilter(qb, filter));

  const [countRow, rows] = await Promise.all([
    filtered.clone().count({ count: '*' }).first(),
    filtered
      .clone()
      .modify(qb => {
        if (after !== undefined) qb.where('seq', '<', after);
      })
      .orderBy('seq', 'desc')
      .limit(page.limit + 1)
      .select(),
  ]);

  const items = rows.slice(0, page.limit).map(toDeployment);
  const hasMore = rows.length > page.limit;
  return {
    items,
    totalCount: Number(countRow?.count ?? 0),
    nextCursor: hasMore
      ? encodeCursor(Number(rows[page.limit - 1].seq))
      : undefined,
  };
}

export async function summarizeDeployments(
  db: Knex,
  filter: DeploymentFilter,
): Promise<DeploymentsSummary> {
  const rows: Array<{ provider: string; count: unknown; cost: unknown }> =
    await deployments(db)
      .where(qb => applyFilter(qb, filter))
      .groupBy('provider')
      .orderBy('provider')
      .select('provider')
      .count({ count: '*' })
      .sum({ cost: 'estimated_monthly_cost' });
  const byProvider = rows.map(row => ({
    provider: row.provider,
    count: Number(row.count),
    monthlyCost: roundCents(Number(row.cost ?? 0)),
  }));
  return {
    count: byProvider.reduce((sum, p) => sum + p.count, 0),
    currency: 'USD',
    monthlyCost: roundCents(
      byProvider.reduce((sum, p) => sum + p.monthlyCost, 0),
    ),
    byProvider,
  };
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
