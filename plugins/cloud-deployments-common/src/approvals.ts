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
import { QuotaCheck } from './quota';
import { CostEstimate } from './pricing';
import { Deployment, DeploymentSpec } from './types';

/**
 * What the portal's policies said about a request.
 *
 * @public
 */
export type PolicyOutcome = 'allow' | 'refuse' | 'approval';

/**
 * A policy that matched a request: its `@id`, its `@message`, and whether it
 * refuses the request or asks for an approval.
 *
 * @public
 */
export type PolicyReason = {
  policy: string;
  message: string;
  effect: 'refuse' | 'approval';
};

/**
 * A policy decision with its explanation: the policies that matched and the
 * values they saw (the request's environment, region, cost, IaC findings…).
 *
 * @public
 */
export type PolicyDecision = {
  outcome: PolicyOutcome;
  /** Refusals when refused; what asks for approval when `approval`; else none. */
  reasons: PolicyReason[];
  values: Record<string, string | number | boolean | string[]>;
};

/**
 * The operations a policy may hold for an approval.
 *
 * @public
 */
export const APPROVAL_OPERATIONS = [
  'create',
  'update',
  'redeploy',
  'rollback',
  'start',
] as const;

/**
 * An operation a policy may hold for an approval.
 *
 * @public
 */
export type ApprovalOperation = (typeof APPROVAL_OPERATIONS)[number];

/**
 * Where an approval request stands: it waits, was approved (and its operation
 * ran), was rejected, or became void because the deployment or the price of
 * its spec changed before anyone decided.
 *
 * @public
 */
export const APPROVAL_STATUSES = [
  'awaiting_approval',
  'approved',
  'rejected',
  'void',
] as const;

/**
 * See {@link APPROVAL_STATUSES}.
 *
 * @public
 */
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * A request a policy held for approval, and its decision.
 *
 * @public
 */
export type Approval = {
  id: string;
  deploymentId: string;
  operation: ApprovalOperation;
  status: ApprovalStatus;
  /** The spec the operation applies once approved. */
  spec: DeploymentSpec;
  /** For a rollback: the revision whose spec it restores. */
  revision?: number;
  /** Why, in the requester's words (a rollback's reason). */
  reason?: string;
  /** Its estimate when requested; a different price voids the request. */
  estimate?: CostEstimate;
  /** The policy decision that asked for the approval. */
  decision: PolicyDecision;
  /** The deployment's version the request was made against. */
  deploymentVersion: number;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** The approver's comment, or why the request became void. */
  comment?: string;
};

/**
 * A deployment with the request of it that waits for approval, if one does:
 * what reading one deployment and the changes a policy holds return.
 *
 * @public
 */
export type DeploymentWithApproval = Deployment & {
  approval?: Approval;
  /**
   * In the answer to a create whose GPU quota was checked: what the check
   * found (a quota exceeded is here when the portal warns rather than
   * refuses).
   */
  quota?: QuotaCheck;
};
