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
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import knexFactory, { Knex } from 'knex';

const run = promisify(execFile);

/** The PostgreSQL server of scripts/test-postgres.sh. */
export const POSTGRES_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/**
 * Whether the suite may stop and start the server: only the throw-away
 * cluster scripts/test-postgres.sh made, never a server of yours.
 */
export function canRestartPostgres(): boolean {
  return Boolean(
    process.env.TEST_POSTGRES_PG_CTL &&
      process.env.TEST_POSTGRES_PGDATA &&
      process.env.TEST_POSTGRES_OPTIONS,
  );
}

async function pgCtl(...args: string[]): Promise<void> {
  const pgCtlPath = process.env.TEST_POSTGRES_PG_CTL!;
  const command = [pgCtlPath, '-D', process.env.TEST_POSTGRES_PGDATA!, ...args];
  const runAs = process.env.TEST_POSTGRES_RUN_AS;
  const [file, ...rest] = runAs
    ? ['runuser', '-u', runAs, '--', ...command]
    : command;
  await run(file, rest, { cwd: '/' });
}

/** Stops the server (fast: sessions are terminated, as a restart does). */
export async function stopPostgres(): Promise<void> {
  await pgCtl('-m', 'fast', '-w', '-t', '30', 'stop');
}

/** Starts it again, on the same port with the same options. */
export async function startPostgres(): Promise<void> {
  await pgCtl(
    '-w',
    '-t',
    '30',
    '-l',
    process.env.TEST_POSTGRES_LOG!,
    '-o',
    process.env.TEST_POSTGRES_OPTIONS!,
    'start',
  );
}

/** A connection to one plugin database of the replicas (`<prefix><pluginId>`). */
export function pluginDatabase(prefix: string, pluginId: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: `${POSTGRES_URL}/${prefix}${pluginId}`,
    pool: { min: 0, max: 4 },
    log: {
      // An idle connection of this pool breaks when a scenario stops the
      // server on purpose; that is not worth a line in the summary's output.
      warn: message => {
        if (!/Connection ended unexpectedly/.test(String(message))) {
          process.stderr.write(`faults database: ${message}\n`);
        }
      },
    },
  });
}

/** Drops the databases whose names start with `prefix` (this run's). */
export async function dropDatabases(prefix: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
  try {
    const rows = await admin('pg_database')
      .where('datname', 'like', `${prefix.replace(/_/g, '\\_')}%`)
      .select('datname');
    for (const { datname } of rows) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}
