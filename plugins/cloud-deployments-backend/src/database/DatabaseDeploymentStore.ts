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
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  canTransition,
  CostEstimate,
  Deployment,
  DeploymentEvent,
  DeploymentEventType,
  DeploymentSpec,
  DeploymentStatus,
  DeploymentsSummary,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import { GroupCommit } from './GroupCommit';
import { QueuedTask, TaskSink } from './TaskSink';
import { applyPermissionFilter } from './permissionFilter';
import {
  Actor,
  DeploymentChange,
  DeploymentFilter,
  DeploymentStore,
  NewDeployment,
  ProvisioningResult,
  TaskRequest,
} from './DeploymentStore';
import {
  DeploymentEventRow,
  DeploymentRow,
  deploymentEvents,
  deployments,
  isUniqueViolation,
  toIsoString,
} from './tables';

const migrationsDir = resolvePackagePath(
  '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend',
  'migrations',
);

/** Runs this plugin's migrations to the latest version. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** Rows per transaction when reconciliation records drift. */
const DRIFT_BATCH = 500;

/** A DeploymentStore on the Backstage database (better-sqlite3 or PostgreSQL). */
/** A create waiting for its group's transaction. */
type PendingCreate = {
  row: Omit<DeploymentRow, 'seq'>;
  event: Omit<DeploymentEventRow, 'id'>;
  task?: QueuedTask;
};

/** Creates in one transaction at most: well within SQLite's bound-parameter limit. */
const MAX_CREATE_GROUP = 100;

