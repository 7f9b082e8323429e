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
 * Savings recommendations (idle, rightsizing, commitment, orphaned), found by
 * a scheduled job and kept with the status people give them, and when that
 * job last ran and what it could not look at.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_recommendations', table => {
    table.comment('Savings recommendations and their status');
    table.uuid('id').primary();
    table
      .string('fingerprint', 64)
      .notNullable()
      .unique()
      .comment('sha256 of kind and subject: one row per finding');
    table.string('kind', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('provider', 64).notNullable();
    table
      .uuid('deployment_id')
      .nullable()
      .comment(
        'The deployment it is about; NULL for an orphan of no known deployment',
      );
    table.text('title').notNullable();
    table.text('detail').notNullable();
    table.text('evidence').notNullable().comment('JSON');
    table.text('proposal').notNullable().comment('JSON');
    table.text('savings').notNullable().comment('JSON');
    table
      .double('monthly_savings')
      .nullable()
      .comment('USD a month when known, for sorting');
    table.text('resource').nullable().comment('JSON, for orphans');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('status_changed_at', { useTz: true }).notNullable();
    table.string('status_changed_by', 255).notNullable();
    table.text('status_reason').nullable();
    table.integer('version').notNullable();
    table.index(['status'], 'cost_recommendations_status_idx');
    table.index(['deployment_id'], 'cost_recommendations_deployment_idx');
  });
  await knex.schema.createTable('cost_recommendation_runs', table => {
    table.comment('The last computation of the recommendations');
    table.string('id', 16).primary();
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table
      .text('gaps')
      .notNullable()
      .comment('JSON list of what it could not look at');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_recommendation_runs');
  await knex.schema.dropTable('cost_recommendations');
};
