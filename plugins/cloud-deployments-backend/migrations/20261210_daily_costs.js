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
 * Each deployment's cost per UTC day: the hours it billed and ran, what its
 * estimates give for them, and what it really cost as a source read it
 * (billing API, allocation or sandbox). Written by the scheduled collection,
 * which reads the last days again as billing data settles.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_daily_costs', table => {
    table.comment('Estimated and actual cost of each deployment per UTC day');
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.double('billing_hours').notNullable();
    table.double('running_hours').notNullable();
    table
      .double('estimated')
      .nullable()
      .comment('USD the estimates in effect give; NULL when none had a price');
    table
      .string('estimate_kind', 16)
      .notNullable()
      .comment('exact, approximate, partial or unknown');
    table
      .double('actual')
      .nullable()
      .comment('What it cost; NULL until a source has read the day');
    table
      .string('actual_kind', 16)
      .nullable()
      .comment('billed, allocation or sandbox');
    table.string('actual_source', 64).nullable();
    table.string('actual_currency', 3).nullable();
    table.timestamp('actual_read_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['deployment_id', 'day'], 'deployment_daily_costs_pk');
    table.index(['day'], 'deployment_daily_costs_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_daily_costs');
};
