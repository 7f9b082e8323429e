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
 * The price cache filled by the live price sources, and each deployment's last
 * cost estimate.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prices', table => {
    // (No apostrophes in comments: Knex does not escape them on PostgreSQL.)
    table.comment(
      'Prices fetched from the price APIs of the providers, with expiry',
    );
    table.string('provider', 16).notNullable();
    table.string('service', 64).notNullable();
    table.string('region', 64).notNullable();
    table.string('sku', 128).notNullable();
    table.string('unit', 16).notNullable();
    table.double('usd').notNullable();
    table.string('effective_date', 10).notNullable();
    table.string('origin', 255).notNullable();
    table.timestamp('fetched_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.primary(['provider', 'service', 'region', 'sku']);
    table.index(['expires_at'], 'prices_expires_idx');
  });
  await knex.schema.alterTable('deployments', table => {
    table
      .text('estimate')
      .nullable()
      .comment('The last cost estimate, as JSON');
    table.double('estimated_monthly_cost').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('estimate');
    table.dropColumn('estimated_monthly_cost');
  });
  await knex.schema.dropTable('prices');
};
