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
 * Requests a policy held for approval, and their decisions: an audit trail
 * (rows are never deleted), at most one waiting per deployment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_approvals', table => {
    table.comment('Requests held for approval by a policy, with decisions');
    table.uuid('id').primary();
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('operation', 16).notNullable();
    table.string('status', 32).notNullable();
    table.text('spec').notNullable().comment('JSON: the spec it applies');
    table.text('estimate').nullable().comment('JSON: its estimate');
    table.text('decision').notNullable().comment('JSON: the policy decision');
    table
      .integer('deployment_version')
      .notNullable()
      .comment('The version requested against: another one voids it');
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table.index(['deployment_id', 'requested_at'], 'approvals_deployment_idx');
    table.index(['status'], 'approvals_status_idx');
  });
  // One request waits per deployment: a newer one voids the older first.
  await knex.raw(
    `CREATE UNIQUE INDEX approvals_waiting_uq ON deployment_approvals (deployment_id) WHERE status = 'awaiting_approval'`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_approvals');
};
