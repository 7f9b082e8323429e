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
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  Approval,
  ApprovalDecisionRequest,
  Budget,
  CompareRequest,
  CompareResult,
  ConnectionTest,
  CostEstimate,
  CreateBudgetRequest,
  CreateDeploymentRequest,
  Deployment,
  DeploymentChangePreview,
  DeploymentEvent,
  DeploymentRevision,
  DeploymentWithApproval,
  DeploymentsSummary,
  DrActionRequest,
  DrPlan,
  EstimateRequest,
  ListBudgetsQuery,
  ListDeploymentsQuery,
  ListRevisionsQuery,
  CostForecast,
  ListRecommendationsQuery,
  Recommendation,
  RecommendationList,
  UpdateRecommendationRequest,
  CostMovers,
  CostMoversQuery,
  BudgetSpendReport,
  TtlSavingsReport,
  EmissionsOverview,
  TtlSavingsQuery,
  CostTimeline,
  CostTimelineQuery,
  DeploymentCostHistory,
  DeploymentCostsQuery,
  EstimateVsActualQuery,
  EstimateVsActualReport,
  Page,
  ProviderInfo,
  PutDrPlanRequest,
  RevisionPage,
  RollbackRequest,
  UpdateBudgetRequest,
  UpdateDeploymentRequest,
  TerraformStateVersion,
  TerraformWorkspaceInfo,
  TerraformPlanConfirmation,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The filters of a deployments list, without its paging: what
 * {@link CloudDeploymentsApi.getDeploymentsSummary} totals over.
 *
 * @public
 */
export type DeploymentsFilter = Omit<ListDeploymentsQuery, 'cursor' | 'limit'>;

/**
 * Options for {@link CloudDeploymentsApi.listEvents}.
 *
 * @public
 */
export type ListDeploymentEventsOptions = {
  /** Only return events with an id greater than this one. */
  after?: number;
  /** The maximum number of events to return. */
  limit?: number;
};

/**
 * The events of a deployment, oldest first.
 *
 * @public
 */
export type DeploymentEventList = {
  items: DeploymentEvent[];
};

/**
 * Options for {@link CloudDeploymentsApi.streamEvents}.
 *
 * @public
 */
export type StreamDeploymentEventsOptions = {
  /** Only stream events with an id greater than this one. */
  after?: number;
  /** Called with each event as it is written, oldest first. */
  onEvent(event: DeploymentEvent): void;
  /** Called once the stream is open. */
  onOpen?(): void;
  /** Called with the delay the backend asks clients to reconnect after, in ms. */
  onRetry?(delayMs: number): void;
  /** Called when the backend reports a problem; the stream stays open. */
  onError?(message: string): void;
  /** Closes the stream. */
  signal?: AbortSignal;
};

/**
 * Client for the cloud-deployments backend.
 *
 * @public
 */
export interface CloudDeploymentsApi {
  /**
   * Lists deployments matching the query, newest first, one page at a time.
   * Pass the returned `nextCursor` back as `cursor` to get the next page.
   */
  listDeployments(query?: ListDeploymentsQuery): Promise<Page<Deployment>>;

  /** Gets one deployment by its id, with the request of it that waits for approval, if one does. */
  getDeployment(id: string): Promise<DeploymentWithApproval>;

  /** The requests of a deployment that policies held for approval, newest first. */
  listApprovals(id: string): Promise<{ items: Approval[] }>;

  /**
   * Approves a waiting request, with a comment, and queues its operation.
   * Fails with a 403 for its requester or without `cloud.deployment.approve`,
   * and with a 409 when it was decided already or is void (the deployment or
   * its price changed since).
   */
  approveRequest(
    id: string,
    approvalId: string,
    request: ApprovalDecisionRequest,
  ): Promise<Deployment>;

  /** Rejects a waiting request, with a comment; fails as `approveRequest` does. */
  rejectRequest(
    id: string,
    approvalId: string,
    request: ApprovalDecisionRequest,
  ): Promise<Deployment>;

  /** A saved Terraform plan waiting for, or given, a person's confirmation. */
  getTerraformPlanConfirmation(
    workspace: string,
    confirmation: string,
  ): Promise<TerraformPlanConfirmation>;

  /**
   * Confirms (the waiting template then applies that plan) or rejects a
   * saved plan; a 409 when it was decided already.
   */
  decideTerraformPlanConfirmation(
    workspace: string,
    confirmation: string,
    decision: { confirm: boolean; comment?: string },
  ): Promise<TerraformPlanConfirmation>;

