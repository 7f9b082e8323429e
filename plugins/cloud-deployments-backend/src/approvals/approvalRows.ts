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
  Approval,
  ApprovalOperation,
  ApprovalStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/tables';

/** A row of `deployment_approvals`. */
export type ApprovalRow = {
  id: string;
  deployment_id: string;
  operation: ApprovalOperation;
  status: ApprovalStatus;
  spec: string;
  /** For a rollback: the revision it restores. */
  revision: number | null;
  /** Why, in the requester's words. */
  reason: string | null;
  estimate: string | null;
  decision: string;
  deployment_version: number;
  requested_by: string;
  requested_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  comment: string | null;
};

/** The `deployment_approvals` table, for typed query builders. */
export function approvals(db: Knex | Knex.Transaction) {
  return db<ApprovalRow>('deployment_approvals');
}

export function toApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    deploymentId: row.deployment_id,
    operation: row.operation,
    status: row.status,
    spec: JSON.parse(row.spec),
    ...(row.revision !== null && row.revision !== undefined
      ? { revision: Number(row.revision) }
      : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.estimate ? { estimate: JSON.parse(row.estimate) } : {}),
    decision: JSON.parse(row.decision),
    deploymentVersion: Number(row.deployment_version),
    requestedBy: row.requested_by,
    requestedAt: toIsoString(row.requested_at),
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at ? { decidedAt: toIsoString(row.decided_at) } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

/** Voids the request waiting for a deployment, if any. */
export async function voidWaiting(
  tx: Knex.Transaction,
  deploymentId: string,
  reason: string,
  now: string,
): Promise<number> {
  return approvals(tx)
    .where({ deployment_id: deploymentId, status: 'awaiting_approval' })
    .update({ status: 'void', decided_at: now, comment: reason });
}
