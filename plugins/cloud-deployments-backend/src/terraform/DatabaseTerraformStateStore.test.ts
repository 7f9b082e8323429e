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
import { createHash, randomBytes } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateDatabase } from '../database/DatabaseDeploymentStore';
import { DatabaseTerraformStateStore } from './DatabaseTerraformStateStore';
import { StateCipher } from './StateCipher';
import { NewState } from './TerraformStateStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function stateOf(serial: number, outputs: object = {}): NewState {
  const state = Buffer.from(
    JSON.stringify({
      version: 4,
      terraform_version: '1.11.4',
      serial,
      lineage: 'b7e1f6d2-0000-4000-8000-000000000001',
      outputs,
      resources: [],
    }),
  );
  return {
    state,
    serial,
    lineage: 'b7e1f6d2-0000-4000-8000-000000000001',
    md5: createHash('md5').update(state).digest('hex'),
  };
}

const lockInfo = (id: string) => ({
  ID: id,
  Operation: 'OperationTypeApply',
  Who: `${id}@ci`,
  Version: '1.11.4',
});

describe.each(databases.eachSupportedId())(
  'terraform state on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseTerraformStateStore;
    let workspaceId: string;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      store = DatabaseTerraformStateStore.create({ knex });
      ({ id: workspaceId } = await store.createWorkspace({
        name: 'ws',
        tokenHash: 'a'.repeat(64),
        createdBy: 'user:default/a',
      }));
    });

    it('migrates down and up again with rows in the tables', async () => {
      await store.lock(workspaceId, lockInfo('l1'));
      await store.writeState(workspaceId, stateOf(1), {
        lockId: 'l1',
        createdBy: 'workspace:ws',
      });
      const config = {
        directory: resolvePackagePath(
          '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend',
          'migrations',
        ),
      };
      // Down by name: later migrations (the estimate kind) come after it;
      // the later Terraform tables that refer to its tables go first.
      for (const name of [
        '20261208_terraform_state_keys.js',
        '20261208_terraform_plan_confirmations.js',
        '20261125_terraform_state.js',
      ]) {
        await knex.migrate.down({ ...config, name });
      }
      expect(await knex.schema.hasTable('terraform_workspaces')).toBe(false);
      expect(await knex.schema.hasTable('deployments')).toBe(true);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('terraform_state_versions')).toBe(true);
    });

    it('grants one of many concurrent locks, and shows the others its holder', async () => {
      const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
      const results = await Promise.all(
        ids.map(id => store.lock(workspaceId, lockInfo(id))),
      );
      const granted = ids.filter((_, i) => results[i].type === 'granted');
      expect(granted).toHaveLength(1);
      expect(results.filter(r => r.type === 'held')).toEqual(
        Array(ids.length - 1).fill({
          type: 'held',
          holder: { info: lockInfo(granted[0]), lockedAt: expect.any(String) },
        }),
      );
      expect(
        Number((await knex('terraform_locks').count({ n: '*' }))[0].n),
      ).toBe(1);
      expect((await store.getLock(workspaceId))?.info.ID).toBe(granted[0]);
    });

    it('writes only under the held lock, and numbers concurrent writes without gaps', async () => {
      expect(
        await store.writeState(workspaceId, stateOf(1), {
          createdBy: 'workspace:ws',
        }),
      ).toMatchObject({ type: 'written', version: { version: 1 } });

      await store.lock(workspaceId, lockInfo('mine'));
      expect(
        await store.writeState(workspaceId, stateOf(2), {
          createdBy: 'workspace:ws',
        }),
      ).toMatchObject({ type: 'held', holder: { info: { ID: 'mine' } } });
      expect(
        await store.writeState(workspaceId, stateOf(2), {
          lockId: 'other',
          createdBy: 'workspace:ws',
        }),
      ).toMatchObject({ type: 'held' });

      const written = await Promise.all(
        [2, 3, 4, 5].map(serial =>
          store.writeState(workspaceId, stateOf(serial), {
            lockId: 'mine',
            createdBy: 'workspace:ws',
          }),
        ),
      );
      expect(
        written.map(w => (w.type === 'written' ? w.version.version : 0)).sort(),
      ).toEqual([2, 3, 4, 5]);

      expect(await store.unlock(workspaceId, 'other')).toMatchObject({
        type: 'held',
      });
      expect(await store.unlock(workspaceId, 'mine')).toEqual({
        type: 'released',
      });
      expect(await store.unlock(workspaceId, 'mine')).toEqual({
        type: 'not-locked',
      });
      // The writer's lock is gone: it must not write as if it still held it.
      expect(
        await store.writeState(workspaceId, stateOf(6), {
          lockId: 'mine',
          createdBy: 'workspace:ws',
        }),
      ).toEqual({ type: 'lock-lost' });

      const history = await store.listVersions(workspaceId, { limit: 10 });
      expect(history.map(v => v.version)).toEqual([5, 4, 3, 2, 1]);
      expect(history[0]).toMatchObject({
        lock: lockInfo('mine'),
        createdBy: 'workspace:ws',
        encrypted: false,
      });
      expect(history[4].lock).toBeUndefined();
      expect(
        (await store.listVersions(workspaceId, { limit: 2, before: 4 })).map(
          v => v.version,
        ),
      ).toEqual([3, 2]);
    });

    it('leaves neither a version nor a changed lock when a write fails half-way', async () => {
      await store.lock(workspaceId, lockInfo('mine'));
      await store.writeState(workspaceId, stateOf(1), {
        lockId: 'mine',
        createdBy: 'workspace:ws',
      });
      // A trigger makes the insert of the version fail after the lock was
      // checked and the version number taken.
      if (knex.client.config.client === 'pg') {
        await knex.raw(`CREATE FUNCTION fail_write() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'disk full'; END; $$ LANGUAGE plpgsql`);
        await knex.raw(`CREATE TRIGGER fail_write BEFORE INSERT ON terraform_state_versions
        FOR EACH ROW EXECUTE FUNCTION fail_write()`);
      } else {
        await knex.raw(`CREATE TRIGGER fail_write BEFORE INSERT ON terraform_state_versions
        BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      }
      await expect(
        store.writeState(workspaceId, stateOf(2), {
          lockId: 'mine',
          createdBy: 'workspace:ws',
        }),
        // better-sqlite3's errors can come from another realm than Jest's
        // `Error` (when an earlier test file loaded it): match, do not `toThrow`.
      ).rejects.toMatchObject({
        message: expect.stringContaining('disk full'),
      });
      await knex.raw(
        knex.client.config.client === 'pg'
          ? 'DROP TRIGGER fail_write ON terraform_state_versions'
          : 'DROP TRIGGER fail_write',
      );

      expect((await store.readState(workspaceId))?.version.serial).toBe(1);
      expect((await store.getLock(workspaceId))?.info.ID).toBe('mine');
      expect(
        await store.writeState(workspaceId, stateOf(2), {
          lockId: 'mine',
          createdBy: 'workspace:ws',
        }),
      ).toMatchObject({ type: 'written', version: { version: 2 } });
    });

    it('encrypts state at rest, and reads back what was written', async () => {
      const secret = `secret-${randomBytes(8).toString('hex')}`;
      const cipher = StateCipher.fromBase64Key(
        randomBytes(32).toString('base64'),
      );
      const encrypted = DatabaseTerraformStateStore.create({ knex, cipher });
      await store.writeState(workspaceId, stateOf(1, { plain: secret }), {
        createdBy: 'workspace:ws',
      });
      const written = stateOf(2, { password: { value: secret } });
      await encrypted.writeState(workspaceId, written, {
        createdBy: 'workspace:ws',
      });

      const rows = await knex('terraform_state_versions')
        .where({ workspace_id: workspaceId })
        .orderBy('version');
      expect(rows.map(r => r.key_id)).toEqual([null, cipher.keyId]);
      expect(Buffer.from(rows[1].state).includes(secret)).toBe(false);
      expect((await encrypted.readState(workspaceId))?.state).toEqual(
        written.state,
      );
      // Versions from before the key stay readable; rolling back re-encrypts.
      const rolledBack = await encrypted.rollback(
        workspaceId,
        1,
        'user:default/a',
      );
      expect(rolledBack).toMatchObject({
        type: 'written',
        version: { version: 3, serial: 3, rolledBackFrom: 1, encrypted: true },
      });
      expect(
        JSON.parse((await encrypted.readState(workspaceId))!.state.toString()),
      ).toEqual({
        ...JSON.parse(stateOf(1, { plain: secret }).state.toString()),
        serial: 3,
      });
      // Without the key, encrypted versions cannot be read, and say why.
      await expect(store.readState(workspaceId)).rejects.toThrow(
        'stateEncryptionKey is not configured',
      );
      // A row moved to another version fails its integrity check.
      await knex('terraform_state_versions')
        .where({ workspace_id: workspaceId, version: 3 })
        .update({ state: rows[1].state });
      await expect(encrypted.readState(workspaceId)).rejects.toThrow(
        'integrity check',
      );
    });

    it('rolls back to an earlier version as a new one, but not while locked', async () => {
      for (const serial of [1, 2, 3]) {
        await store.writeState(workspaceId, stateOf(serial), {
          createdBy: 'workspace:ws',
        });
      }
      await store.lock(workspaceId, lockInfo('l'));
      expect(
        await store.rollback(workspaceId, 1, 'user:default/a'),
      ).toMatchObject({ type: 'held', holder: { info: { ID: 'l' } } });
      expect(
        await store.forceUnlock(workspaceId, 'other').catch(e => e),
      ).toMatchObject({ name: 'ConflictError' });
      expect(await store.forceUnlock(workspaceId)).toMatchObject({
        info: { ID: 'l' },
      });
      expect(await store.forceUnlock(workspaceId)).toBeUndefined();

      await expect(
        store.rollback(workspaceId, 9, 'user:default/a'),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        store.rollback(workspaceId, 3, 'user:default/a'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(
        await store.rollback(workspaceId, 1, 'user:default/a'),
      ).toMatchObject({
        type: 'written',
        version: { version: 4, serial: 4, createdBy: 'user:default/a' },
      });
      // Version 1's resources, under a serial above every one so far, with
      // the MD5 of what is stored now.
      const current = await store.readState(workspaceId);
      expect(JSON.parse(current!.state.toString())).toEqual({
        ...JSON.parse(stateOf(1).state.toString()),
        serial: 4,
      });
      expect(current!.version.md5).toBe(
        createHash('md5').update(current!.state).digest('hex'),
      );
      // Rolling back again climbs on: never a serial seen before.
      await store.rollback(workspaceId, 2, 'user:default/a');
      expect((await store.readState(workspaceId))?.version).toMatchObject({
        version: 5,
        serial: 5,
        rolledBackFrom: 2,
      });
    });

    it('refuses a second workspace with the same name', async () => {
      await expect(
        store.createWorkspace({
          name: 'ws',
          tokenHash: 'b'.repeat(64),
          createdBy: 'user:default/a',
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: 'A Terraform workspace named ws already exists',
      });
    });
  },
);
