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

// @ts-check

/**
 * When each deployment's TTL runs out (creation time plus `spec.ttl`), as a
 * column, so that the list can filter and sort by it ("expiring soon") with
 * an index like its other sorts, instead of parsing every spec. Existing rows
 * are filled from their spec; a spec without a TTL leaves it null.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('When the TTL runs out: created_at plus spec.ttl');
    table.index(['expires_at', 'seq'], 'deployments_expires_idx');
  });
  const rows = await knex('deployments').select('id', 'spec', 'created_at');
  for (const row of rows) {
    const expiresAt = expiryOf(row.spec, row.created_at);
    if (expiresAt) {
      await knex('deployments')
        .where('id', row.id)
        .update({ expires_at: expiresAt });
    }
  }
};

// The plugin's ttlToMilliseconds (src/reconcile/ttl.ts), as it was when this
// ran: years count 365 days and months 30.
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * @param {string} json
 * @param {Date | string} createdAt
 * @returns {string | undefined}
 */
function expiryOf(json, createdAt) {
  let ttl;
  try {
    ttl = JSON.parse(json).ttl;
  } catch {
    return undefined;
  }
  const match = typeof ttl === 'string' ? DURATION.exec(ttl) : null;
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map(part => Number(part ?? 0));
  const totalDays = years * 365 + months * 30 + weeks * 7 + days;
  const ms =
    ((totalDays * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
  return new Date(new Date(createdAt).getTime() + ms).toISOString();
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(['expires_at', 'seq'], 'deployments_expires_idx');
    table.dropColumn('expires_at');
  });
};
