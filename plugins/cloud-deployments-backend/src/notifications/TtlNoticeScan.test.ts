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
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { cloudRunRequest, toNewDeployment } from '../__testUtils__/fixtures';
import { recordingNotifier } from '../__testUtils__/recordingNotifier';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { TtlNoticeScan } from './TtlNoticeScan';

/*
 * TTL notices on both databases, from two scanners sharing one database as
 * two replicas do: each notice goes out once, at the nearest lead, and again
 * only for a new expiry. Time is passed to the scan, not waited for.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const MINUTE = 60_000;

describe.each(databases.eachSupportedId())('TTL notices on %p', databaseId => {
  let knex: Knex;
  let store: DatabaseDeploymentStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      tasks: TaskQueue,
    });
  });

  /** A replica's scan, with what its notifier sent. */
  function replica() {
    const recorded = recordingNotifier();
    const scan = new TtlNoticeScan({
      store,
      knex,
      notifier: recorded.notifier,
      logger: mockServices.logger.mock(),
    });
    const titles = () => recorded.sent.map(s => s.payload.title);
    return { scan, titles, ...recorded };
  }

  async function activeDeployment(name: string, ttl?: string) {
    const { spec, ...rest } = toNewDeployment(cloudRunRequest);
    const created = await store.createDeployment(
      { ...rest, name, spec: { ...spec, ttl } },
      alice,
    );
    await knex('deployments')
      .where({ id: created.id })
      .update({ status: 'active' });
    return (await store.getDeployment(created.id))!;
  }

  const after = (deployment: { createdAt: string }, ms: number) =>
    new Date(new Date(deployment.createdAt).getTime() + ms);

  it('sends the 2 h notice of a deployment expiring in 90 minutes once, across scans and replicas, then the 30 min one', async () => {
    const deployment = await activeDeployment('short-lived', 'PT90M');
    const one = replica();
    const two = replica();
    const now = after(deployment, 0);

    // Both replicas scan at once: exactly one of them sends.
    const counts = await Promise.all([one.scan.scan(now), two.scan.scan(now)]);
    expect(counts[0] + counts[1]).toBe(1);
    const sent = [...one.sent, ...two.sent];
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['group:default/web-team'] },
        payload: expect.objectContaining({
          title: 'Deployment short-lived expires within 2 hours',
          link: `/cloud-deployments/deployments/${deployment.id}`,
        }),
      },
    ]);
    expect(await one.scan.scan(after(deployment, 10 * MINUTE))).toBe(0);
    expect(await two.scan.scan(after(deployment, 59 * MINUTE))).toBe(0);

    // 30 minutes before: the next notice, once.
    expect(await two.scan.scan(after(deployment, 61 * MINUTE))).toBe(1);
    expect(await one.scan.scan(after(deployment, 62 * MINUTE))).toBe(0);
    expect([...one.titles(), ...two.titles()].sort()).toEqual([
      'Deployment short-lived expires within 2 hours',
      'Deployment short-lived expires within 30 minutes',
    ]);
    // Run out: reconciliation destroys it; nothing more to say.
    expect(await one.scan.scan(after(deployment, 91 * MINUTE))).toBe(0);
    expect(
      await knex('deployment_notices').where({ deployment_id: deployment.id }),
    ).toHaveLength(2);
  });

  it('sends only the nearest lead that applies: a 1 hour TTL never gets the 2 day notice', async () => {
    const deployment = await activeDeployment('one-hour', 'PT1H');
    const { scan, titles } = replica();
    for (const minutes of [0, 20, 40, 59]) {
      await scan.scan(after(deployment, minutes * MINUTE));
    }
    expect(titles()).toEqual([
      'Deployment one-hour expires within 2 hours',
      'Deployment one-hour expires within 30 minutes',
    ]);
  });

  it('tells a week-long TTL 2 days ahead, and leaves deployments without one alone', async () => {
    const deployment = await activeDeployment('week', 'P7D');
    await activeDeployment('forever');
    const { scan, titles, sent } = replica();
    expect(await scan.scan(after(deployment, 4 * 24 * 60 * MINUTE))).toBe(0);
    expect(await scan.scan(after(deployment, 5 * 24 * 60 * MINUTE + 1))).toBe(
      1,
    );
    expect(titles()).toEqual(['Deployment week expires within 2 days']);
    expect(sent[0].payload.description).toContain(
      `runs out at ${after(deployment, 7 * 24 * 60 * MINUTE).toISOString()}`,
    );
  });

  it('tells again after the TTL was extended to a new expiry', async () => {
    const deployment = await activeDeployment('extended', 'PT90M');
    const { scan, sent } = replica();
    expect(await scan.scan(after(deployment, 0))).toBe(1);
    const extended = await store.updateDeployment(
      deployment.id,
      { spec: { ...deployment.spec, ttl: 'PT100M' } },
      { expectedVersion: deployment.version, actor: alice },
    );
    expect(await scan.scan(after(extended, MINUTE))).toBe(1);
    expect(await scan.scan(after(extended, 2 * MINUTE))).toBe(0);
    expect(sent.map(s => s.payload.description)).toEqual([
      expect.stringContaining(
        `runs out at ${after(deployment, 90 * MINUTE).toISOString()}`,
      ),
      expect.stringContaining(
        `runs out at ${after(deployment, 100 * MINUTE).toISOString()}`,
      ),
    ]);
  });
});
