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
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DrMode,
  DrPlan,
  DrRun,
  DrRunKind,
  DrRunOutcome,
  DrStandbyState,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/tables';
import { DrTaskKind, TaskSink } from '../database/TaskSink';
import { tasks } from '../jobs/tables';

/** A row of `deployment_dr_plans`. */
type PlanRow = {
  deployment_id: string;
  standby_region: string;
  standby_account: string | null;
  mode: DrMode;
  rto_seconds: number;
  active_side: 'primary' | 'standby';
  standby_state: DrStandbyState | 'removing';
  standby_endpoint: string | null;
  primary_endpoint: string | null;
  standby_revision: number | null;
  status_reason: string | null;
  version: number;
  created_by: string;
  created_at: Date | string;
  updated_by: string;
  updated_at: Date | string;
};

/** A row of `deployment_dr_runs`. */
type RunRow = {
  id: number | string;
  deployment_id: string;
  kind: DrRunKind;
  outcome: DrRunOutcome;
  standby_region: string;
  rto_seconds: number;
  started_at: Date | string;
  recovered_at: Date | string | null;
  recovery_seconds: number | null;
  finished_at: Date | string | null;
  reason: string | null;
  requested_by: string;
};

const plans = (db: Knex | Knex.Transaction) =>
  db<PlanRow>('deployment_dr_plans');
const runs = (db: Knex | Knex.Transaction) => db<RunRow>('deployment_dr_runs');

/** A stored plan; `removing` while its standby is taken down before it goes. */
export type StoredDrPlan = Omit<
  DrPlan,
  'standbyState' | 'standbyEstimate' | 'failoverEstimate' | 'lastDrill' | 'runs'
> & { standbyState: DrStandbyState | 'removing' };

/** The states a plan rests in, from which a new DR action may start. */
const RESTING: ReadonlyArray<PlanRow['standby_state']> = [
  'ready',
  'serving',
  'failed',
  'syncing',
];

/** The plan, locked for the transaction (SQLite serialises writers anyway). */
function lockedPlan(tx: Knex.Transaction, deploymentId: string) {
  const query = plans(tx).where({ deployment_id: deploymentId });
  if (tx.client.config.client === 'pg') query.forUpdate();
  return query.first();
}

/** The run each DR action records (a sync records none). */
export const RUN_KINDS: Partial<Record<DrTaskKind, DrRunKind>> = {
  'dr-failover': 'failover',
  'dr-failback': 'failback',
  'dr-drill': 'drill',
};

/** What a DR action queues, as the service asks for it. */
export type DrAction = {
  kind: DrTaskKind;
  maxAttempts: number;
  requestedBy: string;
  provider: string;
};

/**
 * Disaster-recovery plans and runs, on both databases. Every change that
 * queues a DR task writes the plan, the run and the task in one
 * transaction, and only while the deployment has no other task in flight
 * (a DR task must never supersede an update, nor an update a failover).
 */
export class DrStore {
  readonly #db: Knex;
  readonly #tasks: TaskSink;

  constructor(options: { db: Knex; tasks: TaskSink }) {
    this.#db = options.db;
    this.#tasks = options.tasks;
  }

