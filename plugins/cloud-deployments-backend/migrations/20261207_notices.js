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
 * Notices already sent about a deployment (a TTL about to run out), so that
 * each goes out once even when two replicas scan at the same time: the
 * replica whose insert lands sends it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_notices', table => {
    table.comment('Notices sent about deployments, one row per notice');
    table
      .uuid('deployment_id')
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table
      .string('kind', 32)
      .notNullable()
      .comment('What it was about, e.g. ttl');
    table
      .string('notice_key', 255)
      .notNullable()
      .comment('Which notice of that kind, e.g. 2h@<expiry instant>');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['deployment_id', 'kind', 'notice_key'], {
      indexName: 'deployment_notices_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_notices');
};
