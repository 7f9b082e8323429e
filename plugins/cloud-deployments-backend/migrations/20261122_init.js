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
 * Deployments and their append-only event log.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment('Every deployment the portal knows, with its declared spec');
    // `seq` orders the list (keyset pagination); `id` is the public identifier.
    table.bigIncrements('seq').primary();
    table.uuid('id').notNullable().unique({ indexName: 'deployments_id_uq' });
    table.string('name', 63).notNullable();
    table.string('title', 200).nullable();
    table.text('description').nullable();
    table.string('owner', 255).notNullable();
    table.string('component', 255).notNullable();
    table.string('system', 255).nullable();
    table.string('environment', 32).notNullable();
    table.string('provider', 64).notNullable();
    table.string('region', 40).notNullable();
    table.string('engine', 32).notNullable();
    table.text('spec').notNullable().comment('The declared spec, as JSON');
    table.string('status', 32).notNullable();
    table.text('status_reason').nullable();
    table.text('endpoint').nullable();
    table.text('outputs').notNullable().defaultTo('{}');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);

    table.index(['owner', 'seq'], 'deployments_owner_idx');
    table.index(['component', 'seq'], 'deployments_component_idx');
    table.index(['status', 'seq'], 'deployments_status_idx');
    table.index(['provider', 'seq'], 'deployments_provider_idx');
    table.index(['environment', 'seq'], 'deployments_environment_idx');
  });
  // A name identifies a live deployment (and later its catalog entity); a destroyed
  // deployment gives its name back.
  // (Raw: a partial index with a bound parameter is not valid DDL on PostgreSQL.)
  await knex.raw(
    `CREATE UNIQUE INDEX deployments_live_name_uq ON deployments (name) WHERE status <> 'destroyed'`,
  );

  await knex.schema.createTable('deployment_events', table => {
    table.comment('Append-only log of changes, status transitions and output');
    table.bigIncrements('id').primary();
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('type', 32).notNullable();
    table.text('message').notNullable();
    table.text('data').nullable().comment('Structured details, as JSON');
    table.string('actor', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['deployment_id', 'id'], 'deployment_events_deployment_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_events');
  await knex.schema.dropTable('deployments');
};
