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
 * The budget thresholds already announced, one row per budget, threshold and
 * month, so that each is announced once a month even when two replicas admit
 * spend at the same time: the replica whose insert lands sends it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('budget_alerts', table => {
    table.comment('Budget thresholds announced, one row per month');
    table
      .uuid('budget_id')
      .notNullable()
      .references('id')
      .inTable('budgets')
      .onDelete('CASCADE');
    table
      .integer('threshold')
      .notNullable()
      .comment('Percentage of the budget');
    table
      .string('month', 7)
      .notNullable()
      .comment('The calendar month (UTC) it was passed in, e.g. 2026-12');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['budget_id', 'threshold', 'month'], {
      indexName: 'budget_alerts_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('budget_alerts');
};