  /** Lists the events of a deployment, oldest first. */
  listEvents(
    id: string,
    options?: ListDeploymentEventsOptions,
  ): Promise<DeploymentEventList>;

  /**
   * Follows the events of a deployment as they are written, over the
   * backend's server-sent events stream. Resolves when the stream ends or
   * `signal` aborts; rejects when the stream cannot be opened or breaks, with
   * a `NotImplementedError` where the browser cannot read a streamed
   * response.
   */
  streamEvents(
    id: string,
    options: StreamDeploymentEventsOptions,
  ): Promise<void>;

  /**
   * Creates a deployment; it starts in status `pending`, or
   * `awaiting_approval` (with the request in `approval`) when a policy holds
   * it. A policy's refusal fails with a 403.
   */
  createDeployment(
    request: CreateDeploymentRequest,
  ): Promise<DeploymentWithApproval>;

  /**
   * Changes a deployment. `request.version` must be the version the
   * deployment was read at; a stale version fails with a 409 `ConflictError`.
   * A change a policy holds leaves the deployment as it was, with the request
   * in `approval`.
   */
  updateDeployment(
    id: string,
    request: UpdateDeploymentRequest,
  ): Promise<DeploymentWithApproval>;

  /**
   * What `updateDeployment` would do with the same request, without doing
   * it: the fields it changes, the cost before and after, and whether it
   * would apply, wait for an approval or be refused.
   */
  previewDeploymentChange(
    id: string,
    request: UpdateDeploymentRequest,
  ): Promise<DeploymentChangePreview>;

  /** Starts destroying a deployment; it moves to status `destroying`. */
  destroyDeployment(id: string): Promise<Deployment>;

  /**
   * Queues putting an earlier revision back as a new revision (the one
   * before the current by default); a policy may hold it (the request in
   * `approval`). 404 for a revision the deployment does not have, 409 for one
   * with the current spec.
   */
  rollbackDeployment(
    id: string,
    request?: RollbackRequest,
  ): Promise<DeploymentWithApproval>;

  /** A page of a deployment's revisions, newest first. */
  listRevisions(id: string, query?: ListRevisionsQuery): Promise<RevisionPage>;

  /** One revision of a deployment. */
  getRevision(id: string, number: number): Promise<DeploymentRevision>;

  /**
   * A deployment's cost per UTC day, estimated and actual (null where no
   * source has read a day), and actual against estimate over the last 7.
   */
  getDeploymentCosts(
    id: string,
    query?: DeploymentCostsQuery,
  ): Promise<DeploymentCostHistory>;

  /**
   * Each day's estimated and actual cost of the deployments the caller may
   * read, in total and per owner, provider or environment.
   */
  getCostTimeline(query?: CostTimelineQuery): Promise<CostTimeline>;

  /**
   * This month's cost of the deployments the caller may read: so far, and
   * at month end from their estimates and TTLs.
   */
  getCostForecast(): Promise<CostForecast>;

  /** Savings recommendations the caller may read, and what the open ones save. */
  listRecommendations(
    query?: ListRecommendationsQuery,
  ): Promise<RecommendationList>;

  /**
   * Accepts, dismisses or reopens a recommendation at the version it was
   * read at. Accepting changes nothing in the cloud.
   */
  updateRecommendation(
    id: string,
    body: UpdateRecommendationRequest,
  ): Promise<Recommendation>;
  /**
   * The deployments whose daily cost rose and fell most between the last
   * full days and as many days before.
   */
  getCostMovers(query?: CostMoversQuery): Promise<CostMovers>;

  /**
   * Every budget the caller sees with its month so far (daily costs) and
   * month-end forecast over its scope.
   */
  getBudgetSpend(): Promise<BudgetSpendReport>;

  /** What TTL destroys saved in a period, in total and per owner. */
  getTtlSavings(query?: TtlSavingsQuery): Promise<TtlSavingsReport>;

  /**
   * The monthly emissions of the deployments that bill or are stopped, in
   * total and per owner, with the grid factors' data years.
   */
  getEmissionsOverview(): Promise<EmissionsOverview>;

  /** Actual against estimated cost per owner, provider or environment. */
  getEstimateVsActual(
    query?: EstimateVsActualQuery,
  ): Promise<EstimateVsActualReport>;

  /**
   * Queues applying the current spec of an active or failed deployment
   * again; a policy may hold it (the request in `approval`).
   */
  redeployDeployment(id: string): Promise<DeploymentWithApproval>;

  /**
   * Queues stopping a running deployment: its compute stops billing, and
   * what starting needs is kept.
   */
  stopDeployment(id: string): Promise<Deployment>;

