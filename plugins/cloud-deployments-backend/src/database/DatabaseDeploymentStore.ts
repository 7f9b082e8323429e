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
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Approval,
  Deployment,
  DeploymentEvent,
  DeploymentRevision,
  DeploymentSpec,
  DeploymentStatus,
  DeploymentsSummary,
  Page,
  RevisionPage,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import {
  rollbackDeployment,
  RollbackOptions,
  transitionDeployment,
  TransitionOptions,
  updateDeployment,
} from './deploymentChanges';
import { ListOrder } from './cursor';
import { listDeployments, summarizeDeployments } from './deploymentListing';
import { newDeploymentRow, toDeployment } from './deploymentRows';
import {
  Actor,
  DriftFinding,
  BudgetScope,
  BudgetStanding,
  DeploymentChange,
  DeploymentFilter,
  DeploymentStore,
  NewDeployment,
  TaskRequest,
} from './DeploymentStore';
import {
  appendEvent,
  appendLog,
  eventRow,
  listEvents,
  listEventsOfMany,
} from './eventLog';
import { GroupCommit } from './GroupCommit';
import { withLiveNames } from './liveNames';
import { createAdmitted, standingOf } from './createAdmitted';
import { decideApproval, requestApproval } from '../approvals/approvalChanges';
import { approvals, toApproval } from '../approvals/approvalRows';
import { markDrifted } from './markDrifted';
import {
  currentRevision,
  firstRevision,
  rollbackTarget,
} from '../revisions/revisionChanges';
import { RevisionRow, revisions, toRevision } from '../revisions/revisionRows';
import { QueuedTask, TaskSink } from './TaskSink';
import {
  DeploymentEventRow,
  DeploymentRow,
  deploymentEvents,
  deployments,
} from './tables';

const migrationsDir = resolvePackagePath(
  '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend',
  'migrations',
);

/** Runs this plugin's migrations to the latest version. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** A create waiting for its group's transaction. */
type PendingCreate = {
  row: Omit<DeploymentRow, 'seq'>;
  event: Omit<DeploymentEventRow, 'id'>;
  revision: RevisionRow;
  task?: QueuedTask;
};

/** Creates in one transaction at most: well within SQLite's bound-parameter limit. */
const MAX_CREATE_GROUP = 100;

