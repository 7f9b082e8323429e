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
  CostEstimate,
  DeploymentRevision,
  EstimateTotalKind,
  RevisionChange,
  RevisionOutcome,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/tables';

/** A row of `deployment_revisions`. */
export type RevisionRow = {
  deployment_id: string;
  number: number;
  spec: string;
  monthly_cost: number | null;
  currency: string;
  cost_kind: EstimateTotalKind;
  change: RevisionChange;
  rollback_to: number | null;
  approved_by: string | null;
  reason: string | null;
  created_by: string;
  created_at: Date | string;
  outcome: RevisionOutcome;
  settled_at: Date | string | null;
};

/** The `deployment_revisions` table, for typed query builders. */
export function revisions(db: Knex | Knex.Transaction) {
  return db<RevisionRow>('deployment_revisions');
}

/** The cost columns of a spec's estimate; no estimate is an unknown cost, not 0. */
export function costColumns(estimate: CostEstimate | undefined) {
  const kind = estimate?.totalKind ?? 'unknown';
  return {
    monthly_cost: kind === 'unknown' ? null : estimate!.pricedSubtotal,
    currency: estimate?.currency ?? 'USD',
    cost_kind: kind,
  };
}

export function toRevision(row: RevisionRow): DeploymentRevision {
  return {
    deploymentId: row.deployment_id,
    number: Number(row.number),
    spec: JSON.parse(row.spec),
    ...(row.monthly_cost !== null
      ? { monthlyCost: Number(row.monthly_cost) }
      : {}),
    currency: 'USD',
    costKind: row.cost_kind,
    change: row.change,
    ...(row.rollback_to !== null
      ? { rollbackTo: Number(row.rollback_to) }
      : {}),
    ...(row.approved_by ? { approvedBy: row.approved_by } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    outcome: row.outcome,
    ...(row.settled_at ? { settledAt: toIsoString(row.settled_at) } : {}),
  };
}
