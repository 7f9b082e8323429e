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
import { isDeepStrictEqual } from 'node:util';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  canTransition,
  CostEstimate,
  DeploymentSpec,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import {
  resultColumns,
  specColumns,
  estimateColumns,
  toDeployment,
} from './deploymentRows';
import {
  Actor,
  DeploymentChange,
  DeploymentStore,
  TaskRequest,
} from './DeploymentStore';
import { voidWaiting } from '../approvals/approvalRows';
import {
  recordRevision,
  rollbackTarget,
  settleRevision,
  supersedePending,
} from '../revisions/revisionChanges';
import { appendEvent, changedFields } from './eventLog';
import { QueuedTask, TaskSink } from './TaskSink';
import { DeploymentRow, deployments } from './tables';

// The changes to an existing deployment. Each is one transaction that checks
// the version it read in the UPDATE itself, appends its events and queues or
// cancels its task; the store reads the deployment back afterwards. A change
// of the spec records it as the next revision in the same transaction.

export type TransitionOptions = Parameters<
  DeploymentStore['transitionDeployment']
>[2];

/** A change that waited for approval: who asked for it, who approved it. */
export type Approved = { requestedBy: string; approvedBy: string };

/** A revision is made by who asked for the change, whoever approved it. */
function revisionActors(actor: Actor, approval?: Approved) {
  return approval
    ? { actor: { ref: approval.requestedBy }, approvedBy: approval.approvedBy }
    : { actor };
}

export async function updateDeployment(
  db: Knex,
  tasks: TaskSink,
  id: string,
  change: DeploymentChange,
  options: {
    expectedVersion: number;
    actor: Actor;
    approval?: Approved;
    /**
     * Applies a changed spec: a deployment that can move to `updating`
     * does, with this task queued, in the same transaction. Without it (or
     * while a change is in flight) the spec is stored for the next apply.
     */
    task?: TaskRequest;
  },
): Promise<void> {
  const { expectedVersion, actor, approval, task } = options;
  await db.transaction(async tx => {
    const current = await deployments(tx).where({ id }).first();
    if (!current) throw new NotFoundError(`No deployment with id ${id}`);
    if (current.status === 'destroying' || current.status === 'destroyed') {
      throw new ConflictError(
        `Deployment ${current.name} is ${current.status} and can no longer be changed`,
      );
    }
    // Read in this transaction, so a different version is stale for sure;
    // and a version beyond the column's range never reaches the UPDATE
    // (PostgreSQL refuses it as a parameter of an integer column).
    if (expectedVersion !== current.version) {
      throw new ConflictError(
        `version: ${expectedVersion} is stale, the deployment is at version ${current.version}; read it again and retry`,
      );
    }
    const now = new Date().toISOString();
    const from = current.status as DeploymentStatus;
    const specChanged = !isDeepStrictEqual(
      JSON.parse(current.spec),
      change.spec,
    );
    const applies =
      Boolean(task) && specChanged && canTransition(from, 'updating');
    const reason = `Applying the change by ${actor.ref}`;
    const patch: Partial<DeploymentRow> = {
      ...specColumns(change.spec, current.created_at),
      ...(change.estimate ? estimateColumns(change.estimate) : {}),
      ...(applies
        ? { status: 'updating', status_reason: reason, drift: null }
        : {}),
      updated_by: actor.ref,
      updated_at: now,
      version: expectedVersion + 1,
    };
    if (change.title !== undefined) patch.title = change.title;
    if (change.description !== undefined) {
      patch.description = change.description;
    }
    // The version check is part of the UPDATE itself, so of two writers that
    // read the same version exactly one matches a row.
    const updated = await deployments(tx)
      .where({ id, version: expectedVersion })
      .whereNotIn('status', ['destroying', 'destroyed'])
      .update(patch);
    if (updated !== 1) {
      throw new ConflictError(
        `version: ${expectedVersion} is stale, the deployment is at version ${current.version}; read it again and retry`,
      );
    }
    const changed = changedFields(toDeployment(current), change);
    await appendEvent(tx, id, 'updated', actor, now, {
      message: `Changed ${changed.join(', ') || 'nothing'} by ${actor.ref}`,
      data: { fields: changed, version: expectedVersion + 1 },
    });
    // A create waiting for approval has applied nothing: its first revision
    // is made when it starts.
    if (current.status !== 'awaiting_approval' && specChanged) {
      await recordRevision(tx, id, {
        spec: patch.spec!,
        estimate: change.estimate,
        change: 'update',
        ...revisionActors(actor, approval),
        now,
      });
    }
    if (applies) {
      await appendEvent(tx, id, 'status', actor, now, {
        message: `${from} → updating: ${reason} (${actor.ref})`,
        data: { from, to: 'updating', reason },
      });
      await tasks.enqueue(tx, queuedTask(id, current.provider, actor, task!));
    }
  });
}

