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
import { TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_URL_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The databases every store and router test runs on: better-sqlite3 and a real
 * PostgreSQL. The PostgreSQL comes from the test command (scripts/test.sh starts
 * one); running without it fails loudly instead of silently testing less, unless
 * CLOUD_DEPLOYMENTS_TEST_SQLITE_ONLY=1 says so on purpose.
 */
export function createTestDatabases(): TestDatabases {
  const sqliteOnly = process.env.CLOUD_DEPLOYMENTS_TEST_SQLITE_ONLY === '1';
  if (!sqliteOnly && !process.env[POSTGRES_URL_VARIABLE]) {
    throw new Error(
      `${POSTGRES_URL_VARIABLE} is not set: run the tests through scripts/test.sh (it starts PostgreSQL), ` +
        'or set CLOUD_DEPLOYMENTS_TEST_SQLITE_ONLY=1 to run on SQLite alone',
    );
  }
  return TestDatabases.create({
    ids: sqliteOnly ? ['SQLITE_3'] : ['SQLITE_3', 'POSTGRES_15'],
  });
}
