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
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';

const POSTGRES_URL_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The databases the end-to-end tests run on: better-sqlite3 and a real
 * PostgreSQL (as in the cloud-deployments backend's tests). Without a
 * PostgreSQL the tests fail loudly instead of silently testing less, unless
 * CLOUD_DEPLOYMENTS_TEST_SQLITE_ONLY=1 says so on purpose.
 */
export function createTestDatabases(): TestDatabases {
  const sqliteOnly = process.env.CLOUD_DEPLOYMENTS_TEST_SQLITE_ONLY === '1';
  if (!sqliteOnly && !process.env[POSTGRES_URL_VARIABLE]) {
    throw new Error(
      `${POSTGRES_URL_VARIABLE} is not set: source scripts/test-postgres.sh first (it starts PostgreSQL), ` +
        'or set CLOUD_DEPLOYMENTS_TEST_SQLITE_ONLY=1 to run on SQLite alone',
    );
  }
  return TestDatabases.create({
    ids: sqliteOnly ? ['SQLITE_3'] : ['SQLITE_3', 'POSTGRES_15'],
  });
}

/**
 * A database service giving every plugin of a test backend its own fresh
 * database on the given engine, as a real backend does. One knex shared by
 * all plugins does not work: the catalog and cloud-deployments both keep their
 * migrations in knex's default `knex_migrations` table, so starting them
 * together fails (`MigrationLocked` on SQLite, a duplicate `knex_migrations`
 * table on PostgreSQL), and each would refuse the other's entries as a
 * corrupt migration directory anyway.
 */
export function perPluginDatabaseFactory(
  databases: TestDatabases,
  id: TestDatabaseId,
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      const knex = await databases.init(id);
      return mockServices.database({ knex, migrations: { skip: false } });
    },
  });
}

/**
 * As {@link perPluginDatabaseFactory}, but each plugin keeps its database
 * (the same knex, so also an in-memory SQLite one) in `kept`, across the
 * test backends that use the same map: a restart of the portal.
 */
export function keptPerPluginDatabaseFactory(
  databases: TestDatabases,
  id: TestDatabaseId,
  kept: Map<string, Knex>,
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      let knex = kept.get(plugin.getId());
      if (!knex) {
        knex = await databases.init(id);
        kept.set(plugin.getId(), knex);
      }
      return mockServices.database({ knex, migrations: { skip: false } });
    },
  });
}
