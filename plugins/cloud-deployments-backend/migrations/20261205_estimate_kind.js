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
 * How sure each deployment's stored estimate is (exact, approximate, partial,
 * unknown), so that a summary can say what its sum leaves out without parsing
 * every estimate. Existing rows are filled from their estimate JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .string('estimate_total_kind', 16)
      .nullable()
      .comment(
        'How sure the estimate total is: exact, approximate, partial or unknown',
      );
  });
  const rows = await knex('deployments')
    .whereNotNull('estimate')
    .select('id', 'estimate');
  for (const row of rows) {
    await knex('deployments')
      .where('id', row.id)
      .update({ estimate_total_kind: totalKindOf(row.estimate) });
  }
};

/**
 * The kind of a stored estimate's total. Estimates stored before lines had a
 * kind said "<region> price used: no price for …" in the note of a line priced
 * from another region; the plugin reads old lines the same way
 * (`lineKind` in the common package).
 *
 * @param {string} json
 */
function totalKindOf(json) {
  let lines;
  try {
    lines = JSON.parse(json).lines;
  } catch {
    return 'unknown';
  }
  if (!Array.isArray(lines) || lines.length === 0) return 'exact';
  let missing = 0;
  let approximate = 0;
  for (const line of lines) {
    if (line.kind === 'missing' || line.monthlyCost === null) missing += 1;
    else if (
      line.kind === 'approximate' ||
      (!line.kind && / price used: no price for /.test(line.note ?? ''))
    )
      approximate += 1;
  }
  if (missing === lines.length) return 'unknown';
  if (missing > 0) return 'partial';
  return approximate > 0 ? 'approximate' : 'exact';
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('estimate_total_kind');
  });
};
