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
import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { TaskQueue } from '../jobs/TaskQueue';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const task = { kind: 'provision', maxAttempts: 3 } as const;

/** A new deployment named `name` in `environment`, with its cloud names. */
function inEnvironment(name: string, environment: string) {
  const base = toNewDeployment(cloudRunRequest);
  return {
    ...base,
    name,
    spec: { ...base.spec, environment },
    resourceNames: [name, `${name}-${environment}`],
  };
}

describe.each(databases.eachSupportedId())('names on %p', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
    return { knex, store };
  }

  it('are unique within an environment; the cloud name of the second environment differs', async () => {
    const { store } = await createStore();
    const staging = await store.createDeployment(
      inEnvironment('web-api', 'staging'),
      alice,
    );
    const production = await store.createAdmitted(
      inEnvironment('web-api', 'production'),
      alice,
      { budgets: [], admit: () => ({ outcome: 'allow', task }) },
    );
    expect(staging.resourceName).toBe('web-api');
    expect(production).toMatchObject({
      name: 'web-api',
      resourceName: 'web-api-production',
    });
    expect((await store.getDeployment(production.id))?.resourceName).toBe(
      'web-api-production',
    );

    for (const create of [
      () => store.createDeployment(inEnvironment('web-api', 'staging'), alice),
      () =>
        store.createAdmitted(inEnvironment('web-api', 'production'), alice, {
          budgets: [],
          admit: () => ({ outcome: 'allow', task }),
        }),
    ]) {
      const refusal = create();
      await expect(refusal).rejects.toBeInstanceOf(ConflictError);
      await expect(refusal).rejects.toThrow(
        /^name: a deployment named "web-api" already exists in environment/,
      );
    }
  });

  it('refuse a name whose every cloud name is taken, and give a destroyed one back', async () => {
    const { knex, store } = await createStore();
    const first = await store.createDeployment(
      inEnvironment('web-api', 'staging'),
      alice,
    );
    await store.createDeployment(inEnvironment('web-api-qa', 'dev'), alice);
    // Its candidates are web-api (staging's) and web-api-qa (dev's).
    await expect(
      store.createDeployment(inEnvironment('web-api', 'qa'), alice),
    ).rejects.toThrow(/carry the cloud names "web-api", "web-api-qa"/);
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(2);

    await knex('deployments')
      .where({ id: first.id })
      .update({ status: 'destroyed' });
    const again = await store.createDeployment(
      inEnvironment('web-api', 'qa'),
      alice,
    );
    expect(again.resourceName).toBe('web-api');
  });

  it('decide concurrent creations of one name in two environments apart', async () => {
    const { knex, store } = await createStore();
    const results = await Promise.allSettled([
      store.createDeployment(inEnvironment('api', 'staging'), alice),
      store.createDeployment(inEnvironment('api', 'production'), alice),
      store.createDeployment(inEnvironment('api', 'production'), alice),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    const rows = await knex('deployments')
      .select('environment', 'name', 'resource_name')
      .orderBy('resource_name');
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map(r => r.environment))).toEqual(
      new Set(['staging', 'production']),
    );
    expect(new Set(rows.map(r => r.resource_name)).size).toBe(2);
  });
});
