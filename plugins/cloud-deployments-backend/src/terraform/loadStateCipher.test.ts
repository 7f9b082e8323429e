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
import { ConfigReader } from '@backstage/config';
import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateDatabase } from '../database/DatabaseDeploymentStore';
import { DatabaseTerraformStateStore } from './DatabaseTerraformStateStore';
import { loadStateCipher } from './loadStateCipher';
import { StateCipher } from './StateCipher';
import { NewState } from './TerraformStateStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function stateOf(serial: number, secret: string): NewState {
  const state = Buffer.from(
    JSON.stringify({
      version: 4,
      serial,
      lineage: 'b7e1f6d2-0000-4000-8000-000000000002',
      outputs: { password: { value: secret } },
      resources: [],
    }),
  );
  return {
    state,
    serial,
    lineage: 'b7e1f6d2-0000-4000-8000-000000000002',
    md5: createHash('md5').update(state).digest('hex'),
  };
}

const newKey = () => randomBytes(32).toString('base64');

describe.each(databases.eachSupportedId())(
  'state encryption keys on %p',
  databaseId => {
    let knex: Knex;
    let workspaceId: string;
    const logger = mockServices.logger.mock();

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      ({ id: workspaceId } = await DatabaseTerraformStateStore.create({
        knex,
      }).createWorkspace({
        name: 'ws',
        tokenHash: 'a'.repeat(64),
        createdBy: 'user:default/a',
      }));
      logger.warn.mockClear();
    });

    const load = (terraform: object = {}) =>
      loadStateCipher({
        knex,
        logger,
        config: new ConfigReader({ cloudDeployments: { terraform } }),
      });
    const storeWith = (cipher: StateCipher) =>
      DatabaseTerraformStateStore.create({ knex, cipher });
    const write = (cipher: StateCipher, serial: number, secret: string) =>
      storeWith(cipher).writeState(workspaceId, stateOf(serial, secret), {
        createdBy: 'workspace:ws',
      });
    const keyRows = () =>
      knex('terraform_state_keys').orderBy('generation').select();

    it('encrypts with no setting at all, with one data key made once, and says where it is kept', async () => {
      const cipher = await load();
      expect((await load()).keyId).toBe(cipher.keyId);
      expect(await keyRows()).toMatchObject([
        { generation: 1, key_id: cipher.keyId, wrapped_by: null },
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /unwrapped: set cloudDeployments\.terraform\.stateEncryptionKey/,
        ),
      );
      await write(cipher, 1, 'hunter2');
      const [row] = await knex('terraform_state_versions').select();
      expect(row.key_id).toBe(cipher.keyId);
      expect(Buffer.from(row.state).includes('hunter2')).toBe(false);
    });

    it('makes one generation when replicas start at once', async () => {
      const ciphers = await Promise.all([load(), load(), load()]);
      expect(new Set(ciphers.map(c => c.keyId)).size).toBe(1);
      expect(await keyRows()).toHaveLength(1);
    });

    it('rotates: a configured key wraps every data key, a new generation seals, every older version stays readable', async () => {
      // Versions from before encryption and from a directly configured key.
      const legacyKey = newKey();
      await DatabaseTerraformStateStore.create({ knex }).writeState(
        workspaceId,
        stateOf(1, 'plain'),
        { createdBy: 'workspace:ws' },
      );
      await write(StateCipher.fromBase64Key(legacyKey), 2, 'legacy');
      // No key configured: generation 1, unwrapped.
      const unwrapped = await load();
      await write(unwrapped, 3, 'gen1');

      const k1 = newKey();
      const first = await load({
        stateEncryptionKey: k1,
        previousStateEncryptionKeys: [legacyKey],
      });
      const k2 = newKey();
      const second = await load({
        stateEncryptionKey: k2,
        previousStateEncryptionKeys: [k1, legacyKey],
      });
      expect(new Set([unwrapped.keyId, first.keyId, second.keyId]).size).toBe(
        3,
      );
      const rows = await keyRows();
      expect(rows.map(r => r.generation)).toEqual([1, 2, 3]);
      // Every data key is wrapped by the newest configured key, none in clear.
      const k2Id = StateCipher.fromBase64Key(k2).keyId;
      expect(rows.map(r => r.wrapped_by)).toEqual([k2Id, k2Id, k2Id]);
      await write(second, 4, 'gen3');

      // Re-encrypted on write: the newest version is under the newest key;
      // each older one keeps its own and reads back.
      const versions = await knex('terraform_state_versions')
        .orderBy('version')
        .select('key_id');
      expect(versions.map(v => v.key_id)).toEqual([
        null,
        StateCipher.fromBase64Key(legacyKey).keyId,
        unwrapped.keyId,
        second.keyId,
      ]);
      const store = storeWith(second);
      // The current version reads back; a rollback opens each older one.
      expect((await store.readState(workspaceId))!.state.toString()).toContain(
        'gen3',
      );
      for (const [version, secret] of [
        [1, 'plain'],
        [2, 'legacy'],
        [3, 'gen1'],
      ] as const) {
        await store.rollback(workspaceId, version, 'user:default/a');
        const current = await store.readState(workspaceId);
        expect(current!.state.toString()).toContain(secret);
      }

      // Without the previous keys, the data keys (all wrapped by k2) still
      // open; versions sealed directly with the legacy key do not.
      const k2Only = await load({ stateEncryptionKey: k2 });
      expect(k2Only.keyId).toBe(second.keyId);
      // A new key with the old one forgotten: refused at start, naming it.
      await expect(load({ stateEncryptionKey: newKey() })).rejects.toThrow(
        `is wrapped by key ${k2Id}, which is not configured`,
      );
    });
  },
);
