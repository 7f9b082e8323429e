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
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DefaultEventsService,
  EventParams,
} from '@backstage/plugin-events-node';
import { DEPLOYMENTS_EVENT_TOPIC } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { PublishingDeploymentStore } from './PublishingDeploymentStore';

const actor = { ref: 'user:default/alice' };

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseDeploymentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
    tasks: TaskQueue,
  });
  return { store };
}

describe('PublishingDeploymentStore', () => {
  it('announces every committed change, and removal on destroy', async () => {
    const { store } = await setup();
    const logger = mockServices.logger.mock();
    const events = DefaultEventsService.create({ logger });
    const received: EventParams[] = [];
    await events.subscribe({
      id: 'test',
      topics: [DEPLOYMENTS_EVENT_TOPIC],
      onEvent: async e => {
        received.push(e);
      },
    });
    const publishing = new PublishingDeploymentStore({ store, events, logger });

    const created = await publishing.createDeployment(
      toNewDeployment(cloudRunRequest),
      actor,
    );
    await publishing.updateDeployment(
      created.id,
      { spec: created.spec, title: 'Web' },
      { expectedVersion: 1, actor },
    );
    await publishing.transitionDeployment(created.id, 'destroying', { actor });
    await publishing.transitionDeployment(created.id, 'destroyed', { actor });
    await publishing.listDeployments({}, { limit: 10 });

    expect(
      received.map(e => {
        const p = e.eventPayload as any;
        return [e.topic, p.action, p.deployment.status, p.deployment.version];
      }),
    ).toEqual([
      [DEPLOYMENTS_EVENT_TOPIC, 'upserted', 'pending', 1],
      [DEPLOYMENTS_EVENT_TOPIC, 'upserted', 'pending', 2],
      [DEPLOYMENTS_EVENT_TOPIC, 'upserted', 'destroying', 3],
      [DEPLOYMENTS_EVENT_TOPIC, 'removed', 'destroyed', 4],
    ]);
  });

  it('keeps a committed change when the announcement fails', async () => {
    const { store } = await setup();
    const logger = mockServices.logger.mock();
    const publishing = new PublishingDeploymentStore({
      store,
      events: {
        publish: jest.fn().mockRejectedValue(new Error('bus down')),
        subscribe: jest.fn(),
      },
      logger,
    });
    const created = await publishing.createDeployment(
      toNewDeployment(cloudRunRequest),
      actor,
    );
    expect(await store.getDeployment(created.id)).toEqual(created);
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not announce the change of deployment ${created.id}: Error: bus down`,
    );
    // A failed change announces nothing.
    await expect(
      publishing.transitionDeployment(created.id, 'active', { actor }),
    ).rejects.toThrow('cannot become active');
  });
});
