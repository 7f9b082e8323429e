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
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { isUniqueViolation } from '../database/tables';
import { StateCipher } from './StateCipher';
import { MAX_STATE_SERIAL, withSerial } from './stateDocument';
import {
  metaColumns,
  toHeldLock,
  toStateVersion,
  toWorkspace,
} from './stateStoreRows';
import {
  StateVersionRow,
  WorkspaceRow,
  locks,
  stateVersions,
  workspaces,
} from './tables';
import {
  HeldLock,
  LockInfo,
  LockResult,
  NewState,
  StateVersion,
  TerraformStateStore,
  TerraformWorkspace,
  TerraformWorkspaceRecord,
  UnlockResult,
  WriteResult,
} from './TerraformStateStore';
import {
  forceUnlockWorkspace,
  lockWorkspace,
  serializeWorkspace,
  unlockWorkspace,
} from './workspaceLocks';

/**
 * A TerraformStateStore on the plugin's database (better-sqlite3 or
 * PostgreSQL). Its tables come with the plugin's migrations, which
 * DatabaseDeploymentStore runs.
 */
export class DatabaseTerraformStateStore implements TerraformStateStore {
  readonly #db: Knex;
  readonly #cipher?: StateCipher;
  readonly #isPg: boolean;

  /** With a cipher, new versions are stored encrypted. */
  static create(options: {
    knex: Knex;
    cipher?: StateCipher;
  }): DatabaseTerraformStateStore {
    return new DatabaseTerraformStateStore(options.knex, options.cipher);
  }

  private constructor(db: Knex, cipher?: StateCipher) {
    this.#db = db;
    this.#cipher = cipher;
    this.#isPg = db.client.config.client === 'pg';
  }

