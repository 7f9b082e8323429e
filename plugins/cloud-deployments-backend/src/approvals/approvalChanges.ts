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
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Approval } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import {
  rollbackDeployment,
  transitionDeployment,
  updateDeployment,
} from '../database/deploymentChanges';
import {
  Actor,
  ApprovalEffect,
  NewApproval,
} from '../database/DeploymentStore';
import { appendEvent } from '../database/eventLog';
import { TaskSink } from '../database/TaskSink';
import { deployments } from '../database/tables';
import {
  ApprovalRow,
  approvals,
  toApproval,
  voidWaiting,
} from './approvalRows';

// The writes of approvals. Each is one transaction with the deployment's
// event; an approval runs its operation inside it (the deployment changes
// nest as savepoints), so a decision and its effect commit together.

export function approvalRow(
  deploymentId: string,
  approval: NewApproval,
  deploymentVersion: number,
  actor: Actor,
  now: string,
): ApprovalRow {
  return {
    id: randomUUID(),
    deployment_id: deploymentId,
    operation: approval.operation,
    status: 'awaiting_approval',
    spec: JSON.stringify(approval.spec),
    revision: approval.revision ?? null,
    reason: approval.reason ?? null,
    estimate: approval.estimate ? JSON.stringify(approval.estimate) : null,
    decision: JSON.stringify(approval.decision),
    deployment_version: deploymentVersion,
    requested_by: actor.ref,
    requested_at: now,
    decided_by: null,
    decided_at: null,
    comment: null,
  };
}

export function describeRequest(approval: NewApproval): string {
  const why = approval.decision.reasons.map(r => r.policy).join(', ');
  const what =
    approval.revision !== undefined
      ? `${approval.operation} to revision ${approval.revision}`
      : approval.operation;
  return `The ${what} waits for approval (${why})`;
}

/**
 * Holds a change of an existing deployment for approval, voiding the request
 * that waited before it (the newer one replaces it).
 */
export async function requestApproval(
  db: Knex,
  deploymentId: string,
  approval: NewApproval,
  actor: Actor,
): Promise<Approval> {
  return db.transaction(async tx => {
    const current = await deployments(tx).where({ id: deploymentId }).first();
    if (!current) {
      throw new NotFoundError(`No deployment with id ${deploymentId}`);
    }
    if (current.status === 'destroying' || current.status === 'destroyed') {
      throw new ConflictError(
        `Deployment ${current.name} is ${current.status} and can no longer be changed`,
      );
    }
    const now = new Date().toISOString();
    await voidWaiting(
      tx,
      deploymentId,
      `Replaced by a newer request of ${actor.ref}`,
      now,
    );
    const row = approvalRow(
      deploymentId,
      approval,
      current.version,
      actor,
      now,
    );
    await approvals(tx).insert(row);
    await appendEvent(tx, deploymentId, 'approval', actor, now, {
      message: `${describeRequest(approval)}, requested by ${actor.ref}`,
      data: { approvalId: row.id, status: row.status },
    });
    return toApproval(row);
  });
}

/**
 * Approves or rejects a waiting request and, when approved, runs its effect;
 * or voids it (and says so in `voided`) when the deployment changed since it
 * was requested.
 */