  async get(deploymentId: string): Promise<StoredDrPlan | undefined> {
    const row = await plans(this.#db)
      .where({ deployment_id: deploymentId })
      .first();
    return row ? toPlan(row) : undefined;
  }

  /** The most recent runs of a deployment, newest first. */
  async listRuns(deploymentId: string, limit: number): Promise<DrRun[]> {
    const rows = await runs(this.#db)
      .where({ deployment_id: deploymentId })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toRun);
  }

  async lastRun(
    deploymentId: string,
    kind?: DrRunKind,
  ): Promise<DrRun | undefined> {
    const row = await runs(this.#db)
      .where({ deployment_id: deploymentId, ...(kind ? { kind } : {}) })
      .orderBy('id', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Makes or replaces a plan (at `expectedVersion`, when one exists) and
   * queues the sync that brings the standby to its mode, if the deployment
   * is idle (otherwise the scheduled sync does it once it is). A plan whose
   * standby serves, or is in the middle of an action, cannot change.
   */
  async put(
    deploymentId: string,
    plan: {
      standbyRegion: string;
      standbyAccount?: string;
      mode: DrMode;
      rtoSeconds: number;
    },
    options: { expectedVersion?: number; actor: string; sync: DrAction },
  ): Promise<StoredDrPlan> {
    const now = new Date().toISOString();
    await this.#db.transaction(async tx => {
      const current = await lockedPlan(tx, deploymentId);
      const columns = {
        standby_region: plan.standbyRegion,
        standby_account: plan.standbyAccount ?? null,
        mode: plan.mode,
        rto_seconds: plan.rtoSeconds,
        standby_state: 'syncing' as const,
        status_reason: null,
        updated_by: options.actor,
        updated_at: now,
      };
      if (!current) {
        if (options.expectedVersion !== undefined) {
          throw new ConflictError(
            `version: the deployment has no DR plan to replace; leave version out to make one`,
          );
        }
        await plans(tx).insert({
          deployment_id: deploymentId,
          ...columns,
          active_side: 'primary',
          standby_endpoint: null,
          primary_endpoint: null,
          standby_revision: null,
          version: 1,
          created_by: options.actor,
          created_at: now,
        });
      } else {
        assertVersion(current, options.expectedVersion, 'replace it');
        if (current.active_side !== 'primary') {
          throw new ConflictError(
            'The standby serves the deployment: fail back before changing the plan',
          );
        }
        if (
          current.standby_region !== plan.standbyRegion ||
          (current.standby_account ?? null) !== (plan.standbyAccount ?? null)
        ) {
          // The old standby would be left behind under the new region's name.
          if (current.standby_endpoint) {
            throw new ConflictError(
              'The standby runs in its region: switch the plan to pilot-light (which takes it down) before moving it to another region',
            );
          }
        }
        assertResting(current, 'changed');
        await plans(tx)
          .where({ deployment_id: deploymentId, version: current.version })
          .update({ ...columns, version: Number(current.version) + 1 });
      }
      await this.#queueIfIdle(tx, deploymentId, options.sync);
    });
    return (await this.get(deploymentId))!;
  }

  /**
   * Starts a DR action: the run (for failover, failback and drill), the
   * plan's new state and the task, in one transaction; 409 when the plan
   * or the deployment is busy, or the action does not fit the active side.
   */
  async start(
    deploymentId: string,
    action: DrAction & {
      kind: 'dr-failover' | 'dr-failback' | 'dr-drill' | 'dr-sync';
      expectedVersion?: number;
      state: DrStandbyState | 'removing';
    },
  ): Promise<{ plan: StoredDrPlan; run?: DrRun }> {
    const now = new Date().toISOString();
    let runId: number | undefined;
    await this.#db.transaction(async tx => {
      const current = await lockedPlan(tx, deploymentId);
      if (!current) {
        throw new NotFoundError('The deployment has no DR plan');
      }
      assertVersion(current, action.expectedVersion, 'act on it');
      assertResting(current, 'acted on');
      const side = current.active_side;
      if (action.kind === 'dr-failback' && side !== 'standby') {
        throw new ConflictError(
          'The primary serves the deployment: there is nothing to fail back from',
        );
      }
      if (action.kind !== 'dr-failback' && side !== 'primary') {
        throw new ConflictError(
          'The standby serves the deployment: fail back first',
        );
      }
      if (await this.#busy(tx, deploymentId)) {
        throw new ConflictError(
          'The deployment has a change in flight: try again once it settles',
        );
      }
      await plans(tx)
        .where({ deployment_id: deploymentId })
        .update({
          standby_state: action.state,
          status_reason: null,
          updated_by: action.requestedBy,
          updated_at: now,
          version: Number(current.version) + 1,
        });
      const kind = RUN_KINDS[action.kind];
      if (kind) {
        const [row] = await runs(tx)
          .insert({
            deployment_id: deploymentId,
            kind,
            outcome: 'running',
            standby_region: current.standby_region,
            rto_seconds: current.rto_seconds,
            started_at: now,
            requested_by: action.requestedBy,
          })
          .returning('id');
        runId = Number(typeof row === 'object' ? row.id : row);
      }
      await this.#tasks.enqueue(tx, {
        kind: action.kind,
        deploymentId,
        provider: action.provider,
        requestedBy: action.requestedBy,
        maxAttempts: action.maxAttempts,
      });
    });
    const plan = (await this.get(deploymentId))!;
    if (runId === undefined) return { plan };
    const run = await runs(this.#db).where({ id: runId }).first();
    return { plan, run: run ? toRun(run) : undefined };
  }

  /** Sets what the standby is doing now (and why, and where it answers). */
  async setState(
    deploymentId: string,
    state: DrStandbyState | 'removing',
    change: {
      reason?: string | null;
      standbyEndpoint?: string | null;
      standbyRevision?: number;
      activeSide?: 'primary' | 'standby';
      primaryEndpoint?: string | null;
    } = {},
    tx?: Knex.Transaction,
  ): Promise<void> {
    const db = tx ?? this.#db;
    await plans(db)
      .where({ deployment_id: deploymentId })
      .update({
        standby_state: state,
        ...(change.reason !== undefined
          ? { status_reason: change.reason }
          : {}),
        ...(change.standbyEndpoint !== undefined
          ? { standby_endpoint: change.standbyEndpoint }
          : {}),
        ...(change.standbyRevision !== undefined
          ? { standby_revision: change.standbyRevision }
          : {}),
        ...(change.activeSide ? { active_side: change.activeSide } : {}),
        ...(change.primaryEndpoint !== undefined
          ? { primary_endpoint: change.primaryEndpoint }
          : {}),
        updated_at: new Date().toISOString(),
        version: db.raw('version + 1'),
      });
  }

  /** The unfinished run of an action (recovered or not), if it has one. */
  async runningRun(
    deploymentId: string,
    kind: DrRunKind,
  ): Promise<DrRun | undefined> {
    const row = await runs(this.#db)
      .where({ deployment_id: deploymentId, kind })
      .whereNull('finished_at')
      .orderBy('id', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Records that what a run brought up answered (once: a repeated step
   * keeps the first time), with its recovery time against the objective.
   */
  async recovered(
    runId: number,
    at: Date,
    tx?: Knex.Transaction,
  ): Promise<void> {
    const db = tx ?? this.#db;
    const row = await runs(db).where({ id: runId }).first();
    if (!row || row.recovered_at) return;
    const seconds = (at.getTime() - new Date(row.started_at).getTime()) / 1000;
    await runs(db)
      .where({ id: runId })
      .update({
        recovered_at: at.toISOString(),
        recovery_seconds: Math.round(seconds * 1000) / 1000,
        outcome: seconds <= Number(row.rto_seconds) ? 'met' : 'missed',
      });
  }

  /** Ends a run: recovered ones keep met/missed; others get `outcome`. */
  async finishRun(
    runId: number,
    outcome: 'failed' | 'cancelled' | 'done',
    reason?: string,
  ): Promise<void> {
    const row = await runs(this.#db).where({ id: runId }).first();
    if (!row || row.finished_at) return;
    await runs(this.#db)
      .where({ id: runId })
      .update({
        finished_at: new Date().toISOString(),
        ...(outcome !== 'done' && !row.recovered_at ? { outcome } : {}),
        ...(reason ? { reason } : {}),
      });
  }

  async remove(deploymentId: string): Promise<void> {
    await plans(this.#db).where({ deployment_id: deploymentId }).delete();
  }

  /**
   * Plans whose standby is behind its primary's latest revision (or never
   * synced), of deployments that are active with nothing in flight: the
   * scheduled sync queues theirs.
   */
  async behind(
    limit: number,
  ): Promise<
    Array<{ deploymentId: string; provider: string; revision: number }>
  > {
    const rows = await this.#db('deployment_dr_plans as p')
      .join('deployments as d', 'd.id', 'p.deployment_id')
      .whereIn('d.status', ['active'])
      .where('p.active_side', 'primary')
      .whereIn('p.standby_state', ['ready', 'syncing'])
      .select(
        'p.deployment_id as deploymentId',
        'd.provider as provider',
        'p.standby_revision as standbyRevision',
        'p.standby_state as state',
        this.#db('deployment_revisions as r')
          .whereRaw('r.deployment_id = p.deployment_id')
          .max('r.number')
          .as('revision'),
      )
      .limit(limit);
    return rows
      .filter(
        r =>
          r.state === 'syncing' ||
          (r.revision !== null &&
            Number(r.revision) !== Number(r.standbyRevision)),
      )
      .map(r => ({
        deploymentId: r.deploymentId,
        provider: r.provider,
        revision: Number(r.revision ?? 0),
      }));
  }

  /** The number of the deployment's latest revision (0 before the first). */
  async latestRevision(deploymentId: string): Promise<number> {
    const row = await this.#db('deployment_revisions')
      .where({ deployment_id: deploymentId })
      .max('number as n')
      .first();
    return Number(row?.n ?? 0);
  }

  /** Queues a sync now if nothing else of the deployment is in flight. */
  async queueSyncIfIdle(
    deploymentId: string,
    sync: DrAction,
  ): Promise<boolean> {
    return this.#db.transaction(async tx => {
      await lockedPlan(tx, deploymentId);
      return this.#queueIfIdle(tx, deploymentId, sync);
    });
  }

  async #queueIfIdle(
    tx: Knex.Transaction,
    deploymentId: string,
    sync: DrAction,
  ): Promise<boolean> {
    if (await this.#busy(tx, deploymentId)) return false;
    await this.#tasks.enqueue(tx, {
      kind: sync.kind,
      deploymentId,
      provider: sync.provider,
      requestedBy: sync.requestedBy,
      maxAttempts: sync.maxAttempts,
    });
    return true;
  }

  /** Whether the deployment has a task queued or running. */
  async #busy(tx: Knex.Transaction, deploymentId: string): Promise<boolean> {
    const row = await tasks(tx)
      .where({ deployment_id: deploymentId })
      .whereIn('state', ['queued', 'running', 'cancelling'])
      .first('id');
    return Boolean(row);
  }
}

