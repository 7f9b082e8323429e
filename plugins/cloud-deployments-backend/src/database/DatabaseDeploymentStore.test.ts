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
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  cloudRunRequest,
  sagemakerRequest,
  toNewDeployment,
} from '../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const bob = { ref: 'user:default/bob' };

describe.each(databases.eachSupportedId())(
  'DatabaseDeploymentStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDeploymentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        tasks: TaskQueue,
      });
      return { knex, store };
    }

    it('writes concurrent creates together, and refuses only the duplicate name among them', async () => {
      const { knex, store } = await createStore();
      const names = ['a', 'b', 'c', 'b', 'd', 'e', 'f', 'g'];
      const results = await Promise.allSettled(
        names.map(name =>
          store.createDeployment(
            { ...toNewDeployment(cloudRunRequest), name },
            alice,
            { task: { kind: 'provision', maxAttempts: 3 } },
          ),
        ),
      );
      const refused = results.filter(r => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(
        ConflictError,
      );
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('deployments')).toBe(7);
      expect(await count('deployment_events')).toBe(7);
      expect(await count('tasks')).toBe(7);
      for (const r of results) {
        if (r.status !== 'fulfilled') continue;
        // What create answers is what a read gives.
        expect(await store.getDeployment(r.value.id)).toEqual(r.value);
      }
    });

    it('creates a pending deployment with a created event, in one go', async () => {
      const { store } = await createStore();
      const created = await store.createDeployment(
        toNewDeployment(sagemakerRequest),
        alice,
      );
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'fraud-model',
        resourceName: 'fraud-model',
        title: 'Fraud model',
        spec: {
          owner: 'group:default/ml-team',
          component: 'component:default/fraud-model',
          environment: 'production',
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          engine: 'sdk',
          artifact: sagemakerRequest.artifact,
          compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
        },
        status: 'pending',
        outputs: {},
        createdBy: 'user:default/alice',
        createdAt: expect.any(String),
        updatedBy: 'user:default/alice',
        updatedAt: created.createdAt,
        version: 1,
      });
      expect(Date.parse(created.createdAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      expect(await store.getDeployment(created.id)).toEqual(created);
      expect(await store.listEvents(created.id, { limit: 10 })).toEqual([
        {
          id: expect.any(Number),
          deploymentId: created.id,
          type: 'created',
          message: 'Created by user:default/alice',
          data: { status: 'pending' },
          actor: 'user:default/alice',
          createdAt: created.createdAt,
        },
      ]);
    });

    it('refuses a second live deployment of the same name and writes nothing', async () => {
      const { store, knex } = await createStore();
      const first = await store.createDeployment(
        toNewDeployment(sagemakerRequest),
        alice,
      );
      await expect(
        store.createDeployment(toNewDeployment(sagemakerRequest), bob),
      ).rejects.toThrow(ConflictError);
      expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(
        1,
      );
      expect(
        Number((await knex('deployment_events').count({ n: '*' }))[0].n),
      ).toBe(1);

      // A destroyed deployment gives its name back.
      await store.transitionDeployment(first.id, 'destroying', {
        actor: alice,
      });
      await expect(
        store.createDeployment(toNewDeployment(sagemakerRequest), bob),
      ).rejects.toThrow(ConflictError);
      await store.transitionDeployment(first.id, 'destroyed', { actor: alice });
      const second = await store.createDeployment(
        toNewDeployment(sagemakerRequest),
        bob,
      );
      expect(second.id).not.toBe(first.id);
    });

    it('pages through more rows than one page with keyset cursors', async () => {
      const { store } = await createStore();
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        const d = await store.createDeployment(
          toNewDeployment({ ...cloudRunRequest, name: `svc-${i}` }),
          alice,
        );
        ids.push(d.id);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listDeployments({}, { cursor, limit: 10 });
        expect(page.totalCount).toBe(23);
        seen.push(...page.items.map(d => d.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());

      await expect(
        store.listDeployments({}, { cursor: 'bm90LWEtY3Vyc29y', limit: 10 }),
      ).rejects.toThrow(InputError);
      await expect(
        store.listDeployments({}, { cursor: '***', limit: 10 }),
      ).rejects.toThrow(/cursor: is not a valid cursor/);
    });

    it('filters by every column, by name or title, and hides destroyed ones', async () => {
      const { store } = await createStore();
      const model = await store.createDeployment(
        toNewDeployment(sagemakerRequest),
        alice,
      );
      const api = await store.createDeployment(
        toNewDeployment(cloudRunRequest),
        alice,
      );
      const odd = await store.createDeployment(
        toNewDeployment({
          ...cloudRunRequest,
          name: 'odd-100-percent',
          title: 'Uses 100%_ of CPU',
          environment: 'development',
        }),
        bob,
      );
      const names = async (
        filter: Parameters<typeof store.listDeployments>[0],
      ) =>
        (await store.listDeployments(filter, { limit: 50 })).items
          .map(d => d.name)
          .sort();

      expect(await names({})).toEqual([
        'fraud-model',
        'odd-100-percent',
        'web-api',
      ]);
      expect(await names({ owner: ['group:default/ml-team'] })).toEqual([
        'fraud-model',
      ]);
      expect(await names({ provider: ['gcp-cloud-run'] })).toEqual([
        'odd-100-percent',
        'web-api',
      ]);
      expect(await names({ environment: ['staging', 'production'] })).toEqual([
        'fraud-model',
        'web-api',
      ]);
      expect(await names({ component: ['component:default/web-api'] })).toEqual(
        ['odd-100-percent', 'web-api'],
      );
      expect(await names({ engine: ['sdk'] })).toEqual(['fraud-model']);
      expect(await names({ q: 'FRAUD' })).toEqual(['fraud-model']);
      expect(await names({ q: '100%_' })).toEqual(['odd-100-percent']);
      expect(await names({ q: '%' })).toEqual(['odd-100-percent']);
      expect(await names({ q: '_' })).toEqual(['odd-100-percent']);

      await store.transitionDeployment(api.id, 'destroying', { actor: alice });
      await store.transitionDeployment(api.id, 'destroyed', { actor: alice });
      expect(await names({})).toEqual(['fraud-model', 'odd-100-percent']);
      expect(await names({ status: ['destroyed'] })).toEqual(['web-api']);
      expect(await names({ status: ['pending'] })).toEqual([
        'fraud-model',
        'odd-100-percent',
      ]);
      expect(model.id && odd.id).toBeTruthy();
    });

    it('updates at the expected version and refuses a stale one', async () => {
      const { store } = await createStore();
      const created = await store.createDeployment(
        toNewDeployment(cloudRunRequest),
        alice,
      );
      const spec: DeploymentSpec = {
        ...created.spec,
        compute: { ...created.spec.compute, cpu: 2 },
      };
      const updated = await store.updateDeployment(
        created.id,
        { spec, title: 'Web API' },
        { expectedVersion: 1, actor: bob },
      );
      expect(updated).toMatchObject({
        version: 2,
        title: 'Web API',
        updatedBy: 'user:default/bob',
        spec: { compute: { cpu: 2 } },
      });
      await expect(
        store.updateDeployment(
          created.id,
          { spec },
          { expectedVersion: 1, actor: bob },
        ),
      ).rejects.toThrow(
        'version: 1 is stale, the deployment is at version 2; read it again and retry',
      );
      await expect(
        store.updateDeployment(
          '00000000-0000-4000-8000-000000000000',
          { spec },
          { expectedVersion: 1, actor: bob },
        ),
      ).rejects.toThrow(NotFoundError);
      // Beyond the integer column: stale too, not an error of PostgreSQL's.
      await expect(
        store.updateDeployment(
          created.id,
          { spec },
          { expectedVersion: 2 ** 31, actor: bob },
        ),
      ).rejects.toThrow(
        'version: 2147483648 is stale, the deployment is at version 2; read it again and retry',
      );

      const events = await store.listEvents(created.id, { limit: 10 });
      expect(events.map(e => [e.type, e.message, e.data])).toEqual([
        ['created', 'Created by user:default/alice', { status: 'pending' }],
        [
          'updated',
          'Changed title, compute by user:default/bob',
          { fields: ['title', 'compute'], version: 2 },
        ],
      ]);
      expect(
        (await store.listEvents(created.id, { after: events[0].id, limit: 10 }))
          .length,
      ).toBe(1);
    });

    it('lets exactly one of concurrent updates at the same version win', async () => {
      const { store } = await createStore();
      const created = await store.createDeployment(
        toNewDeployment(cloudRunRequest),
        alice,
      );
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.updateDeployment(
            created.id,
            {
              spec: {
                ...created.spec,
                compute: { ...created.spec.compute, maxInstances: 20 + i },
              },
            },
            { expectedVersion: 1, actor: { ref: `user:default/u${i}` } },
          ),
        ),
      );
      const won = results.filter(r => r.status === 'fulfilled');
      const lost = results.filter(r => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const r of lost) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
      }
      const final = await store.getDeployment(created.id);
      expect(final?.version).toBe(2);
      expect(
        (await store.listEvents(created.id, { limit: 20 })).filter(
          e => e.type === 'updated',
        ),
      ).toHaveLength(1);
    });

    it('moves along the lifecycle and refuses illegal transitions', async () => {
      const { store } = await createStore();
      const d = await store.createDeployment(
        toNewDeployment(cloudRunRequest),
        alice,
      );
      await store.transitionDeployment(d.id, 'provisioning', { actor: alice });
      const active = await store.transitionDeployment(d.id, 'active', {
        actor: alice,
      });
      expect(active.status).toBe('active');
      await expect(
        store.transitionDeployment(d.id, 'pending', { actor: alice }),
      ).rejects.toThrow(
        'Deployment web-api is active and cannot become pending',
      );
      const failed = await store.transitionDeployment(d.id, 'failed', {
        actor: alice,
        reason: 'ResourceLimitExceeded',
      });
      expect(failed).toMatchObject({
        status: 'failed',
        statusReason: 'ResourceLimitExceeded',
      });
      await expect(
        store.transitionDeployment(d.id, 'destroying', {
          actor: alice,
          expectedVersion: 1,
        }),
      ).rejects.toThrow(ConflictError);
      await store.transitionDeployment(d.id, 'destroying', { actor: bob });
      await expect(
        store.transitionDeployment(d.id, 'destroying', { actor: bob }),
      ).rejects.toThrow('is destroying and cannot become destroying');
      await expect(
        store.updateDeployment(
          d.id,
          { spec: d.spec },
          {
            expectedVersion: 5,
            actor: bob,
          },
        ),
      ).rejects.toThrow('is destroying and can no longer be changed');

      const statusEvents = (await store.listEvents(d.id, { limit: 50 }))
        .filter(e => e.type === 'status')
        .map(e => e.data);
      expect(statusEvents).toEqual([
        { from: 'pending', to: 'provisioning' },
        { from: 'provisioning', to: 'active' },
        { from: 'active', to: 'failed', reason: 'ResourceLimitExceeded' },
        { from: 'failed', to: 'destroying' },
      ]);
    });
  },
);
