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
import {
  TerraformLockInfo,
  TerraformStateVersion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * What Terraform sends with LOCK and UNLOCK, and expects back when a lock is
 * refused (its `statemgr.LockInfo`). `ID` is what POST passes as `?ID=`.
 */
export type LockInfo = TerraformLockInfo;

/** The lock on a workspace, and since when it is held. */
export type HeldLock = { info: LockInfo; lockedAt: string };

/** A Terraform state workspace, without its token hash. */
export type TerraformWorkspace = {
  id: string;
  name: string;
  deploymentId?: string;
  createdBy: string;
  createdAt: string;
  tokenCreatedAt: string;
};

/** A workspace with what authenticates Terraform against it. */
export type TerraformWorkspaceRecord = TerraformWorkspace & {
  tokenHash: string;
};

/** What history shows of a state version: everything but the state. */
export type StateVersion = TerraformStateVersion;

/** A state Terraform posted, already checked (see parseStateDocument). */
export type NewState = {
  state: Buffer;
  serial: number;
  lineage: string;
  md5: string;
};

/** The outcome of LOCK. */
export type LockResult =
  | { type: 'granted' }
  | { type: 'held'; holder: HeldLock };

/** The outcome of UNLOCK. */
export type UnlockResult =
  | { type: 'released' }
  | { type: 'not-locked' }
  | { type: 'held'; holder: HeldLock };

/** The outcome of a write: refused while another lock is held or the writer's was lost. */
export type WriteResult =
  | { type: 'written'; version: StateVersion }
  | { type: 'held'; holder: HeldLock }
  | { type: 'lock-lost' };

/**
 * Terraform state workspaces, their locks and state versions. Locking and
 * writing are transactions: a failure leaves neither half a version nor a lock
 * nobody holds.
 */
export interface TerraformStateStore {
  /** Creates a workspace; ConflictError when its name or deployment has one. */
  createWorkspace(input: {
    name: string;
    deploymentId?: string;
    tokenHash: string;
    createdBy: string;
  }): Promise<TerraformWorkspace>;

  getWorkspace(name: string): Promise<TerraformWorkspaceRecord | undefined>;

  /** Replaces the token hash; the old token stops working at once. */
  replaceToken(workspaceId: string, tokenHash: string): Promise<void>;

  getLock(workspaceId: string): Promise<HeldLock | undefined>;

  lock(workspaceId: string, info: LockInfo): Promise<LockResult>;

  /** Releases the lock when `lockId` holds it. */
  unlock(workspaceId: string, lockId: string): Promise<UnlockResult>;

  /**
   * Releases whatever lock is held (or only `expectedLockId`); returns the
   * released lock, undefined when none was held.
   */
  forceUnlock(
    workspaceId: string,
    expectedLockId?: string,
  ): Promise<HeldLock | undefined>;

  /** The current (highest) version with its plain state. */
  readState(
    workspaceId: string,
  ): Promise<{ version: StateVersion; state: Buffer } | undefined>;

  /**
   * Appends a version. Refused while a lock other than `lockId` is held, and
   * when `lockId` is given but no longer held.
   */
  writeState(
    workspaceId: string,
    state: NewState,
    options: { lockId?: string; createdBy: string },
  ): Promise<WriteResult>;

  /** Versions newest first, without state. */
  listVersions(
    workspaceId: string,
    options: { limit: number; before?: number },
  ): Promise<StateVersion[]>;

  /**
   * Appends a copy of an earlier version, which makes it current. Refused
   * while locked; NotFoundError for an unknown version.
   */
  rollback(
    workspaceId: string,
    toVersion: number,
    createdBy: string,
  ): Promise<
    | { type: 'written'; version: StateVersion }
    | { type: 'held'; holder: HeldLock }
  >;
}