export async function transitionDeployment(
  db: Knex,
  tasks: TaskSink,
  id: string,
  to: DeploymentStatus,
  options: TransitionOptions,
): Promise<void> {
  const { actor, expectedVersion, result, task, estimate } = options;
  await db.transaction(async tx => {
    const current = await deployments(tx).where({ id }).first();
    if (!current) throw new NotFoundError(`No deployment with id ${id}`);
    const from = current.status as DeploymentStatus;
    if (
      !canTransition(from, to) ||
      (options.from && !options.from.includes(from))
    ) {
      throw new ConflictError(
        `Deployment ${current.name} is ${from} and cannot become ${to}`,
      );
    }
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new ConflictError(
        `version: ${expectedVersion} is stale, the deployment is at version ${current.version}`,
      );
    }
    const reason =
      typeof options.reason === 'function'
        ? options.reason(from)
        : options.reason;
    const now = new Date().toISOString();
    const updated = await deployments(tx)
      .where({ id, status: from, version: current.version })
      .update({
        status: to,
        status_reason: reason ?? null,
        // A finding explains `drifted` only; whatever comes next clears it.
        drift: null,
        ...resultColumns(result),
        ...(estimate ? estimateColumns(estimate) : {}),
        updated_by: actor.ref,
        updated_at: now,
        version: current.version + 1,
      });
    if (updated !== 1) {
      throw new ConflictError(
        `Deployment ${current.name} changed while moving it to ${to}; retry`,
      );
    }
    await appendEvent(tx, id, 'status', actor, now, {
      message: `${from} → ${to}${reason ? `: ${reason}` : ''} (${actor.ref})`,
      data: {
        from,
        to,
        ...(reason ? { reason } : {}),
        ...(result?.endpoint ? { endpoint: result.endpoint } : {}),
      },
    });
    if (from === 'awaiting_approval' && to === 'pending') {
      // Its spec starts being applied now: revision 1, made by who set it.
      await recordRevision(tx, id, {
        spec: current.spec,
        estimate: current.estimate ? JSON.parse(current.estimate) : undefined,
        change: 'create',
        ...revisionActors(actor, options.approval),
        now,
      });
    }
    if (
      (to === 'active' || to === 'failed') &&
      (from === 'pending' || from === 'provisioning' || from === 'updating')
    ) {
      await settleRevision(tx, id, to, now);
    }
    if (to === 'destroying' || to === 'destroyed') {
      // What waited for approval has nothing left to apply to, and a
      // revision still being applied never will be.
      await voidWaiting(tx, id, `The deployment is ${to}`, now);
      await supersedePending(tx, id, now);
    }
    if (task) {
      await tasks.enqueue(tx, queuedTask(id, current.provider, actor, task));
    } else if (options.cancelTask) {
      await tasks.cancelActive(tx, id, `${to} by ${actor.ref}`);
    }
  });
}

export type RollbackOptions = {
  actor: Actor;
  task: TaskRequest;
  /** The revision to restore; the one before the current by default. */
  revision?: number;
  /** The estimate of the restored spec at today's prices. */
  estimate?: CostEstimate;
  reason?: string;
  approval?: Approved;
};

export async function rollbackDeployment(
  db: Knex,
  tasks: TaskSink,
  id: string,
  options: RollbackOptions,
): Promise<void> {
  const { actor, task, estimate, reason, approval } = options;
  await db.transaction(async tx => {
    const current = await deployments(tx).where({ id }).first();
    if (!current) throw new NotFoundError(`No deployment with id ${id}`);
    const from = current.status as DeploymentStatus;
    if (!canTransition(from, 'updating')) {
      throw new ConflictError(
        `Deployment ${current.name} is ${from} and cannot be rolled back`,
      );
    }
    const target = await rollbackTarget(tx, current, options.revision);
    const spec: DeploymentSpec = JSON.parse(target.spec);
    const number = Number(target.number);
    const now = new Date().toISOString();
    const columns = specColumns(spec, current.created_at);
    const updated = await deployments(tx)
      .where({ id, status: from, version: current.version })
      .update({
        ...columns,
        ...(estimate ? estimateColumns(estimate) : {}),
        status: 'updating',
        drift: null,
        status_reason: `Rolling back to revision ${number}`,
        updated_by: actor.ref,
        updated_at: now,
        version: current.version + 1,
      });
    if (updated !== 1) {
      throw new ConflictError(
        `Deployment ${current.name} changed while rolling it back; retry`,
      );
    }
    const revision = await recordRevision(tx, id, {
      spec: columns.spec,
      estimate,
      change: 'rollback',
      rollbackTo: number,
      reason,
      ...revisionActors(actor, approval),
      now,
    });
    const changed = changedFields(toDeployment(current), { spec });
    await appendEvent(tx, id, 'updated', actor, now, {
      message: `Rolled back ${
        changed.join(', ') || 'the spec'
      } to revision ${number} as revision ${revision} by ${actor.ref}${
        reason ? `: ${reason}` : ''
      }`,
      data: {
        fields: changed,
        rollback: true,
        rollbackTo: number,
        revision,
        version: current.version + 1,
      },
    });
    await appendEvent(tx, id, 'status', actor, now, {
      message: `${from} → updating: rollback to revision ${number} (${actor.ref})`,
      data: { from, to: 'updating', reason: 'rollback' },
    });
    await tasks.enqueue(tx, queuedTask(id, current.provider, actor, task));
  });
}

function queuedTask(
  deploymentId: string,
  provider: string,
  actor: Actor,
  task: TaskRequest,
): QueuedTask {
  return {
    kind: task.kind,
    deploymentId,
    provider,
    requestedBy: actor.ref,
    maxAttempts: task.maxAttempts,
  };
}
