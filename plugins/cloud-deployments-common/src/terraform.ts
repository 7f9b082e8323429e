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

/**
 * What a Terraform plan of a deployment changes and costs, as the job engine
 * logs it (`data.terraformPlan` of the log event). It names resources, never
 * their values.
 *
 * @public
 */
export type TerraformPlanSummary = {
  changes: { add: number; change: number; destroy: number };
  resources: Array<{ address: string; action: string }>;
  monthlyBefore: number;
  monthlyAfter: number;
  monthlyDelta: number;
  /** Addresses of resources that could not be priced. */
  unpriced: string[];
  /** The serial of the state the plan was made against. */
  stateSerial?: number;
};

/**
 * What Terraform sends with a lock (its `LockInfo`).
 *
 * @public
 */
export type TerraformLockInfo = {
  ID: string;
  Operation?: string;
  Info?: string;
  Who?: string;
  Version?: string;
  Created?: string;
  Path?: string;
};

/**
 * One version of a workspace's state, without the state itself (which can
 * hold secrets and is never served to people).
 *
 * @public
 */
export type TerraformStateVersion = {
  version: number;
  serial: number;
  lineage: string;
  md5: string;
  size: number;
  encrypted: boolean;
  createdBy: string;
  createdAt: string;
  lock?: TerraformLockInfo;
  rolledBackFrom?: number;
};

/**
 * A Terraform state workspace as `GET /terraform/workspaces/:name` serves it.
 *
 * @public
 */
export type TerraformWorkspaceInfo = {
  name: string;
  deploymentId?: string;
  createdBy: string;
  createdAt: string;
  tokenCreatedAt: string;
  lock?: { info: TerraformLockInfo; lockedAt: string };
  currentVersion?: TerraformStateVersion;
};

/**
 * A saved Terraform plan waiting for, or given, a person's confirmation
 * before it is applied.
 *
 * @public
 */
export type TerraformPlanConfirmation = {
  id: string;
  workspace: string;
  status: 'pending' | 'confirmed' | 'rejected';
  /** SHA-256 of the saved plan file: only this plan may be applied. */
  planSha256: string;
  add: number;
  change: number;
  destroy: number;
  monthlyBefore: number;
  monthlyAfter: number;
  description?: string;
  requestedBy: string;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
};
