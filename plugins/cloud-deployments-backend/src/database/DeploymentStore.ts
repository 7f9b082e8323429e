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
  Approval,
  ApprovalOperation,
  CostEstimate,
  Deployment,
  DeploymentEngine,
  DeploymentEvent,
  DeploymentProvider,
  DeploymentRevision,
  DeploymentSpec,
  DeploymentStatus,
  DeploymentsSummary,
  DriftField,
  Page,
  PolicyDecision,
  RevisionPage,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentPermissionQuery } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { ListOrder } from './cursor';
import { TaskKind } from './TaskSink';

/** A deployment to be created. */
export type NewDeployment = {
  name: string;
  /**
   * The names its cloud resources may carry, in order of preference: the
   * first that no live deployment carries is taken. `[name]` when absent.
   */
  resourceNames?: string[];
  title?: string;
  description?: string;
  spec: DeploymentSpec;
  /** The cost estimate of the spec, kept as the deployment's last estimate. */
  estimate?: CostEstimate;
  /** Whether its provider provisions into a local sandbox. */
  sandbox?: boolean;
};

/** Work to queue in the same transaction as a change. */
export type TaskRequest = {
  kind: TaskKind;
  maxAttempts: number;
};

/** What provisioning left behind, recorded with a transition. */
export type ProvisioningResult = {
  /** The endpoint URL; `null` clears it. */
  endpoint?: string | null;
  outputs?: Record<string, unknown>;
  /** The spec that was applied and reached active: the one to roll back to. */
  appliedSpec?: DeploymentSpec;
};

/** A change to a deployment: the whole new spec, already validated. */
export type DeploymentChange = {
  title?: string | null;
  description?: string | null;
  spec: DeploymentSpec;
  estimate?: CostEstimate;
};

/** Filters of a list; each given filter matches any of its values. */
export type DeploymentFilter = {
  owner?: string[];
  component?: string[];
  provider?: DeploymentProvider[];
  engine?: DeploymentEngine[];
  status?: DeploymentStatus[];
  environment?: string[];
  /** Case-insensitive substring of the name or title. */
  q?: string;
  /** Only deployments whose TTL runs out at or before this time (ISO 8601). */
  expiresBefore?: string;
  /** Only what a permission policy's conditions let the caller read. */
  permission?: PermissionCriteria<CloudDeploymentPermissionQuery>;
};

/** A request held for approval, as a policy decided it. */
export type NewApproval = {
  operation: ApprovalOperation;
  spec: DeploymentSpec;
  /** For a rollback: the revision whose spec it restores. */
  revision?: number;
  /** Why, in the requester's words. */
  reason?: string;
  estimate?: CostEstimate;
  decision: PolicyDecision;
};

/** What an approval does to its deployment once granted. */
export type ApprovalEffect =
  | { kind: 'start'; task: TaskRequest }
  | { kind: 'update'; task: TaskRequest }
  | { kind: 'redeploy'; everActive: boolean; task: TaskRequest }
  | { kind: 'rollback'; task: TaskRequest }
  | { kind: 'resume'; estimate?: CostEstimate; task: TaskRequest };

/** A budget whose scope a new deployment falls in. */
export type BudgetScope = {
  id: string;
  owner: string;
  /** '' for every system. */
  system: string;
  /** '' for every environment. */
  environment: string;
  amount: number;
  /** Percentages of `amount` that alert. */
  thresholds: number[];
};

/**
 * What a budget's scope has committed before a new deployment: the priced
 * monthly estimates of its deployments that run or are queued to (pending
 * counts: it was admitted and will bill), and whether all of them are priced.
 */
export type BudgetStanding = {
  budget: BudgetScope;
  committed: number;
  complete: boolean;
};

/** How a new deployment is let in: it starts, or its create waits for approval. */
export type Admission =
  | { outcome: 'allow'; task: TaskRequest }
  | { outcome: 'approval'; approval: NewApproval };

/** What reconciliation found about one deployment it looked at. */
export type DriftFinding =
  | { id: string; status: 'failed'; reason: string }
  | { id: string; status: 'drifted'; reason: string; fields: DriftField[] }
  | { id: string; status: 'active'; reason: string };

/** Who does something, as recorded in the event log. */
export type Actor = { ref: string };

/**
 * Persistence of deployments and their event log. Every change is one
 * transaction that also appends its event.
 */
export interface DeploymentStore {
  /**
   * Creates a deployment in `pending` with a `created` event, and queues
   * `task` in the same transaction. ConflictError on a live name clash.
   */
  createDeployment(
    input: NewDeployment,
    actor: Actor,
    options?: { task?: TaskRequest },
  ): Promise<Deployment>;

  /**
   * Creates a deployment as `admit` decides from the standing of the budgets
   * it falls in, holding them so that concurrent creations are decided one
   * after the other: it starts (`pending`, task queued) or waits for approval
   * (`awaiting_approval`, request recorded). `admit` throws to refuse.
   */
  createAdmitted(
    input: NewDeployment,
    actor: Actor,
    options: {
      budgets: BudgetScope[];
      admit: (standings: BudgetStanding[]) => Admission;
    },
  ): Promise<Deployment>;

  /** What the scopes of these budgets have committed now (no lock). */
  budgetStandings(budgets: BudgetScope[]): Promise<BudgetStanding[]>;

  /** Holds a change of a deployment for approval (voiding an older request). */
  requestApproval(
    deploymentId: string,
    approval: NewApproval,
    actor: Actor,
  ): Promise<Approval>;

