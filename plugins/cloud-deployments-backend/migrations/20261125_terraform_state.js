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
 * The Terraform HTTP state backend: workspaces with their access token hash,
 * their lock, and every state version written to them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('terraform_workspaces', table => {
    // (No apostrophes in comments: Knex does not escape them on PostgreSQL.)
    table.comment('Terraform state workspaces, one per deployment or by name');
    table.uuid('id').primary();
    table.string('name', 100).notNullable().unique({
      indexName: 'terraform_workspaces_name_uq',
    });
    table
      .uuid('deployment_id')
      .nullable()
      .unique({ indexName: 'terraform_workspaces_deployment_uq' })
      .references('id')
      .inTable('deployments')
      .onDelete('SET NULL');
    table
      .string('token_hash', 64)
      .notNullable()
      .comment('SHA-256 of the access token, hex; the token is never stored');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('token_created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('terraform_locks', table => {
    table.comment('The lock a Terraform run holds on a workspace, at most one');
    // The primary key is what makes two concurrent LOCKs end with one winner.
    table
      .uuid('workspace_id')
      .primary()
      .references('id')
      .inTable('terraform_workspaces')
      .onDelete('CASCADE');
    table.string('lock_id', 255).notNullable();
    table
      .text('info')
      .notNullable()
      .comment('The LockInfo of the holder, JSON');
    table.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('terraform_state_versions', table => {
    table.comment('Every state written to a workspace; the highest is current');
    table.bigIncrements('id').primary();
    table
      .uuid('workspace_id')
      .notNullable()
      .references('id')
      .inTable('terraform_workspaces')
      .onDelete('CASCADE');
    table.integer('version').notNullable();
    table.integer('serial').notNullable();
    table.string('lineage', 64).notNullable();
    table
      .string('md5', 32)
      .notNullable()
      .comment('MD5 of the plain state, hex');
    table.integer('size').notNullable().comment('Bytes of the plain state');
    table
      .binary('state')
      .notNullable()
      .comment('The state; with a key id: IV, GCM tag and AES-256 ciphertext');
    table
      .string('key_id', 64)
      .nullable()
      .comment('Fingerprint of the encryption key, null when not encrypted');
    table.string('created_by', 255).notNullable();
    table
      .text('lock_info')
      .nullable()
      .comment('LockInfo of the run that wrote it, JSON');
    table.integer('rolled_back_from').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['workspace_id', 'version'], {
      indexName: 'terraform_state_versions_version_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('terraform_state_versions');
  await knex.schema.dropTable('terraform_locks');
  await knex.schema.dropTable('terraform_workspaces');
};
