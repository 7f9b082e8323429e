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
import { DeploymentSortField } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { ListOrder, ListPosition } from './cursor';
import { DeploymentRow, toIsoString } from './tables';

/**
 * How each sort of the list reads: the SQL it orders by, and the key of a row
 * that its cursor keeps. `seq` breaks ties in the same direction, so every
 * order is total and keyset pages never skip or repeat a row.
 */
type SortKey = {
  /** SQL over the row; `null` sorts last in either direction. */
  sql: string;
  nullable: boolean;
  key(row: DeploymentRow): string | number | null;
  /** Whether a key from a cursor can be compared without a database error. */
  accepts(key: unknown): boolean;
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function isIsoTime(key: unknown): boolean {
  return (
    typeof key === 'string' &&
    ISO_TIME.test(key) &&
    !Number.isNaN(Date.parse(key))
  );
}

const column = (name: keyof DeploymentRow): SortKey => ({
  sql: name,
  nullable: false,
  key: row => row[name] as string,
  accepts: key => typeof key === 'string',
});

// An unpriced estimate stores its priced subtotal (0) as the cost: unknown is
// not free, so it sorts with the deployments that have no estimate, last.
const COST_SQL = `(CASE WHEN estimate_total_kind = 'unknown' THEN NULL ELSE estimated_monthly_cost END)`;

const SORT_KEYS: Record<DeploymentSortField, SortKey | undefined> = {
  name: column('name'),
  status: column('status'),
  provider: column('provider'),
  region: column('region'),
  environment: column('environment'),
  owner: column('owner'),
  monthlyCost: {
    sql: COST_SQL,
    nullable: true,
    key: row =>
      row.estimate_total_kind === 'unknown' ||
      row.estimated_monthly_cost === null
        ? null
        : Number(row.estimated_monthly_cost),
    accepts: key =>
      key === null || (typeof key === 'number' && Number.isFinite(key)),
  },
  updatedAt: {
    sql: 'updated_at',
    nullable: false,
    key: row => toIsoString(row.updated_at),
    accepts: isIsoTime,
  },
  // `seq` is taken at insert, so it is the order of creation (and indexed).
  createdAt: undefined,
  // Null without a TTL: those never expire, so they come last either way.
  expiresAt: {
    sql: 'expires_at',
    nullable: true,
    key: row => (row.expires_at === null ? null : toIsoString(row.expires_at)),
    accepts: key => key === null || isIsoTime(key),
  },
};

/** Orders a query of `deployments` by `order`, ties broken by `seq`. */
export function orderDeployments(qb: Knex.QueryBuilder, order: ListOrder) {
  const dir = order.order;
  const sort = SORT_KEYS[order.sort];
  if (sort?.nullable) qb.orderByRaw(`${sort.sql} IS NULL`);
  if (sort) qb.orderByRaw(`${sort.sql} ${dir}`);
  qb.orderBy('seq', dir);
}

/** Whether a cursor's position can be a row's in `order`. */
export function isPositionOf(position: ListPosition, order: ListOrder) {
  const sort = SORT_KEYS[order.sort];
  return sort ? sort.accepts(position.key) : position.key === null;
}

/** Keeps the rows after `after` in `order`. */
export function afterPosition(
  qb: Knex.QueryBuilder,
  order: ListOrder,
  after: ListPosition,
) {
  const op = order.order === 'asc' ? '>' : '<';
  const sort = SORT_KEYS[order.sort];
  if (!sort) {
    qb.where('seq', op, after.seq);
    return;
  }
  const { sql } = sort;
  if (after.key === null) {
    // Only a nullable key is null: the rest of the null tail.
    qb.whereRaw(`${sql} IS NULL`).andWhere('seq', op, after.seq);
    return;
  }
  qb.where(inner => {
    inner
      .whereRaw(`${sql} ${op} ?`, [after.key])
      .orWhere(tie =>
        tie.whereRaw(`${sql} = ?`, [after.key]).andWhere('seq', op, after.seq),
      );
    if (sort.nullable) inner.orWhereRaw(`${sql} IS NULL`);
  });
}

/** The position of a row in `order`, for the cursor of the next page. */
export function positionOf(row: DeploymentRow, order: ListOrder): ListPosition {
  const sort = SORT_KEYS[order.sort];
  return { key: sort ? sort.key(row) : null, seq: Number(row.seq) };
}
