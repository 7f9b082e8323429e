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
 * The data keys Terraform state versions are encrypted with, each wrapped
 * (AES-256-GCM) by the configured stateEncryptionKey, or kept as they are
 * when none is configured. The highest generation seals new versions; older
 * ones stay to read what they sealed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('terraform_state_keys', table => {
    table.comment('Data keys of Terraform state encryption, newest current');
    table
      .integer('generation')
      .primary()
      .comment('1, 2, ...: the highest seals new state versions');
    table
      .string('key_id', 64)
      .notNullable()
      .comment('Fingerprint of the data key, as in terraform_state_versions');
    table
      .binary('wrapped_key')
      .notNullable()
      .comment(
        'IV, GCM tag and ciphertext of the key; the key itself when not wrapped',
      );
    table
      .string('wrapped_by', 64)
      .nullable()
      .comment(
        'Fingerprint of the configured key that wraps it, null when none',
      );
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['key_id'], { indexName: 'terraform_state_keys_key_id_uq' });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('terraform_state_keys');
};
