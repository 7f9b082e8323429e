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
 * Every spec a deployment is given to apply, numbered per deployment, with
 * its estimate, who gave it and why, and what applying it came to; and the
 * revision a held rollback restores. Each existing deployment gets revision 1
 * from its current spec (`recorded`), except a create still waiting for
 * approval: its first revision is made when it starts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_revisions', table => {
    table.comment('The specs a deployment was given to apply, numbered');
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.integer('number').notNullable();
    table.text('spec').notNullable().comment('JSON: the spec');
    table
      .double('monthly_cost')
      .nullable()
      .comment('The priced monthly subtotal; NULL when nothing had a price');
    table.string('currency', 3).notNullable();
    table
      .string('cost_kind', 16)
      .notNullable()
      .comment('How sure the cost is: exact, approximate, partial or unknown');
    table
      .string('change', 16)
      .notNullable()
      .comment('create, update, rollback or recorded');
    table.integer('rollback_to').nullable();
    table.string('approved_by', 255).nullable();
    table.text('reason').nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('pending, active, failed or superseded');
    table.timestamp('settled_at', { useTz: true }).nullable();
    table.primary(['deployment_id', 'number'], 'deployment_revisions_pk');
  });
  await knex.schema.alterTable('deployment_approvals', table => {
    table
      .integer('revision')
      .nullable()
      .comment('For a rollback: the revision it restores');
    table.text('reason').nullable().comment("The requester's reason");
  });

  const rows = await knex('deployments')
    .whereNot('status', 'awaiting_approval')
    .select(
      'id',
      'spec',
      'status',
      'last_good_spec',
      'estimated_monthly_cost',
      'estimate_total_kind',
      'updated_by',
      'updated_at',
    );
  const revisions = rows.map(row => {
    const kind = row.estimate_total_kind ?? 'unknown';
    return {
      deployment_id: row.id,
      number: 1,
      spec: row.spec,
      monthly_cost: kind === 'unknown' ? null : row.estimated_monthly_cost,
      currency: 'USD',
      cost_kind: kind,
      change: 'recorded',
      // Who last changed the deployment is the best guess of who set the spec.
      created_by: row.updated_by,
      created_at: row.updated_at,
      outcome: outcomeOf(row),
    };
  });
  // Well within SQLite's bound-parameter limit per statement.
  await knex.batchInsert('deployment_revisions', revisions, 50);
};

/**
 * What applying an existing deployment's spec came to, as far as its row
 * tells: active when it is the last spec that reached active.
 *
 * @param {{ spec: string, status: string, last_good_spec: string | null }} row
 */
function outcomeOf(row) {
  if (row.last_good_spec !== null && row.last_good_spec === row.spec) {
    return 'active';
  }
  if (row.status === 'failed') return 'failed';
  if (row.status === 'destroying' || row.status === 'destroyed') {
    return 'superseded';
  }
  return 'pending';
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployment_approvals', table => {
    table.dropColumn('revision');
    table.dropColumn('reason');
  });
  await knex.schema.dropTable('deployment_revisions');
};
