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
// openapi-fetch names its methods after HTTP's: client.GET(...), client.POST(...).
/* eslint-disable new-cap */
import { ResponseError } from '@backstage/errors';
import { Approval, DeploymentWithApproval } from '../approvals';
import { Budget } from '../budgets';
import { Recommendation, RecommendationList } from '../recommendations';
import {
  ListRecommendationsQuery,
  UpdateRecommendationRequest,
} from '../schemas/recommendationRequests';
import { DeploymentChangePreview } from '../changePreview';
import {
  CostForecast,
  CostTimeline,
  DeploymentCostHistory,
  EstimateVsActualReport,
} from '../costHistory';
import {
  BudgetSpendReport,
  CostMovers,
  TtlSavingsReport,
  EmissionsOverview,
} from '../costOverview';
import {
  CostMoversQuery,
  CostTimelineQuery,
  TtlSavingsQuery,
  DeploymentCostsQuery,
  EstimateVsActualQuery,
} from '../schemas/costRequests';
import { ApprovalDecisionRequest } from '../schemas/approvalRequests';
import { RenderQuery } from '../schemas/renderQuery';
import { DeploymentRevision, RevisionPage } from '../revisions';
import { ConnectionTest } from '../connectionTest';
import { DrPlan } from '../dr';
import { DrActionRequest, PutDrPlanRequest } from '../schemas/drRequests';
import {
  ListRevisionsQuery,
  RollbackRequest,
} from '../schemas/revisionRequests';
import {
  CreateBudgetRequest,
  ListBudgetsQuery,
  UpdateBudgetRequest,
} from '../schemas/budgetRequests';
import {
  Deployment,
  DeploymentEvent,
  DeploymentsSummary,
  Page,
  ProviderInfo,
} from '../types';
import {
  CreateDeploymentRequest,
  ListDeploymentsQuery,
  UpdateDeploymentRequest,
} from '../schemas/deploymentRequests';
import { CompareRequest } from '../schemas/compareRequest';
import { EstimateRequest } from '../schemas/estimateRequest';
import { CompareResult } from '../compare';
import { KubernetesApplyRequest } from '../schemas/kubernetesApplyRequest';
import { CostEstimate, PlanEstimate } from '../pricing';
import { TerraformPlanConfirmation, TerraformStateVersion } from '../terraform';
import {
  planConfirmationRequestSchema,
  planDecisionRequestSchema,
} from '../apiRequestSchemas';
import { z } from 'zod/v3';
import { ApiTransport } from './apiTransport';
import {
  CloudDeploymentsClientOptions,
  ManifestApplyResult,
  TerraformWorkspace,
} from './types';

/** Per-call options every operation takes. */
type CallOptions = { signal?: AbortSignal };

/**
 * The typed client of the cloud-deployments REST API
 * (`plugins/cloud-deployments-backend/src/schema/openapi.yaml`), for the
 * frontend and for backend modules. A response that is not 2xx rejects with a
 * `ResponseError`.
 *
 * @public
 */
export class CloudDeploymentsClient {
  readonly #transport: ApiTransport;

  constructor(options: CloudDeploymentsClientOptions) {
    this.#transport = new ApiTransport(options);
  }

  /** The base URL of the API, e.g. `http://host/api/cloud-deployments`. */
  baseUrl(): Promise<string> {
    return this.#transport.baseUrl();
  }