export async function decideApproval(
  db: Knex,
  tasks: TaskSink,
  approvalId: string,
  decision: {
    status: 'approved' | 'rejected';
    comment: string;
    actor: Actor;
    /** When set, the request becomes void instead, for this reason. */
    voidReason?: string;
    effect?: ApprovalEffect;
  },
): Promise<{ approval: Approval; voided?: string }> {
  const { actor, comment } = decision;
  return db.transaction(async tx => {
    const row = await approvals(tx).where({ id: approvalId }).first();
    if (!row) throw new NotFoundError(`No approval with id ${approvalId}`);
    if (row.status !== 'awaiting_approval') {
      throw new ConflictError(
        `The approval request is ${row.status}${
          row.decided_by ? ` (by ${row.decided_by})` : ''
        }; nothing waits for a decision`,
      );
    }
    const current = await deployments(tx)
      .where({ id: row.deployment_id })
      .first();
    const now = new Date().toISOString();
    const voidReason =
      decision.voidReason ??
      (current?.version !== Number(row.deployment_version)
        ? 'The deployment changed after the request was made'
        : undefined);
    if (voidReason) {
      await approvals(tx)
        .where({ id: approvalId, status: 'awaiting_approval' })
        .update({ status: 'void', decided_at: now, comment: voidReason });
      await appendEvent(tx, row.deployment_id, 'approval', actor, now, {
        message: `The ${row.operation} request is void: ${voidReason}`,
        data: { approvalId, status: 'void' },
      });
      return {
        approval: toApproval({
          ...row,
          status: 'void',
          decided_at: now,
          comment: voidReason,
        }),
        voided: voidReason,
      };
    }
    const decided = await approvals(tx)
      .where({ id: approvalId, status: 'awaiting_approval' })
      .update({
        status: decision.status,
        decided_by: actor.ref,
        decided_at: now,
        comment,
      });
    if (decided !== 1) {
      throw new ConflictError('The approval request was decided meanwhile');
    }
    const verb = decision.status === 'approved' ? 'Approved' : 'Rejected';
    await appendEvent(tx, row.deployment_id, 'approval', actor, now, {
      message: `${verb} the ${row.operation} of ${row.requested_by}: ${comment} (${actor.ref})`,
      data: { approvalId, status: decision.status },
    });
    if (decision.status === 'approved' && decision.effect) {
      await applyEffect(tx, tasks, row, decision.effect, actor);
    } else if (decision.status === 'rejected' && row.operation === 'create') {
      // Nothing was made: a rejected create ends where a destroy would.
      await transitionDeployment(tx, tasks, row.deployment_id, 'destroyed', {
        actor,
        from: ['awaiting_approval'],
        reason: `Rejected by ${actor.ref}: ${comment}`,
      });
    }
    return {
      approval: toApproval({
        ...row,
        status: decision.status,
        decided_by: actor.ref,
        decided_at: now,
        comment,
      }),
    };
  });
}

async function applyEffect(
  tx: Knex.Transaction,
  tasks: TaskSink,
  row: ApprovalRow,
  effect: ApprovalEffect,
  actor: Actor,
): Promise<void> {
  const id = row.deployment_id;
  const reason = `Approved by ${actor.ref}`;
  switch (effect.kind) {
    case 'start':
      await transitionDeployment(tx, tasks, id, 'pending', {
        actor,
        from: ['awaiting_approval'],
        reason,
        task: effect.task,
        approval: { requestedBy: row.requested_by, approvedBy: actor.ref },
      });
      return;
    case 'update':
      await updateDeployment(
        tx,
        tasks,
        id,
        {
          spec: JSON.parse(row.spec),
          estimate: row.estimate ? JSON.parse(row.estimate) : undefined,
        },
        {
          expectedVersion: Number(row.deployment_version),
          actor,
          approval: { requestedBy: row.requested_by, approvedBy: actor.ref },
          // Approved, the change runs.
          task: effect.task,
        },
      );
      return;
    case 'redeploy':
      await transitionDeployment(
        tx,
        tasks,
        id,
        effect.everActive ? 'updating' : 'provisioning',
        {
          actor,
          from: effect.everActive
            ? ['active', 'drifted', 'failed']
            : ['failed'],
          reason: `Redeploy. ${reason}`,
          task: effect.task,
        },
      );
      return;
    case 'rollback':
      // The revision it was requested for, approved as it was shown.
      await rollbackDeployment(tx, tasks, id, {
        actor,
        approval: { requestedBy: row.requested_by, approvedBy: actor.ref },
        task: effect.task,
        revision: row.revision ?? undefined,
        reason: row.reason ?? undefined,
        estimate: row.estimate ? JSON.parse(row.estimate) : undefined,
      });
      return;
    case 'resume':
      await transitionDeployment(tx, tasks, id, 'starting', {
        actor,
        from: ['stopped'],
        reason: `Start. ${reason}`,
        estimate: effect.estimate,
        task: effect.task,
        approval: { requestedBy: row.requested_by, approvedBy: actor.ref },
      });
      return;
    default:
      throw new Error(`Unknown approval effect ${JSON.stringify(effect)}`);
  }
}
