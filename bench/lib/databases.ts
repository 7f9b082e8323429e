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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { DatabaseDeploymentStore } from '../../plugins/cloud-deployments-backend/src/database/DatabaseDeploymentStore';
import { TaskQueue } from '../../plugins/cloud-deployments-backend/src/jobs/TaskQueue';

/** A database for a benchmark: a SQLite file, or a fresh PostgreSQL database. */
export type BenchDatabase = {
  name: string;
  knex: Knex;
  store: DatabaseDeploymentStore;
  close(): Promise<void>;
};

const PG_URL = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/** SQLite always; PostgreSQL when `scripts/test-postgres.sh` (or you) set its URL. */
export async function benchDatabases(): Promise<
  Array<() => Promise<BenchDatabase>>
> {
  const makers: Array<() => Promise<BenchDatabase>> = [sqlite];
  if (PG_URL) makers.push(postgres);
  return makers;
}

async function sqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  return withStore('SQLite (file)', knex, async () =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

async function postgres(): Promise<BenchDatabase> {
  const admin = knexFactory({ client: 'pg', connection: PG_URL });
  const database = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.raw(`CREATE DATABASE ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/${database}`,
    pool: { min: 2, max: 20 },
  });
  return withStore('PostgreSQL', knex, async () => {
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  });
}

async function withStore(
  name: string,
  knex: Knex,
  cleanup: () => Promise<void>,
): Promise<BenchDatabase> {
  const store = await DatabaseDeploymentStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
    tasks: TaskQueue,
  });
  return {
    name,
    knex,
    store,
    close: async () => {
      await knex.destroy();
      await cleanup();
    },
  };
}

/** Inserts `n` deployment rows (and optionally a queued task each) in batches. */
export async function seedDeployments(
  knex: Knex,
  n: number,
  options: {
    provider?: string;
    status?: string;
    withTask?: boolean;
    spec?: (i: number) => Record<string, unknown>;
    name?: (i: number) => string;
  } = {},
): Promise<string[]> {
  const now = new Date().toISOString();
  const provider = options.provider ?? 'aws-sagemaker';
  const ids: string[] = [];
  for (let start = 0; start < n; start += 500) {
    const rows = [];
    const taskRows = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const id = randomUUID();
      ids.push(id);
      const spec = options.spec?.(i) ?? {
        owner: 'group:default/bench',
        component: 'component:default/bench',
        environment: 'development',
        provider,
        region: 'us-east-1',
        engine: 'sdk',
        artifact: { image: 'example.com/bench:1' },
        compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
      };
      rows.push({
        id,
        name: options.name?.(i) ?? `bench-${i}`,
        owner: spec.owner,
        component: spec.component,
        environment: spec.environment,
        provider: spec.provider,
        region: spec.region,
        engine: 'sdk',
        spec: JSON.stringify(spec),
        status: options.status ?? 'pending',
        outputs: '{}',
        created_by: 'user:default/bench',
        created_at: now,
        updated_by: 'user:default/bench',
        updated_at: now,
        version: 1,
        sandbox: true,
      });
      if (options.withTask) {
        taskRows.push({
          kind: 'provision',
          deployment_id: id,
          provider: spec.provider,
          state: 'queued',
          payload: '{}',
          attempts: 0,
          max_attempts: 3,
          run_after: now,
          requested_by: 'user:default/bench',
          created_at: now,
          updated_at: now,
        });
      }
    }
    await knex.batchInsert('deployments', rows, 250);
    if (taskRows.length) await knex.batchInsert('tasks', taskRows, 250);
  }
  return ids;
}
