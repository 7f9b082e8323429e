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
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { repairIllFormedText } from './repairIllFormedText';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const now = '2026-12-04T10:00:00.000Z';

/** A row as a version without input checks wrote it: straight through the driver. */
function poisonedRow(id: string, name: string, owner: string) {
  const { name: _n, title: _t, description: _d, ...spec } = cloudRunRequest;
  const poisoned = { ...spec, owner };
  return {
    id,
    name,
    title: 'Web \ud83d API',
    owner,
    component: spec.component,
    system: spec.system ?? null,
    environment: spec.environment,
    provider: spec.provider,
    region: spec.region,
    engine: spec.engine,
    spec: JSON.stringify(poisoned),
    status: 'active',
    outputs: JSON.stringify({ url: 'https://x\u0000y' }),
    created_by: 'user:default/mallory',
    created_at: now,
    updated_by: 'user:default/mallory',
    updated_at: now,
    version: 1,
  };
}

describe.each(databases.eachSupportedId())(
  'repairIllFormedText on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseDeploymentStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseDeploymentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        tasks: TaskQueue,
      });
    });

    it('makes the text of poisoned rows well-formed, logs it on the deployment, and leaves others alone', async () => {
      const clean = await store.createDeployment(
        {
          ...toNewDeployment(cloudRunRequest),
          name: 'clean',
          title: 'Ünïcode 🚀 fine',
          sandbox: true,
        },
        { ref: 'user:default/a' },
      );
      const badId = '6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70';
      await knex('deployments').insert(
        poisonedRow(badId, 'evil', 'group:default/a\ud800b'),
      );
      await knex('deployment_events').insert({
        deployment_id: badId,
        type: 'created',
        message: 'Created for group:default/a\ud800b',
        data: JSON.stringify({ owner: 'group:default/a\ud800b' }),
        actor: 'user:default/mallory',
        created_at: now,
      });
      const cleanBefore = await knex('deployments')
        .where('id', clean.id)
        .first();

      const logger = mockServices.logger.mock();
      const repaired = await repairIllFormedText(knex, logger);
      expect(repaired).toContain(badId);
      expect(repaired).not.toContain(clean.id);
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(badId));

      const deployment = await store.getDeployment(badId);
      expect(deployment?.spec.owner).toBe('group:default/a\ufffdb');
      expect(deployment?.outputs).toEqual({ url: 'https://x\ufffdy' });
      // SQLite read the WTF-8 bytes of the surrogate as three U+FFFD, and now
      // stores those as UTF-8; PostgreSQL had replaced it with one already.
      expect(deployment?.title).toMatch(/^Web \ufffd+ API$/);
      const row = await knex('deployments').where('id', badId).first();
      expect(row.owner).toBe('group:default/a\ufffdb');
      // What SQL compares is what the row reads back as now.
      expect(
        Number(
          (
            await knex('deployments')
              .where('owner', 'group:default/a\ufffdb')
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(1);

      const events = await store.listEvents(badId, { limit: 10 });
      expect(events.map(e => e.message)).toEqual([
        expect.stringMatching(/^Created for group:default\/a\ufffd+b$/),
        expect.stringMatching(
          /^Repaired ill-formed text .* in spec, owner, component, system, outputs(, title)?: each bad character is now U\+FFFD/,
        ),
      ]);
      expect(events[0].data).toEqual({ owner: 'group:default/a\ufffdb' });

      expect(await knex('deployments').where('id', clean.id).first()).toEqual(
        cleanBefore,
      );
      // Nothing left to do on the next start.
      expect(await repairIllFormedText(knex, logger)).toEqual([]);
    });

    it('does nothing on a database without poisoned rows', async () => {
      await store.createDeployment(
        {
          ...toNewDeployment(cloudRunRequest),
          description:
            'a tab\tand a newline\n, escaped in JSON, but not as \\u',
          sandbox: true,
        },
        { ref: 'user:default/a' },
      );
      const logger = mockServices.logger.mock();
      expect(await repairIllFormedText(knex, logger)).toEqual([]);
      expect(logger.warn).not.toHaveBeenCalled();
    });
  },
);