export class DatabaseDeploymentStore implements DeploymentStore {
  readonly #db: Knex;
  readonly #tasks: TaskSink;
  readonly #creates = new GroupCommit<PendingCreate>({
    maxGroup: MAX_CREATE_GROUP,
    write: items => this.#writeCreates(items),
  });

  static async create(options: {
    database: DatabaseService;
    /** Where changes queue their tasks (the job queue). */
    tasks: TaskSink;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeploymentStore> {
    const { database, tasks, skipMigrations } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip && !skipMigrations) {
      await migrateDatabase(client);
    }
    if (String(client.client.config.client).includes('sqlite')) {
      // The embedded default: with a write-ahead log a commit appends instead
      // of rewriting pages, which makes the job queue's many small writes
      // ~10x faster (bench/jobs.bench.ts), and readers no longer wait for
      // writers. The mode is kept in the database file. In this mode NORMAL
      // syncs at checkpoints instead of every commit: a crash of the process
      // loses nothing, a power cut at most the last commits.
      await client.raw('PRAGMA journal_mode = WAL');
      await client.raw('PRAGMA synchronous = NORMAL');
    }
    return new DatabaseDeploymentStore(client, tasks);
  }

  private constructor(db: Knex, tasks: TaskSink) {
    this.#db = db;
    this.#tasks = tasks;
  }

  async createDeployment(
    input: NewDeployment,
    actor: Actor,
    options: { task?: TaskRequest } = {},
  ): Promise<Deployment> {
    const now = new Date().toISOString();
    const row: Omit<DeploymentRow, 'seq'> = {
      id: randomUUID(),
      name: input.name,
      title: input.title ?? null,
      description: input.description ?? null,
      ...specColumns(input.spec),
      ...estimateColumns(input.estimate),
      status: 'pending',
      status_reason: null,
      endpoint: null,
      outputs: '{}',
      created_by: actor.ref,
      created_at: now,
      updated_by: actor.ref,
      updated_at: now,
      version: 1,
      last_good_spec: null,
      sandbox: input.sandbox ?? false,
    };
    try {
      await this.#creates.add({
        row,
        event: eventRow(row.id, 'created', actor, now, {
          message: `Created by ${actor.ref}`,
          data: { status: 'pending' },
        }),
        task: options.task && {
          kind: options.task.kind,
          deploymentId: row.id,
          provider: input.spec.provider,
          requestedBy: actor.ref,
          maxAttempts: options.task.maxAttempts,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `name: a deployment named "${input.name}" already exists`,
        );
      }
      throw error;
    }
    // What was written, as the database would read it back.
    return toDeployment({ ...row, seq: 0 });
  }

  /**
   * Writes new deployments with their `created` events and first tasks:
   * a group in one transaction, one statement per table.
   */
  async #writeCreates(items: PendingCreate[]): Promise<void> {
    await this.#db.transaction(async tx => {
      await deployments(tx).insert(items.map(i => i.row));
      await deploymentEvents(tx).insert(items.map(i => i.event));
      const newTasks = items.flatMap(i => (i.task ? [i.task] : []));
      // A new deployment has no task to supersede.
      if (newTasks.length) await this.#tasks.enqueueFirst(tx, newTasks);
    });
  }

  async listDeployments(
    filter: DeploymentFilter,
    page: { cursor?: string; limit: number },
  ): Promise<Page<Deployment>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const filtered = deployments(this.#db).where(qb => applyFilter(qb, filter));

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

  async summarizeDeployments(
    filter: DeploymentFilter,
  ): Promise<DeploymentsSummary> {
    const rows: Array<{ provider: string; count: unknown; cost: unknown }> =
      await deployments(this.#db)
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

  async getDeployment(id: string): Promise<Deployment | undefined> {
    const row = await deployments(this.#db).where({ id }).first();
    return row ? toDeployment(row) : undefined;
  }

  async updateDeployment(
    id: string,
    change: DeploymentChange,
    options: { expectedVersion: number; actor: Actor },
  ): Promise<Deployment> {
    const { expectedVersion, actor } = options;
    await this.#db.transaction(async tx => {
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
      const patch: Partial<DeploymentRow> = {
        ...specColumns(change.spec),
        ...(change.estimate ? estimateColumns(change.estimate) : {}),
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
    });
    return (await this.getDeployment(id))!;
  }

  async transitionDeployment(
    id: string,
    to: DeploymentStatus,
    options: {
      actor: Actor;
      reason?: string | ((from: DeploymentStatus) => string);
      expectedVersion?: number;
      from?: DeploymentStatus[];
      result?: ProvisioningResult;
      task?: TaskRequest;
      cancelTask?: boolean;
    },
  ): Promise<Deployment> {
    const { actor, expectedVersion, result, task } = options;
    await this.#db.transaction(async tx => {
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
      if (
        expectedVersion !== undefined &&
        expectedVersion !== current.version
      ) {
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
          ...resultColumns(result),
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
      if (task) {
        await this.#tasks.enqueue(
          tx,
          queuedTask(id, current.provider, actor, task),
        );
      } else if (options.cancelTask) {
        await this.#tasks.cancelActive(tx, id, `${to} by ${actor.ref}`);
      }
    });
    return (await this.getDeployment(id))!;
  }

  async rollbackDeployment(
    id: string,
    options: { actor: Actor; task: TaskRequest },
  ): Promise<Deployment> {
    const { actor, task } = options;
    await this.#db.transaction(async tx => {
      const current = await deployments(tx).where({ id }).first();
      if (!current) throw new NotFoundError(`No deployment with id ${id}`);
      const from = current.status as DeploymentStatus;
      if (!current.last_good_spec) {
        throw new ConflictError(
          `Deployment ${current.name} has never been active, so there is no spec to roll back to`,
        );
      }
      if (!canTransition(from, 'updating')) {
        throw new ConflictError(
          `Deployment ${current.name} is ${from} and cannot be rolled back`,
        );
      }
      const good: DeploymentSpec = JSON.parse(current.last_good_spec);
      const now = new Date().toISOString();
      const updated = await deployments(tx)
        .where({ id, status: from, version: current.version })
        .update({
          ...specColumns(good),
          status: 'updating',
          status_reason: 'Rolling back to the last spec that was active',
          updated_by: actor.ref,
          updated_at: now,
          version: current.version + 1,
        });
      if (updated !== 1) {
        throw new ConflictError(
          `Deployment ${current.name} changed while rolling it back; retry`,
        );
      }
      const changed = changedFields(toDeployment(current), { spec: good });
      await appendEvent(tx, id, 'updated', actor, now, {
        message: `Rolled back ${
          changed.join(', ') || 'nothing'
        } to the last good spec by ${actor.ref}`,
        data: { fields: changed, rollback: true, version: current.version + 1 },
      });
      await appendEvent(tx, id, 'status', actor, now, {
        message: `${from} → updating: rollback (${actor.ref})`,
        data: { from, to: 'updating', reason: 'rollback' },
      });
      await this.#tasks.enqueue(
        tx,
        queuedTask(id, current.provider, actor, task),
      );
    });
    return (await this.getDeployment(id))!;
  }

  async markDrifted(
    drifted: Array<{ id: string; reason: string }>,
    actor: Actor,
  ): Promise<Deployment[]> {
    const changedIds: string[] = [];
    const reasons = new Map(drifted.map(d => [d.id, d.reason]));
    for (let i = 0; i < drifted.length; i += DRIFT_BATCH) {
      const ids = drifted.slice(i, i + DRIFT_BATCH).map(d => d.id);
      await this.#db.transaction(async tx => {
        const rows = await deployments(tx)
          .whereIn('id', ids)
          .where({ status: 'active' })
          .select('id', 'version');
        const now = new Date().toISOString();
        const events = [];
        for (const row of rows) {
          const reason = reasons.get(row.id)!;
          const updated = await deployments(tx)
            .where({ id: row.id, status: 'active', version: row.version })
            .update({
              status: 'failed',
              status_reason: reason,
              updated_by: actor.ref,
              updated_at: now,
              version: row.version + 1,
            });
          if (updated !== 1) continue;
          changedIds.push(row.id);
          events.push({
            deployment_id: row.id,
            type: 'status',
            message: `active → failed: ${reason} (${actor.ref})`,
            data: JSON.stringify({
              from: 'active',
              to: 'failed',
              reason,
              drift: true,
            }),
            actor: actor.ref,
            created_at: now,
          });
        }
        if (events.length) await deploymentEvents(tx).insert(events);
      });
    }
    const changed: Deployment[] = [];
    for (let i = 0; i < changedIds.length; i += DRIFT_BATCH) {
      const rows = await deployments(this.#db).whereIn(
        'id',
        changedIds.slice(i, i + DRIFT_BATCH),
      );
      changed.push(...rows.map(toDeployment));
    }
    return changed;
  }

  async getLastGoodSpec(id: string): Promise<DeploymentSpec | undefined> {
    const row = await deployments(this.#db)
      .where({ id })
      .first('last_good_spec');
    return row?.last_good_spec ? JSON.parse(row.last_good_spec) : undefined;
  }

  async appendLog(
    deploymentId: string,
    message: string,
    options: { actor: Actor; data?: Record<string, unknown> },
  ): Promise<void> {
    await deploymentEvents(this.#db).insert({
      deployment_id: deploymentId,
      type: 'log',
      message,
      data: options.data ? JSON.stringify(options.data) : null,
      actor: options.actor.ref,
      created_at: new Date().toISOString(),
    });
  }

  async listEvents(
    deploymentId: string,
    options: { after?: number; limit: number },
  ): Promise<DeploymentEvent[]> {
    const rows = await deploymentEvents(this.#db)
      .where({ deployment_id: deploymentId })
      .modify(qb => {
        if (options.after !== undefined) qb.where('id', '>', options.after);
      })
      .orderBy('id', 'asc')
      .limit(options.limit);
    return rows.map(toEvent);
  }

  async listEventsOfMany(
    cursors: ReadonlyArray<{ deploymentId: string; after: number }>,
    options: { limit: number },
  ): Promise<DeploymentEvent[]> {
    if (!cursors.length) return [];
    // Each term is a range of the (deployment_id, id) index.
    const rows = await deploymentEvents(this.#db)
      .where(qb => {
        for (const { deploymentId, after } of cursors) {
          qb.orWhere(q =>
            q.where('deployment_id', deploymentId).andWhere('id', '>', after),
          );
        }
      })
      .orderBy('id', 'asc')
      .limit(options.limit);
    return rows.map(toEvent);
  }
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

function resultColumns(result?: ProvisioningResult): Partial<DeploymentRow> {
  if (!result) return {};
  return {
    ...(result.endpoint !== undefined ? { endpoint: result.endpoint } : {}),
    ...(result.outputs ? { outputs: JSON.stringify(result.outputs) } : {}),
    ...(result.appliedSpec
      ? { last_good_spec: JSON.stringify(result.appliedSpec) }
      : {}),
  };
}

async function appendEvent(
  tx: Knex.Transaction,
  deploymentId: string,
  type: DeploymentEventType,
  actor: Actor,
  at: string,
  event: { message: string; data?: Record<string, unknown> },
) {
  await deploymentEvents(tx).insert(
    eventRow(deploymentId, type, actor, at, event),
  );
}

function eventRow(
  deploymentId: string,
  type: DeploymentEventType,
  actor: Actor,
  at: string,
  event: { message: string; data?: Record<string, unknown> },
): Omit<DeploymentEventRow, 'id'> {
  return {
    deployment_id: deploymentId,
    type,
    message: event.message,
    data: event.data ? JSON.stringify(event.data) : null,
    actor: actor.ref,
    created_at: at,
  };
}

/** The spec, and the columns denormalised from it so lists can filter and index. */
function specColumns(spec: DeploymentSpec) {
  return {
    owner: spec.owner,
    component: spec.component,
    system: spec.system ?? null,
    environment: spec.environment,
    provider: spec.provider,
    region: spec.region,
    engine: spec.engine,
    spec: JSON.stringify(spec),
  };
}

function estimateColumns(estimate?: CostEstimate) {
  return {
    estimate: estimate ? JSON.stringify(estimate) : null,
    estimated_monthly_cost: estimate ? estimate.monthlyTotal : null,
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

function changedFields(
  before: Deployment,
  change: Pick<DeploymentChange, 'title' | 'description' | 'spec'>,
): string[] {
  const fields: string[] = [];
  if (change.title !== undefined && change.title !== (before.title ?? null)) {
    fields.push('title');
  }
  if (
    change.description !== undefined &&
    change.description !== (before.description ?? null)
  ) {
    fields.push('description');
  }
  const keys = new Set([
    ...Object.keys(before.spec),
    ...Object.keys(change.spec),
  ]) as Set<keyof DeploymentSpec>;
  for (const key of keys) {
    if (JSON.stringify(before.spec[key]) !== JSON.stringify(change.spec[key])) {
      fields.push(key);
    }
  }
  return fields;
}

function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    name: row.name,
    ...(row.title ? { title: row.title } : {}),
    ...(row.description ? { description: row.description } : {}),
    spec: JSON.parse(row.spec),
    status: row.status as DeploymentStatus,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    ...(row.endpoint ? { endpoint: row.endpoint } : {}),
    outputs: JSON.parse(row.outputs),
    ...(row.estimate ? { estimate: JSON.parse(row.estimate) } : {}),
    ...(row.sandbox ? { sandbox: true } : {}),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
    version: Number(row.version),
  };
}

function toEvent(row: DeploymentEventRow): DeploymentEvent {
  return {
    id: Number(row.id),
    deploymentId: row.deployment_id,
    type: row.type as DeploymentEventType,
    message: row.message,
    ...(row.data ? { data: JSON.parse(row.data) } : {}),
    actor: row.actor,
    createdAt: toIsoString(row.created_at),
  };
}
