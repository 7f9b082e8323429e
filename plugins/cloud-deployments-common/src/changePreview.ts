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
import type { PolicyDecision } from './approvals';
import type { CostEstimate } from './pricing';
import type { SpecChange } from './specChanges';
import type { TerraformPlanSummary } from './terraform';
import type { DeploymentSpec } from './types';
import type { QuotaCheck } from './quota';

/**
 * What a change would do if applied now: nothing, apply at once, wait for an
 * approval, or be refused by a policy or by its GPU quota.
 *
 * @public
 */
export type ChangeOutcome = 'unchanged' | 'apply' | 'approval' | 'refused';

/**
 * What `PATCH /deployments/:id` would do with the same body, without doing it:
 * the fields it changes, the cost before and after, and what the policies say.
 *
 * @public
 */
export type DeploymentChangePreview = {
  /** The version previewed: send it with the change, so that it applies to what was seen. */
  version: number;
  outcome: ChangeOutcome;
  /** The fields that differ (`title`, `description` and spec paths such as `compute.instanceCount`). */
  changes: SpecChange[];
  /** The whole spec the change would apply. */
  spec: DeploymentSpec;
  /** The current estimate, if there is one. */
  before?: CostEstimate;
  after: CostEstimate;
  /**
   * `after` minus `before` in USD a month, when both totals are known; `null`
   * when either has a line without a price, so that it never passes for a
   * difference of complete figures.
   */
  monthlyDelta: number | null;
  /** What the policies said, when any are configured; absent for an unchanged spec. */
  decision?: PolicyDecision;
  /**
   * For a deployment with engine `terraform` whose spec changes: Terraform's
   * own plan of the new spec against the current state (what it adds,
   * changes and destroys, priced). Planned on a copy of the state: nothing
   * is locked or written.
   */
  terraformPlan?: TerraformPlanSummary;
  /**
   * Why there is no `terraformPlan` when one was due: the plan failed, ran
   * out of time, or the backend was busy with other previews. The rest of
   * the preview stands.
   */
  terraformPlanError?: string;
  /**
   * For a GPU deployment whose spec changes: what the quota pre-flight finds
   * (past the quota is `refused` when the portal refuses, see
   * `cloudDeployments.quota.onExceeded`).
   */
  quota?: QuotaCheck;
};
