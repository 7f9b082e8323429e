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
import { Knex } from 'knex';
import { claimTasks } from './claimTasks';
import { Task, TaskKind, TaskPayload, TaskRow, tasks } from './tables';

/** A task to add to the queue. */
export type NewTask = {
  kind: TaskKind;
  deploymentId: string;
  provider: string;
  requestedBy: string;
  maxAttempts: number;
  payload?: TaskPayload;
};

/**
 * The durable job queue on the Backstage database. Several workers, in one
 * process or many replicas, share it: a claim takes a lease that the worker
 * renews while it works, and a task whose lease ran out (its worker died) is
 * claimed again.
 *
 * Every write after a claim is guarded by the lease owner, so a worker that
 * lost its lease cannot overwrite the work of the one that took over.
 */
export class TaskQueue {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Queues a task inside the caller's transaction, superseding the
   * deployment's waiting or running task (see {@link TaskQueue.cancelActive}).
   */
  static async enqueue(tx: Knex.Transaction, task: NewTask): Promise<number> {
    await TaskQueue.cancelActive(tx, task.deploymentId, 'superseded');
    const [row] = await tasks(tx).insert(queuedRow(task)).returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  /**
   * Queues the first tasks of new deployments inside the caller's
   * transaction, in one statement: there is nothing to supersede.
   */
  static async enqueueFirst(
    tx: Knex.Transaction,
    newTasks: NewTask[],
  ): Promise<void> {
    await tasks(tx).insert(newTasks.map(queuedRow));
  }

  /**
   * Cancels the deployment's active task inside the caller's transaction: a
   * queued one at once, a running one by moving it to `cancelling` so its
   * worker stops it (it looks every idle poll, see
   * {@link TaskQueue.cancelling}, and at each heartbeat). Until then (or until its lease runs
   * out) no other task of the deployment is claimed, so two workers never
   * act on one deployment's cloud resources at the same time.
   */
  static async cancelActive(
    tx: Knex.Transaction,
    deploymentId: string,
    reason: string,
  ): Promise<void> {
    const now = new Date().toISOString();
    await tasks(tx)
      .where({ deployment_id: deploymentId, state: 'queued' })
      .update({ state: 'cancelled', last_error: reason, updated_at: now });
    await tasks(tx)
      .where({ deployment_id: deploymentId, state: 'running' })
      .update({ state: 'cancelling', last_error: reason, updated_at: now });
  }

  /** Claims due tasks (or ones whose lease expired) for `owner`: {@link claimTasks}. */
  claim(options: {
    owner: string;
    limit: number;
    leaseMs: number;
    excludeProviders?: string[];
  }): Promise<Task[]> {
    return claimTasks(this.#db, options);
  }

  /**
   * Which of `ids`, running under `owner`, were cancelled or superseded
   * meanwhile: their worker should stop them now rather than at its next
   * heartbeat. One query over the primary key, so cheap to ask every poll.
   */
  async cancelling(ids: number[], owner: string): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await tasks(this.#db)
      .whereIn('id', ids)
      .where({ lease_owner: owner, state: 'cancelling' })
      .select('id');
    return rows.map(r => Number(r.id));
  }

  /**
   * Extends a lease. False when the task is no longer this owner's to run
   * (cancelled, superseded, or the lease expired and another worker took it).
   */
  async heartbeat(
    id: number,
    owner: string,
    leaseMs: number,
  ): Promise<boolean> {
    const now = new Date();
    const updated = await tasks(this.#db)
      .where({ id, lease_owner: owner, state: 'running' })
      .update({
        lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
        updated_at: now.toISOString(),
      });
    return updated === 1;
  }

  /**
   * Finishes a task. False when the lease was no longer this owner's, or the
   * task was cancelled meanwhile: a cancel wins over the step's outcome, and
   * the worker acknowledges it instead.
   */
  async finish(
    id: number,
    owner: string,
    outcome: { state: 'succeeded' | 'failed'; error?: string },
  ): Promise<boolean> {
    const updated = await tasks(this.#db)
      .where({ id, lease_owner: owner, state: 'running' })
      .update({
        state: outcome.state,
        // A success keeps the error it recovered from, for the record.
        ...(outcome.error !== undefined ? { last_error: outcome.error } : {}),
        lease_owner: null,
        lease_expires_at: null,
        updated_at: new Date().toISOString(),
      });
    return updated === 1;
  }

  /**
   * Puts a task back in the queue to run its next step at `runAfter`: after a
   * retryable error (`countAttempt`), or to poll again.
   */
  async reschedule(
    id: number,
    owner: string,
    next: {
      runAfter: Date;
      payload: TaskPayload;
      countAttempt?: boolean;
      error?: string;
    },
  ): Promise<boolean> {
    const updated = await tasks(this.#db)
      .where({ id, lease_owner: owner, state: 'running' })
      .update({
        state: 'queued',
        payload: JSON.stringify(next.payload),
        run_after: next.runAfter.toISOString(),
        ...(next.countAttempt
          ? {
              attempts: this.#db.raw('attempts + 1') as unknown as number,
            }
          : {}),
        ...(next.error !== undefined ? { last_error: next.error } : {}),
        lease_owner: null,
        lease_expires_at: null,
        updated_at: new Date().toISOString(),
      });
    return updated === 1;
  }

  /**
   * Gives a task back unfinished (shutdown), due at once for another worker.
   * A task that was cancelled meanwhile is marked cancelled instead.
   */
  async release(id: number, owner: string): Promise<void> {
    const now = new Date().toISOString();
    await tasks(this.#db)
      .where({ id, lease_owner: owner, state: 'running' })
      .update({
        state: 'queued',
        run_after: now,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      });
    await this.acknowledgeCancel(id, owner);
  }

  /**
   * Marks a task this owner stopped because it was cancelled as `cancelled`.
   * False when it was not cancelled (or not this owner's).
   */
  async acknowledgeCancel(id: number, owner: string): Promise<boolean> {
    const updated = await tasks(this.#db)
      .where({ id, lease_owner: owner, state: 'cancelling' })
      .update({
        state: 'cancelled',
        lease_owner: null,
        lease_expires_at: null,
        updated_at: new Date().toISOString(),
      });
    return updated === 1;
  }

  /** The task rows of a deployment, newest first (for the API and tests). */
  async listForDeployment(deploymentId: string): Promise<TaskRow[]> {
    return tasks(this.#db)
      .where({ deployment_id: deploymentId })
      .orderBy('id', 'desc');
  }
}

function queuedRow(task: NewTask) {
  const now = new Date().toISOString();
  return {
    kind: task.kind,
    deployment_id: task.deploymentId,
    provider: task.provider,
    state: 'queued' as const,
    payload: JSON.stringify(task.payload ?? {}),
    attempts: 0,
    max_attempts: task.maxAttempts,
    run_after: now,
    requested_by: task.requestedBy,
    created_at: now,
    updated_at: now,
  };
}
