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
 * The durable job queue, and what a deployment needs for rollback and
 * sandbox labelling.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('tasks', table => {
    table.comment('Durable queue of provisioning work, claimed by workers');
    table.bigIncrements('id').primary();
    table.string('kind', 32).notNullable();
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    // Denormalised so a worker can skip providers it has no free slot for.
    table.string('provider', 64).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('queued, running, cancelling, succeeded, failed or cancelled');
    table.text('payload').notNullable().defaultTo('{}');
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.string('lease_owner', 128).nullable();
    table.timestamp('lease_expires_at', { useTz: true }).nullable();
    table.timestamp('run_after', { useTz: true }).notNullable();
    table.text('last_error').nullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['state', 'run_after'], 'tasks_claim_idx');
    table.index(['deployment_id', 'state'], 'tasks_deployment_idx');
  });
  // At most one piece of work is waiting or running per deployment; a new
  // request (destroy, cancel) supersedes the one before it.
  await knex.raw(
    `CREATE UNIQUE INDEX tasks_one_active_uq ON tasks (deployment_id) WHERE state IN ('queued', 'running')`,
  );
  await knex.schema.alterTable('deployments', table => {
    table
      .text('last_good_spec')
      .nullable()
      .comment('The last spec that reached active, as JSON, for rollback');
    table.boolean('sandbox').notNullable().defaultTo(false);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('last_good_spec');
    table.dropColumn('sandbox');
  });
  await knex.schema.dropTable('tasks');
};
