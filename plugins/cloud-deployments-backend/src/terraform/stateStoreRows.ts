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
import { toIsoString } from '../database/tables';
import { LockRow, StateVersionRow, WorkspaceRow } from './tables';
import {
  HeldLock,
  StateVersion,
  TerraformWorkspace,
} from './TerraformStateStore';

// Conversions from the rows of the Terraform state tables to the store's
// types.

/** Every column but the state itself, for history. */
export const metaColumns = [
  'version',
  'serial',
  'lineage',
  'md5',
  'size',
  'key_id',
  'created_by',
  'lock_info',
  'rolled_back_from',
  'created_at',
] as const;

export type MetaRow = Pick<StateVersionRow, (typeof metaColumns)[number]>;

export function toWorkspace(row: WorkspaceRow): TerraformWorkspace {
  return {
    id: row.id,
    name: row.name,
    ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    tokenCreatedAt: toIsoString(row.token_created_at),
  };
}

export function toHeldLock(row: LockRow): HeldLock {
  return {
    info: JSON.parse(row.info),
    lockedAt: toIsoString(row.created_at),
  };
}

export function toStateVersion(row: MetaRow): StateVersion {
  return {
    version: Number(row.version),
    serial: Number(row.serial),
    lineage: row.lineage,
    md5: row.md5,
    size: Number(row.size),
    encrypted: row.key_id !== null,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    ...(row.lock_info ? { lock: JSON.parse(row.lock_info) } : {}),
    ...(row.rolled_back_from !== null
      ? { rolledBackFrom: Number(row.rolled_back_from) }
      : {}),
  };
}
