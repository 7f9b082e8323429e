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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { isUniqueViolation } from '../database/tables';
import { decodeStateKey, keyIdOf, StateCipher } from './StateCipher';
import { StateKeyRow, stateKeys } from './tables';

const CONFIG = 'cloudDeployments.terraform';

/**
 * The cipher of Terraform state at rest, always on. State versions are sealed
 * with a data key made once at first start and kept in `terraform_state_keys`,
 * so that no setting is needed for state to be encrypted, and rotating the
 * configured key re-wraps one small row per generation instead of rewriting
 * every state version.
 *
 * - With `stateEncryptionKey` configured, the data keys are stored wrapped by
 *   it: a copy of the database alone reads no state.
 * - Without, they are stored as they are (and a warning says so): copies of
 *   state rows, exports and logs of them stay unreadable, a copy of the whole
 *   database does not.
 * - When the configured key changes (the old one moved to
 *   `previousStateEncryptionKeys`), every data key is re-wrapped by the new
 *   one and a new generation is made: versions written from then on use it,
 *   older ones stay readable with theirs.
 *
 * Versions sealed directly with a configured key (before data keys existed)
 * and unencrypted versions stay readable.
 */
export async function loadStateCipher(options: {
  knex: Knex;
  config: Config;
  logger: LoggerService;
}): Promise<StateCipher> {
  const { knex, config, logger } = options;
  const configured = config.getOptionalString(`${CONFIG}.stateEncryptionKey`);
  const wrapper = configured
    ? decodeStateKey(configured, 'stateEncryptionKey')
    : undefined;
  const previous = (
    config.getOptionalStringArray(`${CONFIG}.previousStateEncryptionKeys`) ?? []
  ).map(key => decodeStateKey(key, 'previousStateEncryptionKeys'));
  const wrappers = new Map(
    [...(wrapper ? [wrapper] : []), ...previous].map(k => [keyIdOf(k), k]),
  );
  const wrapperId = wrapper ? keyIdOf(wrapper) : null;

  let rows = await stateKeys(knex).orderBy('generation');
  if (rows[rows.length - 1]?.wrapped_by !== wrapperId || rows.length === 0) {
    try {
      await knex.transaction(tx => rotate(tx, wrapper, wrappers));
    } catch (error) {
      // Another replica starting at the same time made the generation.
      if (!isUniqueViolation(error)) throw error;
    }
    rows = await stateKeys(knex).orderBy('generation');
  }
  if (!wrapper) {
    logger.warn(
      `Terraform state is encrypted with a data key kept in the plugin's database, unwrapped: set ${CONFIG}.stateEncryptionKey so that a copy of the database alone cannot read state`,
    );
  }
  const keys = rows.map(row => unwrap(row, wrappers));
  return StateCipher.fromKeys(keys[keys.length - 1], [
    ...keys.slice(0, -1),
    // Versions sealed directly with a configured key, before data keys.
    ...wrappers.values(),
  ]);
}

/** Wraps every data key with `wrapper` (or none) and adds a new generation. */
async function rotate(
  tx: Knex.Transaction,
  wrapper: Buffer | undefined,
  wrappers: Map<string, Buffer>,
) {
  const rows = await stateKeys(tx).orderBy('generation');
  const wrapperId = wrapper ? keyIdOf(wrapper) : null;
  const latest = rows[rows.length - 1];
  if (latest && latest.wrapped_by === wrapperId) return;
  for (const row of rows) {
    if (row.wrapped_by === wrapperId) continue;
    const key = unwrap(row, wrappers);
    await stateKeys(tx)
      .where({ generation: row.generation })
      .update({
        wrapped_key: wrap(key, row.generation, wrapper),
        wrapped_by: wrapperId,
      });
  }
  const generation = (latest?.generation ?? 0) + 1;
  const key = randomBytes(32);
  await stateKeys(tx).insert({
    generation,
    key_id: keyIdOf(key),
    wrapped_key: wrap(key, generation, wrapper),
    wrapped_by: wrapperId,
    created_at: new Date().toISOString(),
  });
}

function wrap(key: Buffer, generation: number, wrapper?: Buffer): Buffer {
  return wrapper
    ? StateCipher.fromKeys(wrapper).seal(key, associatedData(generation))
    : key;
}

function unwrap(row: StateKeyRow, wrappers: Map<string, Buffer>): Buffer {
  const stored = Buffer.from(row.wrapped_key);
  if (row.wrapped_by === null) return stored;
  const wrapper = wrappers.get(row.wrapped_by);
  if (!wrapper) {
    // Refusing to start beats running with state no one can read.
    throw new Error(
      `Terraform state data key ${row.generation} is wrapped by key ${row.wrapped_by}, which is not configured: set ${CONFIG}.stateEncryptionKey, or list the old key under ${CONFIG}.previousStateEncryptionKeys`,
    );
  }
  return StateCipher.fromKeys(wrapper).open(
    stored,
    row.wrapped_by,
    associatedData(row.generation),
  );
}

function associatedData(generation: number): string {
  return `terraform-state-key/${generation}`;
}
