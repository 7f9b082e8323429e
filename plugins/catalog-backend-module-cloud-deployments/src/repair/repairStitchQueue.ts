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
import { Knex } from 'knex';

/**
 * Removes from the catalog's stitch queue the entity refs that SQLite holds
 * as bytes which are not UTF-8: refs with an unpaired UTF-16 surrogate,
 * written as WTF-8 by better-sqlite3. Read back, such a ref is other text
 * (U+FFFD), so the stitcher's "done" never matches its row: the row stays
 * due and is picked again at once, forever, and the backend stops answering
 * — on every start, since the row persists. Nothing is lost by removing it:
 * it could never be stitched. PostgreSQL never stores such bytes, so this
 * only looks at SQLite. Runs before the catalog starts processing; a new
 * database (no catalog tables yet) has nothing to repair.
 *
 * @returns how many rows were removed
 */
export async function repairStitchQueue(
  knex: Knex,
  logger: LoggerService,
): Promise<number> {
  if (!String(knex.client.config.client).includes('sqlite')) return 0;
  if (!(await knex.schema.hasTable('stitch_queue'))) return 0;
  const rows: Array<{ rowid: number; bytes: string }> = await knex.raw(
    'SELECT rowid, hex(entity_ref) AS bytes FROM stitch_queue',
  );
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const broken = rows.filter(row => {
    try {
      utf8.decode(Buffer.from(row.bytes, 'hex'));
      return false;
    } catch {
      return true;
    }
  });
  for (const row of broken) {
    await knex('stitch_queue').where('rowid', row.rowid).delete();
  }
  if (broken.length) {
    logger.warn(
      `Removed ${broken.length} entity ref(s) from the catalog's stitch queue that SQLite holds as invalid UTF-8 (ill-formed Unicode); they could never be stitched and kept the catalog busy`,
    );
  }
  return broken.length;
}
