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
import Database from 'better-sqlite3';
import knexFactory, { Knex } from 'knex';

/*
 * A fingerprint of the plugin's tables, to tell whether a refused request
 * wrote anything. Per table: the number of rows, and where a table has them,
 * the sum of `version` and the latest `updated_at` / `token_created_at`, so
 * that an UPDATE shows as well as an INSERT or a DELETE.
 */

/** The fingerprint of every table, as text, by table. */
export type Fingerprint = Record<string, string>;

export interface DatabaseRows {
  fingerprint(): Promise<Fingerprint>;
  close(): Promise<void>;
}

/** What is read of a table with these columns. */
function aggregates(columns: Set<string>): string[] {
  const parts = ['count(*)'];
  if (columns.has('version')) parts.push('sum(version)');
  for (const c of ['updated_at', 'token_created_at']) {
    if (columns.has(c)) parts.push(`max(${c})`);
  }
  return parts;
}

/** The tables that differ, as `table: before → after`. */
export function changes(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after)
    .filter(t => before[t] !== after[t])
    .map(t => `${t}: ${before[t]} → ${after[t]}`);
}

/**
 * The plugin's SQLite file, opened read-only beside the backend's own
 * connection (the plugin puts it in WAL mode, so readers do not block it).
 */
export class SqliteRows implements DatabaseRows {
  readonly #db: Database.Database;
  readonly #queries: Array<[string, Database.Statement]>;

  constructor(file: string) {
    this.#db = new Database(file, { readonly: true, fileMustExist: true });
    const tables = this.#db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    this.#queries = tables.map(table => {
      const columns = this.#db
        .prepare(`SELECT name FROM pragma_table_info(?)`)
        .pluck()
        .all(table) as string[];
      const parts = aggregates(new Set(columns));
      return [
        table,
        this.#db
          .prepare(`SELECT ${parts.join(" || '/' || ")} FROM "${table}"`)
          .pluck(),
      ];
    });
  }

  async fingerprint(): Promise<Fingerprint> {
    return Object.fromEntries(
      this.#queries.map(([table, statement]) => [
        table,
        String(statement.get()),
      ]),
    );
  }

  async close() {
    this.#db.close();
  }
}

/** The plugin's PostgreSQL database, through a connection of its own. */
export class PostgresRows implements DatabaseRows {
  readonly #knex: Knex;
  #sql?: string;

  constructor(connection: Knex.PgConnectionConfig) {
    this.#knex = knexFactory({
      client: 'pg',
      connection,
      pool: { min: 1, max: 1 },
    });
  }

  async #query(): Promise<string> {
    if (!this.#sql) {
      const columns: Array<{ table_name: string; column_name: string }> =
        await this.#knex('information_schema.columns')
          .where({ table_schema: 'public' })
          .whereNot('table_name', 'like', 'knex_%')
          .select('table_name', 'column_name');
      const byTable = new Map<string, Set<string>>();
      for (const { table_name, column_name } of columns) {
        byTable.set(
          table_name,
          (byTable.get(table_name) ?? new Set()).add(column_name),
        );
      }
      this.#sql = [...byTable.keys()]
        .sort()
        .map(
          table =>
            `SELECT '${table}' AS t, concat_ws('/', ${aggregates(
              byTable.get(table)!,
            ).join(', ')}) AS f FROM "${table}"`,
        )
        .join(' UNION ALL ');
    }
    return this.#sql;
  }

  async fingerprint(): Promise<Fingerprint> {
    const { rows } = await this.#knex.raw(await this.#query());
    return Object.fromEntries(
      (rows as Array<{ t: string; f: string }>).map(r => [r.t, r.f]),
    );
  }

  async close() {
    await this.#knex.destroy();
  }
}