  /** Queues starting a stopped deployment again to its spec. */
  startDeployment(id: string): Promise<Deployment>;

  /**
   * Queues putting the spec back on the resources of a drifted deployment;
   * a policy may hold it (the request in `approval`).
   */
  reapplyDrift(id: string): Promise<DeploymentWithApproval>;

  /**
   * Takes what a drifted deployment runs as its new spec, read at
   * `version`; nothing changes in the cloud. A policy may hold it.
   */
  acceptDrift(id: string, version: number): Promise<DeploymentWithApproval>;

  /**
   * The deployment's disaster-recovery plan: its standby's state, endpoint
   * and cost, what it costs once it serves, the last drill and the recent
   * runs; undefined when the deployment has none.
   */
  getDrPlan(id: string): Promise<DrPlan | undefined>;

  /**
   * Makes the plan, or replaces it at `request.version` (a stale version
   * fails with a 409); the standby is brought to its mode in the background.
   */
  putDrPlan(id: string, request: PutDrPlanRequest): Promise<DrPlan>;

  /** Takes the standby down, then removes the plan; a 409 while the standby serves. */
  deleteDrPlan(id: string, request?: DrActionRequest): Promise<DrPlan>;

  /**
   * Promotes the standby and moves the endpoint to it; changes to the
   * deployment are refused with a 409 until a failback.
   */
  failoverDeployment(id: string, request?: DrActionRequest): Promise<DrPlan>;

  /** Brings the primary back and moves the endpoint back to it. */
  failbackDeployment(id: string, request?: DrActionRequest): Promise<DrPlan>;

  /**
   * A failover drill: brings the standby up in full without touching the
   * primary or the endpoint, and records the recovery time.
   */
  testDrPlan(id: string, request?: DrActionRequest): Promise<DrPlan>;

  /** Stops a pending or provisioning deployment; it moves to status `failed`. */
  cancelDeployment(id: string): Promise<Deployment>;

  /** Counts and monthly cost totals over all deployments matching the filter. */
  getDeploymentsSummary(
    filter?: DeploymentsFilter,
  ): Promise<DeploymentsSummary>;

  /** The deployment targets installed in the backend. */
  listProviders(): Promise<ProviderInfo[]>;

  /**
   * Tests the portal's connection to one of a provider's accounts: who it
   * is there and which permissions of the deploy path it holds
   * (permission `cloud.provider.test`).
   */
  testProviderConnection(
    provider: string,
    account: string,
  ): Promise<ConnectionTest>;

  /**
   * Estimates the monthly cost of a deployment that need not exist. Aborting
   * `options.signal` cancels the request.
   */
  estimateCost(
    request: EstimateRequest,
    options?: { signal?: AbortSignal },
  ): Promise<CostEstimate>;

  /**
   * Prices one workload on every installed target (or those asked) in the
   * regions asked, cheapest first, the cheapest exact option marked.
   * Aborting `options.signal` cancels the request.
   */
  compareEstimates(
    request: CompareRequest,
    options?: { signal?: AbortSignal },
  ): Promise<CompareResult>;

  /**
   * The Terraform state workspace of a deployment (its lock and current
   * version) and its latest state versions, newest first; undefined when
   * the deployment has no workspace. Never the state itself.
   */
  getTerraformState(
    deploymentId: string,
    options?: { limit?: number },
  ): Promise<
    | { workspace: TerraformWorkspaceInfo; versions: TerraformStateVersion[] }
    | undefined
  >;

  /** Budgets matching the filters, each with its use. */
  listBudgets(query?: ListBudgetsQuery): Promise<{ items: Budget[] }>;

  /** Gets one budget by its id. */
  getBudget(id: string): Promise<Budget>;

  /**
   * Creates a budget; needs `cloud.budget.manage`. Fails with a 409
   * `ConflictError` when its scope has a budget already.
   */
  createBudget(request: CreateBudgetRequest): Promise<Budget>;

  /**
   * Changes a budget's amount or thresholds; needs `cloud.budget.manage`.
   * `request.version` must be the version the budget was read at; a stale
   * version fails with a 409 `ConflictError`.
   */
  updateBudget(id: string, request: UpdateBudgetRequest): Promise<Budget>;

  /** Deletes a budget; needs `cloud.budget.manage`. */
  deleteBudget(id: string): Promise<void>;
}

/**
 * The API reference of {@link CloudDeploymentsApi}.
 *
 * @public
 */
export const cloudDeploymentsApiRef = createApiRef<CloudDeploymentsApi>().with({
  id: 'plugin.cloud-deployments.service',
  pluginId: 'cloud-deployments',
});
