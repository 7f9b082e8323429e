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
 * Monthly budgets per owner group, optionally narrowed to a system or an
 * environment: one per scope.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('budgets', table => {
    table.comment('Monthly budgets of owner groups, one per scope');
    table.uuid('id').primary();
    table.string('owner', 255).notNullable().comment('Group entity ref');
    // '' for "any": NULLs are distinct in a unique index on both databases,
    // so a NULL scope would let two budgets cover the same deployments.
    table
      .string('system', 255)
      .notNullable()
      .defaultTo('')
      .comment("System entity ref, or '' for every system");
    table
      .string('environment', 32)
      .notNullable()
      .defaultTo('')
      .comment("Environment, or '' for every environment");
    table.decimal('amount', 14, 2).notNullable().comment('US dollars a month');
    table
      .text('thresholds')
      .notNullable()
      .comment('Alerting percentages of the amount, as a JSON array');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['owner', 'system', 'environment'], {
      indexName: 'budgets_scope_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('budgets');
};