  /**
   * Approves (running `effect` in the same transaction) or rejects a waiting
   * request; or voids it, saying why in `voided`.
   */
  decideApproval(
    approvalId: string,
    decision: {
      status: 'approved' | 'rejected';
      comment: string;
      actor: Actor;
      voidReason?: string;
      effect?: ApprovalEffect;
    },
  ): Promise<{ approval: Approval; deployment: Deployment; voided?: string }>;

  /** A deployment's approval requests, newest first. */
  listApprovals(deploymentId: string): Promise<Approval[]>;

  getApproval(id: string): Promise<Approval | undefined>;

  /**
   * Lists deployments in `order` (newest first by default). Destroyed ones
   * only when `status` asks for them.
   */
  listDeployments(
    filter: DeploymentFilter,
    page: { cursor?: string; limit: number; order?: ListOrder },
  ): Promise<Page<Deployment>>;

  /** Count and monthly cost of the deployments a filter matches, per provider. */
  summarizeDeployments(filter: DeploymentFilter): Promise<DeploymentsSummary>;

  getDeployment(id: string): Promise<Deployment | undefined>;

  /**
   * Applies a change if the deployment is still at `expectedVersion`.
   * NotFoundError when it does not exist, ConflictError on a stale version or
   * when its status does not allow changes.
   */
  updateDeployment(
    id: string,
    change: DeploymentChange,
    options: {
      expectedVersion: number;
      actor: Actor;
      /**
       * Applies a changed spec: the deployment moves to `updating` with this
       * task queued, when its status allows (not while a change is in flight).
       */
      task?: TaskRequest;
    },
  ): Promise<Deployment>;

  /**
   * Moves a deployment to another status along the lifecycle, recording what
   * provisioning produced, and queues `task` (superseding the deployment's
   * active task) or cancels the active task — all in one transaction.
   * ConflictError on an illegal transition (or a stale `expectedVersion`).
   */
  transitionDeployment(
    id: string,
    to: DeploymentStatus,
    options: {
      actor: Actor;
      /** Why; a function gets the status it moves from, read in the transaction. */
      reason?: string | ((from: DeploymentStatus) => string);
      expectedVersion?: number;
      /** Only from these statuses (besides the lifecycle's rules). */
      from?: DeploymentStatus[];
      result?: ProvisioningResult;
      /** The estimate from now on (a stopped deployment's, or running again). */
      estimate?: CostEstimate;
      task?: TaskRequest;
      cancelTask?: boolean;
      /** When a start waited for approval: who asked, who approved. */
      approval?: { requestedBy: string; approvedBy: string };
    },
  ): Promise<Deployment>;

  /**
   * Points the deployment's published endpoint elsewhere (a DR failover or
   * failback), logging why; `within` writes what goes with it in the same
   * transaction. NotFoundError when the deployment is gone.
   */
  moveEndpoint(
    id: string,
    endpoint: string | null,
    options: {
      actor: Actor;
      message: string;
      data?: Record<string, unknown>;
      within?: (tx: Knex.Transaction) => Promise<void>;
    },
  ): Promise<Deployment>;

  /**
   * Puts an earlier revision's spec back as a new revision, moves the
   * deployment to `updating` and queues the update, in one transaction.
   * NotFoundError for a revision it does not have; ConflictError when there
   * is none to restore, the revision has the current spec, or the status
   * does not allow it.
   */
  rollbackDeployment(
    id: string,
    options: {
      actor: Actor;
      task: TaskRequest;
      /** The revision to restore; the one before the current by default. */
      revision?: number;
      /** The estimate of the restored spec at today's prices. */
      estimate?: CostEstimate;
      /** Why, in the caller's words. */
      reason?: string;
    },
  ): Promise<Deployment>;

  /**
   * The revision a rollback of the deployment would restore (`revision`, or
   * the one before the current): the same errors as `rollbackDeployment`.
   */
  rollbackTarget(id: string, revision?: number): Promise<DeploymentRevision>;

  /** A deployment's revisions, newest first, before the number `before`. */
  listRevisions(
    deploymentId: string,
    page: { before?: number; limit: number },
  ): Promise<RevisionPage>;

  /** One revision of a deployment, if it has that number. */
  getRevision(
    deploymentId: string,
    number: number,
  ): Promise<DeploymentRevision | undefined>;

  /**
   * Records what reconciliation found, in batched transactions, on
   * deployments still `active` or `drifted`: resources gone or broken
   * (`failed`), configured differently from the spec (`drifted`, with the
   * fields), or back in shape (`active`). Returns the deployments whose
   * status changed.
   */
  markDrifted(findings: DriftFinding[], actor: Actor): Promise<Deployment[]>;

  /** The last spec that reached `active`, if any. */
  getLastGoodSpec(id: string): Promise<DeploymentSpec | undefined>;

  /** Appends a line of provisioning output to a deployment's log. */
  appendLog(
    deploymentId: string,
    message: string,
    options: { actor: Actor; data?: Record<string, unknown> },
  ): Promise<void>;

  /** The events of a deployment in order, after the event id `after`. */
  listEvents(
    deploymentId: string,
    options: { after?: number; limit: number },
  ): Promise<DeploymentEvent[]>;

  /**
   * The events of several deployments, each after its own event id, in id
   * order: one query where followers of many deployments would make one each.
   */
  listEventsOfMany(
    cursors: ReadonlyArray<{ deploymentId: string; after: number }>,
    options: { limit: number },
  ): Promise<DeploymentEvent[]>;
}
