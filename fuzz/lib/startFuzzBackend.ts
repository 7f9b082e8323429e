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
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  Backend,
  freePort,
  startBackend,
  stopBackend,
} from '../../packages/backend/src/__testUtils__/backendProcess';
import { DatabaseRows, PostgresRows, SqliteRows } from './databaseRows';

/** The backend under attack, and a reader of its plugin's tables. */
export type FuzzBackend = Backend & {
  baseUrl: string;
  rows(): DatabaseRows;
  stop(): Promise<void>;
};

/** Where the backend keeps its data. */
export type FuzzDatabase =
  | { kind: 'sqlite' }
  | { kind: 'postgres'; url: string };

/**
 * Starts the API backend (bench/lib/apiBackend.ts) as its own process on a free loopback port,
 * with NODE_ENV=production (the error bodies production serves), a fresh
 * database (SQLite files in a temp directory, or PostgreSQL databases with a
 * prefix of their own, dropped afterwards) and app-config.fuzz.yaml on top
 * of app-config.yaml.
 */
export async function startFuzzBackend(
  database: FuzzDatabase,
  runId: string,
): Promise<FuzzBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-fuzz-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const sqlite = join(dir, 'sqlite');
  const prefix = `fuzz_${runId}_`;
  const pg = database.kind === 'postgres' ? new URL(database.url) : undefined;
  const pgConnection: Knex.PgConnectionConfig | undefined = pg && {
    host: pg.hostname,
    port: Number(pg.port || 5432),
    user: decodeURIComponent(pg.username || 'postgres'),
    password: decodeURIComponent(pg.password),
  };
  // app-config.fuzz.yaml plus this run's port and database.
  const fuzzConfig = parse(
    readFileSync(join(__dirname, '../app-config.fuzz.yaml'), 'utf8'),
  );
  const configFile = join(dir, 'app-config.run.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      ...fuzzConfig,
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database: pgConnection
          ? { client: 'pg', connection: pgConnection, prefix }
          : { client: 'better-sqlite3', connection: { directory: sqlite } },
      },
    }),
  );
  const dropDatabases = async () => {
    if (!pgConnection) return;
    const admin = knexFactory({
      client: 'pg',
      connection: { ...pgConnection, database: 'postgres' },
    });
    try {
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE datname LIKE ?',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await admin.raw('DROP DATABASE IF EXISTS ??', [datname]);
      }
    } finally {
      await admin.destroy();
    }
  };
  const backend = await startBackend(configFile, baseUrl, {
    entry: join(__dirname, '../../bench/lib/apiBackend.ts'),
    env: { NODE_ENV: 'production', LOG_LEVEL: 'error' },
    readyTimeoutMs: 180_000,
    onOutput: process.env.FUZZ_BACKEND_STDERR
      ? d => process.stderr.write(d)
      : undefined,
  });
  return {
    ...backend,
    baseUrl,
    rows: () =>
      pgConnection
        ? new PostgresRows({
            ...pgConnection,
            database: `${prefix}cloud-deployments`,
          })
        : new SqliteRows(join(sqlite, 'cloud-deployments.sqlite')),
    async stop() {
      await stopBackend(backend);
      await dropDatabases();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