function assertVersion(
  current: PlanRow,
  expected: number | undefined,
  what: string,
) {
  if (expected !== undefined && Number(current.version) !== expected) {
    throw new ConflictError(
      `version: ${expected} is stale, the DR plan is at version ${current.version}; read it again to ${what}`,
    );
  }
}

function assertResting(current: PlanRow, what: string) {
  if (!RESTING.includes(current.standby_state)) {
    throw new ConflictError(
      `The DR plan is ${current.standby_state} and cannot be ${what} until that ends`,
    );
  }
}

function toPlan(row: PlanRow): StoredDrPlan {
  return {
    deploymentId: row.deployment_id,
    standbyRegion: row.standby_region,
    ...(row.standby_account ? { standbyAccount: row.standby_account } : {}),
    mode: row.mode,
    rtoSeconds: Number(row.rto_seconds),
    activeSide: row.active_side,
    standbyState: row.standby_state,
    ...(row.standby_endpoint ? { standbyEndpoint: row.standby_endpoint } : {}),
    ...(row.primary_endpoint ? { primaryEndpoint: row.primary_endpoint } : {}),
    ...(row.standby_revision !== null
      ? { standbyRevision: Number(row.standby_revision) }
      : {}),
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
  };
}

function toRun(row: RunRow): DrRun {
  return {
    id: Number(row.id),
    kind: row.kind,
    outcome: row.outcome,
    standbyRegion: row.standby_region,
    rtoSeconds: Number(row.rto_seconds),
    startedAt: toIsoString(row.started_at),
    ...(row.recovered_at ? { recoveredAt: toIsoString(row.recovered_at) } : {}),
    ...(row.recovery_seconds !== null
      ? { recoverySeconds: Number(row.recovery_seconds) }
      : {}),
    ...(row.finished_at ? { finishedAt: toIsoString(row.finished_at) } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    requestedBy: row.requested_by,
  };
}
