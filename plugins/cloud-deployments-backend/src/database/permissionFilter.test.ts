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
import { mockServices } from '@backstage/backend-test-utils';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CloudDeploymentPermissionQuery } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actor = { ref: 'user:default/admin' };

describe.each(databases.eachSupportedId())(
  'permission filters on %p',
  databaseId => {
    async function seeded() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDeploymentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        tasks: TaskQueue,
      });
      const make = (
        name: string,
        owner: string,
        environment: string,
        sandbox: boolean,
      ) =>
        store.createDeployment(
          {
            ...toNewDeployment({
              ...cloudRunRequest,
              name,
              owner,
              environment,
            }),
            sandbox,
          },
          actor,
        );
      await make('a-prod', 'group:default/Team-A', 'production', false);
      await make('a-dev', 'group:default/team-a', 'development', true);
      await make('b-prod', 'group:default/team-b', 'production', false);
      await make('c-dev', 'user:default/carol', 'development', true);
      return store;
    }

    async function names(
      store: DatabaseDeploymentStore,
      permission: PermissionCriteria<CloudDeploymentPermissionQuery>,
    ) {
      const page = await store.listDeployments({ permission }, { limit: 10 });
      const summary = await store.summarizeDeployments({ permission });
      // A summary counts exactly what the list holds.
      expect(summary.count).toBe(page.totalCount);
      return page.items.map(d => d.name).sort();
    }

    it('applies rules, allOf, anyOf and not as SQL', async () => {
      const store = await seeded();
      // Owners compare case-insensitively (the rule lower-cases its claims).
      expect(
        await names(store, { key: 'owner', values: ['group:default/team-a'] }),
      ).toEqual(['a-dev', 'a-prod']);
      expect(
        await names(store, {
          anyOf: [
            { key: 'owner', values: ['user:default/carol'] },
            { key: 'environment', values: ['production'] },
          ],
        }),
      ).toEqual(['a-prod', 'b-prod', 'c-dev']);
      expect(
        await names(store, {
          allOf: [
            { key: 'owner', values: ['group:default/team-a'] },
            { not: { key: 'sandbox', values: ['true'] } },
          ],
        }),
      ).toEqual(['a-prod']);
      expect(await names(store, { key: 'sandbox', values: ['true'] })).toEqual([
        'a-dev',
        'c-dev',
      ]);
      expect(await names(store, { key: 'provider', values: [] })).toEqual([]);
      expect(await names(store, { key: 'sandbox', values: [] })).toEqual([]);
    });
  },
);