  listDeployments(
    query: ListDeploymentsQuery = {},
    options?: CallOptions,
  ): Promise<Page<Deployment>> {
    return this.#transport.call(client =>
      client.GET('/deployments', { params: { query }, ...options }),
    );
  }

  /** One deployment, with the request of it that waits for approval, if one does. */
  getDeployment(
    id: string,
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.GET('/deployments/{id}', { params: { path: { id } }, ...options }),
    );
  }

  /** The requests of a deployment that policies held for approval, newest first. */
  listApprovals(
    id: string,
    options?: CallOptions,
  ): Promise<{ items: Approval[] }> {
    return this.#transport.call(client =>
      client.GET('/deployments/{id}/approvals', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /**
   * Approves a waiting request and queues its operation. Needs
   * `cloud.deployment.approve`; 403 for its requester; 409 when it was
   * decided already or is void.
   */
  approveRequest(
    id: string,
    approvalId: string,
    request: ApprovalDecisionRequest,
    options?: CallOptions,
  ): Promise<Deployment> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/approvals/{approvalId}/approve', {
        params: { path: { id, approvalId } },
        body: request,
        ...options,
      }),
    );
  }

  /** Rejects a waiting request; the same rules as {@link CloudDeploymentsClient.approveRequest}. */
  rejectRequest(
    id: string,
    approvalId: string,
    request: ApprovalDecisionRequest,
    options?: CallOptions,
  ): Promise<Deployment> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/approvals/{approvalId}/reject', {
        params: { path: { id, approvalId } },
        body: request,
        ...options,
      }),
    );
  }

  listEvents(
    id: string,
    query: { after?: number; limit?: number } = {},
    options?: CallOptions,
  ): Promise<{ items: DeploymentEvent[] }> {
    return this.#transport.call(client =>
      client.GET('/deployments/{id}/events', {
        params: { path: { id }, query },
        ...options,
      }),
    );
  }

  /**
   * Opens the server-sent events stream of a deployment's log; the caller
   * reads the body (events `deployment-event` and `error`).
   */
  async openEventStream(
    id: string,
    query: { after?: number } = {},
    options?: CallOptions,
  ): Promise<Response> {
    const client = await this.#transport.api();
    const { response } = await client.GET('/deployments/{id}/events/stream', {
      params: { path: { id }, query },
      headers: { Accept: 'text/event-stream' },
      parseAs: 'stream',
      ...options,
    });
    return response;
  }

  /** A create a policy holds waits in `awaiting_approval`, with its request in `approval`. */
  createDeployment(
    request: CreateDeploymentRequest,
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.POST('/deployments', { body: request, ...options }),
    );
  }

  /** A change a policy holds leaves the deployment as it was, with the request in `approval`. */
  updateDeployment(
    id: string,
    request: UpdateDeploymentRequest,
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.PATCH('/deployments/{id}', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /** What `updateDeployment` would do with the same request, without doing it. */
  previewDeploymentChange(
    id: string,
    request: UpdateDeploymentRequest,
    options?: CallOptions,
  ): Promise<DeploymentChangePreview> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/preview', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  destroyDeployment(id: string, options?: CallOptions): Promise<Deployment> {
    return this.#transport.call(client =>
      client.DELETE('/deployments/{id}', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Budgets matching the filters, each with its use. */
  listBudgets(
    query: ListBudgetsQuery = {},
    options?: CallOptions,
  ): Promise<{ items: Budget[] }> {
    return this.#transport.call(client =>
      client.GET('/budgets', { params: { query }, ...options }),
    );
  }

  getBudget(id: string, options?: CallOptions): Promise<Budget> {
    return this.#transport.call(client =>
      client.GET('/budgets/{id}', { params: { path: { id } }, ...options }),
    );
  }

  /** Needs `cloud.budget.manage`; 409 when the scope has a budget already. */
  createBudget(
    request: CreateBudgetRequest,
    options?: CallOptions,
  ): Promise<Budget> {
    return this.#transport.call(client =>
      client.POST('/budgets', { body: request, ...options }),
    );
  }

  /** Needs `cloud.budget.manage`; 409 when `version` is stale. */
  updateBudget(
    id: string,
    request: UpdateBudgetRequest,
    options?: CallOptions,
  ): Promise<Budget> {
    return this.#transport.call(client =>
      client.PATCH('/budgets/{id}', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /** Needs `cloud.budget.manage`. */
  async deleteBudget(id: string, options?: CallOptions): Promise<void> {
    await this.#transport.call(client =>
      client.DELETE('/budgets/{id}', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /**
   * Queues putting an earlier revision back (the one before the current by
   * default), or holds it for approval. 404 for a revision the deployment does
   * not have, 409 for one with the current spec.
   */
  rollbackDeployment(
    id: string,
    request: RollbackRequest = {},
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/rollback', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /** A page of a deployment's revisions, newest first. */
  listRevisions(
    id: string,
    query: ListRevisionsQuery = {},
    options?: CallOptions,
  ): Promise<RevisionPage> {
    return this.#transport.call(client =>
      client.GET('/deployments/{id}/revisions', {
        params: { path: { id }, query },
        ...options,
      }),
    );
  }

  /**
   * A deployment's cost per day (estimated and actual) over the last full
   * days, and actual against estimate over the last 7.
   */
  getDeploymentCosts(
    id: string,
    query: DeploymentCostsQuery = {},
    options?: CallOptions,
  ): Promise<DeploymentCostHistory> {
    return this.#transport.call(client =>
      client.GET('/deployments/{id}/costs', {
        params: { path: { id }, query },
        ...options,
      }),
    );
  }

  /** Each day's estimated and actual cost, in total and per group. */
  getCostTimeline(
    query: CostTimelineQuery = {},
    options?: CallOptions,
  ): Promise<CostTimeline> {
    return this.#transport.call(client =>
      client.GET('/costs/daily', {
        params: { query },
        ...options,
      }),
    );
  }

  /** This month's cost so far and at month end. */
  getCostForecast(options?: CallOptions): Promise<CostForecast> {
    return this.#transport.call(client =>
      client.GET('/costs/forecast', { ...options }),
    );
  }

  /** Savings recommendations the caller may read, and what the open ones save. */
  listRecommendations(
    query: ListRecommendationsQuery = {},
    options?: CallOptions,
  ): Promise<RecommendationList> {
    // The evidence's values are typed loosely in the spec (any JSON scalar).
    return this.#transport.call<RecommendationList>(
      async client =>
        (await client.GET('/recommendations', {
          params: { query },
          ...options,
        })) as { data?: RecommendationList },
    );
  }

  /** Accepts, dismisses or reopens a recommendation (409 when stale or done). */
  updateRecommendation(
    id: string,
    body: UpdateRecommendationRequest,
    options?: CallOptions,
  ): Promise<Recommendation> {
    return this.#transport.call<Recommendation>(
      async client =>
        (await client.PATCH('/recommendations/{id}', {
          params: { path: { id } },
          body,
          ...options,
        })) as { data?: Recommendation },
    );
  }

  /** Actual against estimated cost per owner, provider or environment. */
  getEstimateVsActual(
    query: EstimateVsActualQuery = {},
    options?: CallOptions,
  ): Promise<EstimateVsActualReport> {
    return this.#transport.call(client =>
      client.GET('/costs/estimate-vs-actual', {
        params: { query },
        ...options,
      }),
    );
  }

  /** The deployments whose daily cost rose and fell most. */
  getCostMovers(
    query: CostMoversQuery = {},
    options?: CallOptions,
  ): Promise<CostMovers> {
    return this.#transport.call(client =>
      client.GET('/costs/movers', {
        params: { query },
        ...options,
      }),
    );
  }

  /** Every budget with its month so far and month-end forecast. */
  getBudgetSpend(options?: CallOptions): Promise<BudgetSpendReport> {
    return this.#transport.call(client =>
      client.GET('/costs/budgets', { ...options }),
    );
  }

  /** What TTL destroys saved in a period, in total and per owner. */
  getTtlSavings(
    query: TtlSavingsQuery = {},
    options?: CallOptions,
  ): Promise<TtlSavingsReport> {
    return this.#transport.call(client =>
      client.GET('/costs/ttl-savings', {
        params: { query },
        ...options,
      }),
    );
  }

  /** The monthly emissions of the billing and stopped deployments, in total and per owner. */
  getEmissionsOverview(options?: CallOptions): Promise<EmissionsOverview> {
    return this.#transport.call(client =>
      client.GET('/costs/emissions', { ...options }),
    );
  }

  /** One revision of a deployment. */
  getRevision(
    id: string,
    number: number,
    options?: CallOptions,
  ): Promise<DeploymentRevision> {
    return this.#transport.call(client =>
      client.GET('/deployments/{id}/revisions/{number}', {
        params: { path: { id, number: String(number) } },
        ...options,
      }),
    );
  }

  /** Queues applying the current spec of an active or failed deployment again, or holds it for approval. */
  redeployDeployment(
    id: string,
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/redeploy', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Queues stopping a running deployment (its compute stops billing). */
  stopDeployment(id: string, options?: CallOptions): Promise<Deployment> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/stop', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Queues starting a stopped deployment again to its spec. */
  startDeployment(id: string, options?: CallOptions): Promise<Deployment> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/start', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Queues putting the spec back on a drifted deployment, or holds it for approval. */
  reapplyDrift(
    id: string,
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/drift/reapply', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /**
   * Takes what a drifted deployment runs as its spec (read at `version`),
   * or holds that change for approval.
   */
  acceptDrift(
    id: string,
    version: number,
    options?: CallOptions,
  ): Promise<DeploymentWithApproval> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/drift/accept', {
        params: { path: { id } },
        body: { version },
        ...options,
      }),
    );
  }

  /**
   * The deployment's disaster-recovery plan, with its standby's state and
   * cost and its recent runs; undefined when it has none (the API's 404, which
   * a deployment that does not exist answers too).
   */
  async getDrPlan(
    id: string,
    options?: CallOptions,
  ): Promise<DrPlan | undefined> {
    try {
      return await this.#transport.call(client =>
        client.GET('/deployments/{id}/dr', {
          params: { path: { id } },
          ...options,
        }),
      );
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Makes the plan, or replaces it at `request.version`; the standby is then
   * brought to its mode in the background (`standbyState` says how far).
   */
  putDrPlan(
    id: string,
    request: PutDrPlanRequest,
    options?: CallOptions,
  ): Promise<DrPlan> {
    return this.#transport.call(client =>
      client.PUT('/deployments/{id}/dr', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /** Takes the standby down, then removes the plan (409 while the standby serves). */
  deleteDrPlan(
    id: string,
    request: DrActionRequest = {},
    options?: CallOptions,
  ): Promise<DrPlan> {
    return this.#transport.call(client =>
      client.DELETE('/deployments/{id}/dr', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /**
   * Promotes the standby and moves the endpoint to it; changes to the
   * deployment are refused (409) until a failback.
   */
  failoverDeployment(
    id: string,
    request: DrActionRequest = {},
    options?: CallOptions,
  ): Promise<DrPlan> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/dr/failover', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /** Brings the primary back, moves the endpoint back to it, and returns the standby to its mode. */
  failbackDeployment(
    id: string,
    request: DrActionRequest = {},
    options?: CallOptions,
  ): Promise<DrPlan> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/dr/failback', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /**
   * A failover drill: brings the standby up in full without touching the
   * primary or the endpoint, and measures the recovery time.
   */
  testDrPlan(
    id: string,
    request: DrActionRequest = {},
    options?: CallOptions,
  ): Promise<DrPlan> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/dr/test', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  /** Stops a pending or provisioning deployment; it becomes `failed`. */
  cancelDeployment(id: string, options?: CallOptions): Promise<Deployment> {
    return this.#transport.call(client =>
      client.POST('/deployments/{id}/cancel', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  getDeploymentsSummary(
    filter: Omit<ListDeploymentsQuery, 'cursor' | 'limit'> = {},
    options?: CallOptions,
  ): Promise<DeploymentsSummary> {
    return this.#transport.call(client =>
      client.GET('/deployments/summary', {
        params: { query: filter },
        ...options,
      }),
    );
  }

  listProviders(options?: CallOptions): Promise<ProviderInfo[]> {
    return this.#transport.call(client => client.GET('/providers', options));
  }

  /**
   * Tests the portal's connection to one of a provider's accounts: who it is
   * there and which permissions of the deploy path it holds.
   */
  testProviderConnection(
    provider: string,
    account: string,
    options?: CallOptions,
  ): Promise<ConnectionTest> {
    return this.#transport.call(client =>
      client.POST('/providers/{provider}/accounts/{account}/test', {
        params: { path: { provider, account } },
        ...options,
      }),
    );
  }

  /**
   * The files a deployment would be made of, by path; nothing is stored.
   * `format: 'compose'` asks for a `docker-compose.yaml` instead of the
   * engine's files.
   */
  renderDeployment(
    request: CreateDeploymentRequest,
    query: RenderQuery = {},
    options?: CallOptions,
  ): Promise<{ files: Record<string, string> }> {
    return this.#transport.call(client =>
      client.POST('/render', {
        body: request,
        params: { query },
        ...options,
      }),
    );
  }

  estimateCost(
    request: EstimateRequest,
    options?: CallOptions,
  ): Promise<CostEstimate> {
    return this.#transport.call(client =>
      client.POST('/estimates', { body: request, ...options }),
    );
  }

  /** Prices one workload on every installed target in the regions asked, side by side. */
  compareEstimates(
    request: CompareRequest,
    options?: CallOptions,
  ): Promise<CompareResult> {
    return this.#transport.call(client =>
      client.POST('/estimates/compare', { body: request, ...options }),
    );
  }

  /** Prices the changes of a Terraform plan (`terraform show -json`). */
  estimatePlan(
    request: { plan: Record<string, unknown>; awsRegion?: string },
    options?: CallOptions,
  ): Promise<PlanEstimate> {
    return this.#transport.call(client =>
      client.POST('/estimates/plan', { body: request, ...options }),
    );
  }

  applyKubernetesManifests(
    request: KubernetesApplyRequest,
    options?: CallOptions,
  ): Promise<ManifestApplyResult> {
    return this.#transport.call(client =>
      client.POST('/kubernetes/apply', { body: request, ...options }),
    );
  }

  /** Creates a Terraform state workspace; its token is only in this answer. */
  createTerraformWorkspace(
    request: { name?: string; deploymentId?: string },
    options?: CallOptions,
  ): Promise<TerraformWorkspace & { token: string }> {
    return this.#transport.call(client =>
      client.POST('/terraform/workspaces', { body: request, ...options }),
    );
  }

  getTerraformWorkspace(
    workspace: string,
    options?: CallOptions,
  ): Promise<TerraformWorkspace> {
    return this.#transport.call(client =>
      client.GET('/terraform/workspaces/{workspace}', {
        params: { path: { workspace } },
        ...options,
      }),
    );
  }

  /** Replaces a workspace's token; the old one stops working. */
  replaceTerraformWorkspaceToken(
    workspace: string,
    options?: CallOptions,
  ): Promise<{ token: string }> {
    return this.#transport.call(client =>
      client.POST('/terraform/workspaces/{workspace}/token', {
        params: { path: { workspace } },
        ...options,
      }),
    );
  }

  /** State versions of a workspace, newest first. */
  listTerraformStateVersions(
    workspace: string,
    query: { limit?: number; before?: number } = {},
    options?: CallOptions,
  ): Promise<{ items: TerraformStateVersion[] }> {
    return this.#transport.call(client =>
      client.GET('/terraform/workspaces/{workspace}/versions', {
        params: { path: { workspace }, query },
        ...options,
      }),
    );
  }

  /** Records a saved plan for a person to confirm before it is applied. */
  requestTerraformPlanConfirmation(
    workspace: string,
    request: z.input<typeof planConfirmationRequestSchema>,
    options?: CallOptions,
  ): Promise<TerraformPlanConfirmation> {
    return this.#transport.call(client =>
      client.POST('/terraform/workspaces/{workspace}/confirmations', {
        params: { path: { workspace } },
        body: request,
        ...options,
      }),
    );
  }

  /** A plan confirmation and its decision, if any. */
  getTerraformPlanConfirmation(
    workspace: string,
    confirmation: string,
    options?: CallOptions,
  ): Promise<TerraformPlanConfirmation> {
    return this.#transport.call(client =>
      client.GET(
        '/terraform/workspaces/{workspace}/confirmations/{confirmation}',
        { params: { path: { workspace, confirmation } }, ...options },
      ),
    );
  }

  /** Confirms or rejects a pending plan. */
  decideTerraformPlanConfirmation(
    workspace: string,
    confirmation: string,
    decision: z.input<typeof planDecisionRequestSchema>,
    options?: CallOptions,
  ): Promise<TerraformPlanConfirmation> {
    return this.#transport.call(client =>
      client.POST(
        '/terraform/workspaces/{workspace}/confirmations/{confirmation}/decision',
        {
          params: { path: { workspace, confirmation } },
          body: decision,
          ...options,
        },
      ),
    );
  }
}