/** A DeploymentStore on the Backstage database (better-sqlite3 or PostgreSQL). */
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
    const row = await withLiveNames(this.#db, input, async resourceName => {
      const fresh = newDeploymentRow(
        input,
        resourceName,
        actor,
        now,
        'pending',
      );
      await this.#creates.add({
        row: fresh,
        event: eventRow(fresh.id, 'created', actor, now, {
          message: `Created by ${actor.ref}`,
          data: { status: 'pending' },
        }),
        revision: firstRevision(fresh, input.estimate, actor, now),
        task: options.task && {
          kind: options.task.kind,
          deploymentId: fresh.id,
          provider: input.spec.provider,
          requestedBy: actor.ref,
          maxAttempts: options.task.maxAttempts,
        },
      });
      return fresh;
    });
    // What was written, as the database would read it back.
    return toDeployment({ ...row, seq: 0 });
  }

  /**
   * Writes new deployments with their `created` events, first revisions and
   * first tasks:
   * a group in one transaction, one statement per table.
   */
  async #writeCreates(items: PendingCreate[]): Promise<void> {
    await this.#db.transaction(async tx => {
      await deployments(tx).insert(items.map(i => i.row));
      await deploymentEvents(tx).insert(items.map(i => i.event));
      await revisions(tx).insert(items.map(i => i.revision));
      const newTasks = items.flatMap(i => (i.task ? [i.task] : []));
      // A new deployment has no task to supersede.
      if (newTasks.length) await this.#tasks.enqueueFirst(tx, newTasks);
    });
  }

  createAdmitted(
    ...[input, actor, options]: Parameters<DeploymentStore['createAdmitted']>
  ): Promise<Deployment> {
    return createAdmitted(this.#db, this.#tasks, input, actor, options);
  }

  budgetStandings(budgets: BudgetScope[]): Promise<BudgetStanding[]> {
    return standingOf(this.#db, budgets);
  }

  requestApproval(
    ...[id, approval, actor]: Parameters<DeploymentStore['requestApproval']>
  ): Promise<Approval> {
    return requestApproval(this.#db, id, approval, actor);
  }

  async decideApproval(
    ...[approvalId, decision]: Parameters<DeploymentStore['decideApproval']>
  ) {
    const result = await decideApproval(
      this.#db,
      this.#tasks,
      approvalId,
      decision,
    );
    const deployment = await this.getDeployment(result.approval.deploymentId);
    return { ...result, deployment: deployment! };
  }

  async listApprovals(deploymentId: string): Promise<Approval[]> {
    const rows = await approvals(this.#db)
      .where({ deployment_id: deploymentId })
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toApproval);
  }

  async getApproval(id: string): Promise<Approval | undefined> {
    const row = await approvals(this.#db).where({ id }).first();
    return row ? toApproval(row) : undefined;
  }

  listDeployments(
    filter: DeploymentFilter,
    page: { cursor?: string; limit: number; order?: ListOrder },
  ): Promise<Page<Deployment>> {
    return listDeployments(this.#db, filter, page);
  }

  summarizeDeployments(filter: DeploymentFilter): Promise<DeploymentsSummary> {
    return summarizeDeployments(this.#db, filter);
  }

  async getDeployment(id: string): Promise<Deployment | undefined> {
    const row = await deployments(this.#db).where({ id }).first();
    return row ? toDeployment(row) : undefined;
  }

  async updateDeployment(
    id: string,
    change: DeploymentChange,
    options: { expectedVersion: number; actor: Actor; task?: TaskRequest },
  ): Promise<Deployment> {
    await updateDeployment(this.#db, this.#tasks, id, change, options);
    return (await this.getDeployment(id))!;
  }

  async transitionDeployment(
    id: string,
    to: DeploymentStatus,
    options: TransitionOptions,
  ): Promise<Deployment> {
    await transitionDeployment(this.#db, this.#tasks, id, to, options);
    return (await this.getDeployment(id))!;
  }

  async rollbackDeployment(
    id: string,
    options: Omit<RollbackOptions, 'approval'>,
  ): Promise<Deployment> {
    await rollbackDeployment(this.#db, this.#tasks, id, options);
    return (await this.getDeployment(id))!;
  }

  async rollbackTarget(
    id: string,
    revision?: number,
  ): Promise<DeploymentRevision> {
    const current = await deployments(this.#db).where({ id }).first();
    if (!current) throw new NotFoundError(`No deployment with id ${id}`);
    return toRevision(await rollbackTarget(this.#db, current, revision));
  }

  async listRevisions(
    deploymentId: string,
    page: { before?: number; limit: number },
  ): Promise<RevisionPage> {
    const [rows, current] = await Promise.all([
      revisions(this.#db)
        .where({ deployment_id: deploymentId })
        .modify(qb => {
          if (page.before !== undefined) qb.where('number', '<', page.before);
        })
        .orderBy('number', 'desc')
        // One more than asked says whether an older page exists.
        .limit(page.limit + 1),
      currentRevision(this.#db, deploymentId),
    ]);
    const items = rows.slice(0, page.limit).map(toRevision);
    return {
      items,
      ...(current ? { current } : {}),
      ...(rows.length > page.limit
        ? { nextBefore: items[items.length - 1].number }
        : {}),
    };
  }

  async getRevision(
    deploymentId: string,
    number: number,
  ): Promise<DeploymentRevision | undefined> {
    const row = await revisions(this.#db)
      .where({ deployment_id: deploymentId, number })
      .first();
    return row ? toRevision(row) : undefined;
  }

  async moveEndpoint(
    id: string,
    endpoint: string | null,
    options: Parameters<DeploymentStore['moveEndpoint']>[2],
  ): Promise<Deployment> {
    await this.#db.transaction(async tx => {
      const current = await deployments(tx).where({ id }).first('version');
      if (!current) throw new NotFoundError(`No deployment with id ${id}`);
      const now = new Date().toISOString();
      await deployments(tx)
        .where({ id })
        .update({
          endpoint,
          updated_by: options.actor.ref,
          updated_at: now,
          version: Number(current.version) + 1,
        });
      await appendEvent(tx, id, 'log', options.actor, now, {
        message: options.message,
        data: { ...options.data, endpoint },
      });
      await options.within?.(tx);
    });
    return (await this.getDeployment(id))!;
  }

  markDrifted(findings: DriftFinding[], actor: Actor): Promise<Deployment[]> {
    return markDrifted(this.#db, findings, actor);
  }

  async getLastGoodSpec(id: string): Promise<DeploymentSpec | undefined> {
    const row = await deployments(this.#db)
      .where({ id })
      .first('last_good_spec');
    return row?.last_good_spec ? JSON.parse(row.last_good_spec) : undefined;
  }

  appendLog(
    deploymentId: string,
    message: string,
    options: { actor: Actor; data?: Record<string, unknown> },
  ): Promise<void> {
    return appendLog(this.#db, deploymentId, message, options);
  }

  listEvents(
    deploymentId: string,
    options: { after?: number; limit: number },
  ): Promise<DeploymentEvent[]> {
    return listEvents(this.#db, deploymentId, options);
  }

  listEventsOfMany(
    cursors: ReadonlyArray<{ deploymentId: string; after: number }>,
    options: { limit: number },
  ): Promise<DeploymentEvent[]> {
    return listEventsOfMany(this.#db, cursors, options);
  }
}
