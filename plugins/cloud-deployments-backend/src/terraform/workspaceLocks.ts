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
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { toHeldLock } from './stateStoreRows';
import { locks, workspaces } from './tables';
import {
  HeldLock,
  LockInfo,
  LockResult,
  UnlockResult,
} from './TerraformStateStore';

// Terraform's lock on a workspace, and the row lock that makes changes to
// one workspace take turns. `isPg` says whether the database is PostgreSQL.

/**
 * Makes changes to one workspace take turns. PostgreSQL locks the workspace
 * row until commit; SQLite runs one transaction at a time anyway (Knex gives
 * it a single connection).
 */
export async function serializeWorkspace(
  tx: Knex.Transaction,
  workspaceId: string,
  isPg: boolean,
) {
  const query = workspaces(tx).where({ id: workspaceId }).first('id');
  if (isPg) query.forUpdate();
  if (!(await query)) throw new NotFoundError('No such Terraform workspace');
}

export async function lockWorkspace(
  db: Knex,
  isPg: boolean,
  workspaceId: string,
  info: LockInfo,
): Promise<LockResult> {
  return db.transaction(async tx => {
    await serializeWorkspace(tx, workspaceId, isPg);
    // Of two concurrent inserts the primary key lets one through.
    await locks(tx)
      .insert({
        workspace_id: workspaceId,
        lock_id: info.ID,
        info: JSON.stringify(info),
        created_at: new Date().toISOString(),
      })
      .onConflict('workspace_id')
      .ignore();
    const row = await locks(tx).where({ workspace_id: workspaceId }).first();
    return row!.lock_id === info.ID
      ? { type: 'granted' as const }
      : { type: 'held' as const, holder: toHeldLock(row!) };
  });
}

export async function unlockWorkspace(
  db: Knex,
  isPg: boolean,
  workspaceId: string,
  lockId: string,
): Promise<UnlockResult> {
  return db.transaction(async tx => {
    await serializeWorkspace(tx, workspaceId, isPg);
    const row = await locks(tx).where({ workspace_id: workspaceId }).first();
    if (!row) return { type: 'not-locked' as const };
    if (row.lock_id !== lockId) {
      return { type: 'held' as const, holder: toHeldLock(row) };
    }
    await locks(tx).where({ workspace_id: workspaceId }).delete();
    return { type: 'released' as const };
  });
}

export async function forceUnlockWorkspace(
  db: Knex,
  isPg: boolean,
  workspaceId: string,
  expectedLockId?: string,
): Promise<HeldLock | undefined> {
  return db.transaction(async tx => {
    await serializeWorkspace(tx, workspaceId, isPg);
    const row = await locks(tx).where({ workspace_id: workspaceId }).first();
    if (!row) return undefined;
    if (expectedLockId !== undefined && row.lock_id !== expectedLockId) {
      throw new ConflictError(
        `The workspace is locked by ${row.lock_id}, not ${expectedLockId}`,
      );
    }
    await locks(tx).where({ workspace_id: workspaceId }).delete();
    return toHeldLock(row);
  });
}
