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
// @ts-check

/**
 * Disaster-recovery plans (a standby region of a deployment, its mode and
 * recovery-time objective, and which side serves), and the record of each
 * failover, failback and drill with its measured recovery time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_dr_plans', table => {
    table.comment('One disaster-recovery plan per deployment');
    table
      .uuid('deployment_id')
      .primary()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('standby_region', 64).notNullable();
    table
      .string('standby_account', 255)
      .nullable()
      .comment("NULL: the primary's account");
    table
      .string('mode', 16)
      .notNullable()
      .comment('pilot-light | warm-standby');
    table.integer('rto_seconds').notNullable();
    table
      .string('active_side', 16)
      .notNullable()
      .comment('primary | standby: which one serves the endpoint');
    table
      .string('standby_state', 16)
      .notNullable()
      .comment('what the standby is doing now; see DrStandbyState');
    table.text('standby_endpoint').nullable();
    table
      .text('primary_endpoint')
      .nullable()
      .comment("The primary's endpoint while the standby serves");
    table
      .integer('standby_revision')
      .nullable()
      .comment('The revision of the primary the standby was last made from');
    table.text('status_reason').nullable();
    table.integer('version').notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('deployment_dr_runs', table => {
    table.comment('Each failover, failback and drill, with its recovery time');
    table.bigIncrements('id').primary();
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table
      .string('kind', 16)
      .notNullable()
      .comment('failover | failback | drill');
    table
      .string('outcome', 16)
      .notNullable()
      .comment('running | met | missed | failed | cancelled');
    table.string('standby_region', 64).notNullable();
    table.integer('rto_seconds').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table
      .timestamp('recovered_at', { useTz: true })
      .nullable()
      .comment('When what it brought up answered as ready');
    table
      .double('recovery_seconds')
      .nullable()
      .comment('recovered_at − started_at');
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('reason').nullable();
    table.string('requested_by', 255).notNullable();
    table.index(['deployment_id', 'id'], 'deployment_dr_runs_deployment_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_dr_runs');
  await knex.schema.dropTable('deployment_dr_plans');
};
