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
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { EventFeed } from './EventFeed';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actor = { ref: 'user:default/alice' };

/** Waits until `check` holds, polling; fails after 10 s. */
async function until(check: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe.each(databases.eachSupportedId())('EventFeed on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
    const reads = jest.spyOn(store, 'listEventsOfMany');
    const feed = new EventFeed({ store, intervalMs: 20 });
    const create = (name: string) =>
      store.createDeployment(
        { ...toNewDeployment(cloudRunRequest), name },
        actor,
      );
    return { store, feed, reads, create };
  }

  it('gives each follower its deployment’s events after its cursor, in order, with one read per round for all', async () => {
    const { store, feed, reads, create } = await setup();
    const a = await create('a');
    const b = await create('b');
    const seen = { a1: [] as number[], a2: [] as number[], b: [] as number[] };
    const listener = (into: number[]) => ({
      onEvents: (events: DeploymentEvent[]) =>
        into.push(...events.map(e => e.id)),
      onError: () => {},
    });
    const [created] = await store.listEvents(a.id, { limit: 1 });
    const stopA1 = feed.follow(a.id, 0, listener(seen.a1));
    feed.follow(a.id, created.id, listener(seen.a2));
    feed.follow(b.id, 0, listener(seen.b));
    await until(() => seen.a1.length === 1 && seen.b.length === 1);
    expect(seen.a2).toEqual([]);

    for (let i = 0; i < 3; i++) {
      await store.appendLog(a.id, `line ${i}`, { actor });
    }
    await store.appendLog(b.id, 'b line', { actor });
    await until(() => seen.a1.length === 4 && seen.b.length === 2);
    await until(() => seen.a2.length === 3);
    const ids = (await store.listEvents(a.id, { limit: 10 })).map(e => e.id);
    expect(seen.a1).toEqual(ids);
    expect(seen.a2).toEqual(ids.slice(1));

    // One query per round, whatever the number of followers.
    const rounds = reads.mock.calls.length;
    expect(reads.mock.calls.every(([cursors]) => cursors.length <= 2)).toBe(
      true,
    );
    stopA1();
    await store.appendLog(a.id, 'after unfollow', { actor });
    await until(() => seen.a2.length === 4);
    expect(seen.a1).toHaveLength(4);
    expect(reads.mock.calls.length).toBeGreaterThan(rounds);
  });

  it('stops reading when nobody follows, and tells followers when a read fails', async () => {
    const { store, feed, reads, create } = await setup();
    const a = await create('a');
    const errors: unknown[] = [];
    const events: number[] = [];
    const stop = feed.follow(a.id, 0, {
      onEvents: e => events.push(...e.map(x => x.id)),
      onError: error => errors.push(error),
    });
    await until(() => events.length === 1);
    reads.mockRejectedValueOnce(new Error('database gone'));
    await until(() => errors.length === 1);
    expect(String(errors[0])).toBe('Error: database gone');
    // It goes on after a failure.
    await store.appendLog(a.id, 'later', { actor });
    await until(() => events.length === 2);
    stop();
    await new Promise(r => setTimeout(r, 100));
    const calls = reads.mock.calls.length;
    await new Promise(r => setTimeout(r, 200));
    expect(reads.mock.calls.length).toBe(calls);
  });
});
