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
 * Saved Terraform plans waiting for a person to confirm them before they are
 * applied (the plan-confirm-apply template), with the decision.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('terraform_plan_confirmations', table => {
    table.comment('Saved plans a person confirms or rejects before apply');
    table.uuid('id').primary();
    table
      .uuid('workspace_id')
      .notNullable()
      .references('id')
      .inTable('terraform_workspaces')
      .onDelete('CASCADE');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, confirmed or rejected');
    table
      .string('plan_sha256', 64)
      .notNullable()
      .comment('SHA-256 of the saved plan file; only it may be applied');
    table
      .text('summary')
      .notNullable()
      .comment(
        'What the plan does and its monthly cost before and after, JSON',
      );
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table.index(['workspace_id'], 'terraform_plan_confirmations_workspace_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('terraform_plan_confirmations');
};