  async createWorkspace(input: {
    name: string;
    deploymentId?: string;
    tokenHash: string;
    createdBy: string;
  }): Promise<TerraformWorkspace> {
    const now = new Date().toISOString();
    const row: WorkspaceRow = {
      id: randomUUID(),
      name: input.name,
      deployment_id: input.deploymentId ?? null,
      token_hash: input.tokenHash,
      created_by: input.createdBy,
      created_at: now,
      token_created_at: now,
    };
    try {
      await workspaces(this.#db).insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const taken = await workspaces(this.#db)
        .where({ name: input.name })
        .first('id');
      throw new ConflictError(
        taken
          ? `A Terraform workspace named ${input.name} already exists`
          : `Deployment ${input.deploymentId} already has a Terraform workspace`,
      );
    }
    return toWorkspace(row);
  }

  async getWorkspace(
    name: string,
  ): Promise<TerraformWorkspaceRecord | undefined> {
    const row = await workspaces(this.#db).where({ name }).first();
    return row && { ...toWorkspace(row), tokenHash: row.token_hash };
  }

  async replaceToken(workspaceId: string, tokenHash: string): Promise<void> {
    await workspaces(this.#db).where({ id: workspaceId }).update({
      token_hash: tokenHash,
      token_created_at: new Date().toISOString(),
    });
  }

  async getLock(workspaceId: string): Promise<HeldLock | undefined> {
    const row = await locks(this.#db)
      .where({ workspace_id: workspaceId })
      .first();
    return row && toHeldLock(row);
  }

  lock(workspaceId: string, info: LockInfo): Promise<LockResult> {
    return lockWorkspace(this.#db, this.#isPg, workspaceId, info);
  }

  unlock(workspaceId: string, lockId: string): Promise<UnlockResult> {
    return unlockWorkspace(this.#db, this.#isPg, workspaceId, lockId);
  }

  forceUnlock(
    workspaceId: string,
    expectedLockId?: string,
  ): Promise<HeldLock | undefined> {
    return forceUnlockWorkspace(
      this.#db,
      this.#isPg,
      workspaceId,
      expectedLockId,
    );
  }

  async readState(
    workspaceId: string,
  ): Promise<{ version: StateVersion; state: Buffer } | undefined> {
    const row = await stateVersions(this.#db)
      .where({ workspace_id: workspaceId })
      .orderBy('version', 'desc')
      .first();
    return row && { version: toStateVersion(row), state: this.#open(row) };
  }

  async writeState(
    workspaceId: string,
    state: NewState,
    options: { lockId?: string; createdBy: string },
  ): Promise<WriteResult> {
    return this.#db.transaction(async tx => {
      await serializeWorkspace(tx, workspaceId, this.#isPg);
      const held = await locks(tx).where({ workspace_id: workspaceId }).first();
      if (held && held.lock_id !== options.lockId) {
        return { type: 'held' as const, holder: toHeldLock(held) };
      }
      if (!held && options.lockId) return { type: 'lock-lost' as const };
      const version = await this.#append(tx, workspaceId, state, {
        createdBy: options.createdBy,
        lockInfo: held?.info ?? null,
        rolledBackFrom: null,
      });
      return { type: 'written' as const, version };
    });
  }

  async listVersions(
    workspaceId: string,
    options: { limit: number; before?: number },
  ): Promise<StateVersion[]> {
    const query = stateVersions(this.#db)
      .where({ workspace_id: workspaceId })
      .orderBy('version', 'desc')
      .limit(options.limit)
      .select(...metaColumns);
    if (options.before !== undefined) {
      query.where('version', '<', options.before);
    }
    return (await query).map(toStateVersion);
  }

  async rollback(
    workspaceId: string,
    toVersion: number,
    createdBy: string,
  ): Promise<
    | { type: 'written'; version: StateVersion }
    | { type: 'held'; holder: HeldLock }
  > {
    return this.#db.transaction(async tx => {
      await serializeWorkspace(tx, workspaceId, this.#isPg);
      const held = await locks(tx).where({ workspace_id: workspaceId }).first();
      if (held) return { type: 'held' as const, holder: toHeldLock(held) };
      const source = await stateVersions(tx)
        .where({ workspace_id: workspaceId, version: toVersion })
        .first();
      if (!source) throw new NotFoundError(`No state version ${toVersion}`);
      const current = await this.#currentVersion(tx, workspaceId);
      if (current === toVersion) {
        throw new ConflictError(
          `State version ${toVersion} is already current`,
        );
      }
      // The copy is the source's resources under a serial above every one
      // so far: reusing the source's serial would let a plan saved against
      // that older state apply again without Terraform's stale-plan check.
      const serial = (await this.#highestSerial(tx, workspaceId)) + 1;
      if (serial > MAX_STATE_SERIAL) {
        throw new ConflictError(
          `The state's serial is at its limit (${MAX_STATE_SERIAL}); it cannot be rolled back`,
        );
      }
      const version = await this.#append(
        tx,
        workspaceId,
        withSerial(this.#open(source), serial, source.lineage),
        { createdBy, lockInfo: null, rolledBackFrom: toVersion },
      );
      return { type: 'written' as const, version };
    });
  }

  async #highestSerial(tx: Knex.Transaction, workspaceId: string) {
    const row = await stateVersions(tx)
      .where({ workspace_id: workspaceId })
      .max({ max: 'serial' })
      .first();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
  }

  async #currentVersion(tx: Knex.Transaction, workspaceId: string) {
    const row = await stateVersions(tx)
      .where({ workspace_id: workspaceId })
      .max({ max: 'version' })
      .first();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
  }

  async #append(
    tx: Knex.Transaction,
    workspaceId: string,
    state: NewState,
    meta: {
      createdBy: string;
      lockInfo: string | null;
      rolledBackFrom: number | null;
    },
  ): Promise<StateVersion> {
    const version = (await this.#currentVersion(tx, workspaceId)) + 1;
    const row: Omit<StateVersionRow, 'id'> = {
      workspace_id: workspaceId,
      version,
      serial: state.serial,
      lineage: state.lineage,
      md5: state.md5,
      size: state.state.length,
      state: this.#cipher
        ? this.#cipher.seal(state.state, associatedData(workspaceId, version))
        : state.state,
      key_id: this.#cipher?.keyId ?? null,
      created_by: meta.createdBy,
      lock_info: meta.lockInfo,
      rolled_back_from: meta.rolledBackFrom,
      created_at: new Date().toISOString(),
    };
    await stateVersions(tx).insert(row);
    return toStateVersion(row);
  }

  #open(row: StateVersionRow): Buffer {
    if (row.key_id === null) return Buffer.from(row.state);
    if (!this.#cipher) {
      throw new Error(
        `State version ${row.version} is encrypted, but cloudDeployments.terraform.stateEncryptionKey is not configured`,
      );
    }
    return this.#cipher.open(
      Buffer.from(row.state),
      row.key_id,
      associatedData(row.workspace_id, row.version),
    );
  }
}

/** What ties a sealed state to its workspace and version (see StateCipher). */
export function associatedData(workspaceId: string, version: number): string {
  return `terraform-state/${workspaceId}/${version}`;
}
