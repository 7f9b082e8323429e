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
import { Knex } from 'knex';

/** A row of `terraform_workspaces`. */
export type WorkspaceRow = {
  id: string;
  name: string;
  deployment_id: string | null;
  token_hash: string;
  created_by: string;
  created_at: Date | string;
  token_created_at: Date | string;
};

/** A row of `terraform_locks`. */
export type LockRow = {
  workspace_id: string;
  lock_id: string;
  info: string;
  created_at: Date | string;
};

/** A row of `terraform_state_versions`. */
export type StateVersionRow = {
  id: number | string;
  workspace_id: string;
  version: number;
  serial: number;
  lineage: string;
  md5: string;
  size: number;
  state: Buffer;
  key_id: string | null;
  created_by: string;
  lock_info: string | null;
  rolled_back_from: number | null;
  created_at: Date | string;
};

/** The `terraform_workspaces` table, for typed query builders. */
export function workspaces(db: Knex | Knex.Transaction) {
  return db<WorkspaceRow>('terraform_workspaces');
}

/** The `terraform_locks` table, for typed query builders. */
export function locks(db: Knex | Knex.Transaction) {
  return db<LockRow>('terraform_locks');
}

/** The `terraform_state_versions` table, for typed query builders. */
export function stateVersions(db: Knex | Knex.Transaction) {
  return db<StateVersionRow>('terraform_state_versions');
}

/** A row of `terraform_state_keys`. */
export type StateKeyRow = {
  generation: number;
  key_id: string;
  wrapped_key: Buffer;
  wrapped_by: string | null;
  created_at: Date | string;
};

/** The `terraform_state_keys` table, for typed query builders. */
export function stateKeys(db: Knex | Knex.Transaction) {
  return db<StateKeyRow>('terraform_state_keys');
}
