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
 * The drift reconciliation found on a `drifted` deployment: the fields whose
 * cloud value differs from the spec, with both values, and when it was first
 * seen (JSON). A column, not a table: there is one current finding per
 * deployment, written in the same UPDATE as the status it explains and
 * cleared with it, and the deployment page reads it with the deployment.
 * The history of findings is in the event log.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .text('drift')
      .nullable()
      .comment(
        'While drifted: {fields: [{field, desired, observed}], detectedAt} as JSON',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // A drifted deployment without its finding reads as active again.
  await knex('deployments')
    .where({ status: 'drifted' })
    .update({ status: 'active' });
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('drift');
  });
};
