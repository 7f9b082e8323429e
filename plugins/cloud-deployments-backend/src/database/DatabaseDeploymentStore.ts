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
  Page,
} from '@internal/backstage-plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import {
  Actor,
  DeploymentChange,
  DeploymentFilter,
  DeploymentStore,
  NewDeployment,
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
  '@internal/backstage-plugin-cloud-deployments-backend',
  'migrations',
);

/** Runs this plugin's migrations to the latest version. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** A DeploymentStore on the Backstage database (better-sqlite3 or PostgreSQL). */
export class DatabaseDeploymentStore implements DeploymentStore {
  readonly #db: Knex;

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeploymentStore> {
    const { database, skipMigrations } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip && !skipMigrations) {
      await migrateDatabase(client);
    }
    return new DatabaseDeploymentStore(client);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async createDeployment(
    input: NewDeployment,
    actor: Actor,
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
    };
    try {
      await this.#db.transaction(async tx => {
        await deployments(tx).insert(row);
        await appendEvent(tx, row.id, 'created', actor, now, {
          message: `Created by ${actor.ref}`,
          data: { status: 'pending' },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `name: a deployment named "${input.name}" already exists`,
        );
      }
      throw error;
    }
    return (await this.getDeployment(row.id))!;
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
    options: { actor: Actor; reason?: string; expectedVersion?: number },
  ): Promise<Deployment> {
    const { actor, reason, expectedVersion } = options;
    await this.#db.transaction(async tx => {
      const current = await deployments(tx).where({ id }).first();
      if (!current) throw new NotFoundError(`No deployment with id ${id}`);
      const from = current.status as DeploymentStatus;
      if (!canTransition(from, to)) {
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
      const now = new Date().toISOString();
      const updated = await deployments(tx)
        .where({ id, status: from, version: current.version })
        .update({
          status: to,
          status_reason: reason ?? null,
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
        data: { from, to, ...(reason ? { reason } : {}) },
      });
    });
    return (await this.getDeployment(id))!;
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
}

async function appendEvent(
  tx: Knex.Transaction,
  deploymentId: string,
  type: DeploymentEventType,
  actor: Actor,
  at: string,
  event: { message: string; data?: Record<string, unknown> },
) {
  await deploymentEvents(tx).insert({
    deployment_id: deploymentId,
    type,
    message: event.message,
    data: event.data ? JSON.stringify(event.data) : null,
    actor: actor.ref,
    created_at: at,
  });
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

function changedFields(before: Deployment, change: DeploymentChange): string[] {
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
