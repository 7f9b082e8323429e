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
 * Names per environment: `web-api` may live in staging and in production.
 * A live deployment's name is unique within its environment, and the name
 * its cloud resources carry (`resource_name`) stays unique among all live
 * deployments, since two environments may share an account. Existing
 * deployments keep the cloud name they have: their name.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .string('resource_name', 63)
      .nullable()
      .comment(
        'The name its cloud resources carry: the name, unless another environment had it',
      );
  });
  await knex('deployments').update({ resource_name: knex.ref('name') });
  await knex.raw('DROP INDEX deployments_live_name_uq');
  // (Raw: partial indexes; a bound parameter is not valid DDL on PostgreSQL.)
  await knex.raw(
    `CREATE UNIQUE INDEX deployments_live_env_name_uq ON deployments (environment, name) WHERE status <> 'destroyed'`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX deployments_live_resource_name_uq ON deployments (resource_name) WHERE status <> 'destroyed'`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const shared = await knex('deployments')
    .whereNot({ status: 'destroyed' })
    .groupBy('name')
    .havingRaw('count(*) > 1')
    .select('name');
  if (shared.length) {
    throw new Error(
      `Cannot go back to names unique across environments: live deployments in several environments share the names ${shared
        .map(r => r.name)
        .join(', ')}`,
    );
  }
  await knex.raw('DROP INDEX deployments_live_resource_name_uq');
  await knex.raw('DROP INDEX deployments_live_env_name_uq');
  await knex.raw(
    `CREATE UNIQUE INDEX deployments_live_name_uq ON deployments (name) WHERE status <> 'destroyed'`,
  );
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('resource_name');
  });
};
