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
import { QuotaOnExceeded, QuotaPreflight } from '../deployments/QuotaPreflight';
import {
  AuditorService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  cloudDeploymentReadPermission,
  DEPLOYMENT_PROVIDERS,
  DeploymentProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import express from 'express';
import { Knex } from 'knex';
import { BudgetService } from '../budgets/BudgetService';
import { BudgetAlerts } from '../budgets/BudgetAlerts';
import { DatabaseBudgetStore } from '../budgets/DatabaseBudgetStore';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentReads } from '../deployments/DeploymentReads';
import {
  DeploymentService,
  TerraformPreviewPlanner,
} from '../deployments/DeploymentService';
import { Governance } from '../deployments/Governance';
import { ApprovalService } from '../approvals/ApprovalService';
import { PolicyEngine } from '../policy/PolicyEngine';
import { PolicyService } from '../policy/PolicyService';
import { DeploymentNotifier } from '../notifications/DeploymentNotifier';
import {
  ProviderChecks,
  TerraformAvailability,
} from '../deployments/ProviderChecks';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { CompareService } from '../pricing/compare/CompareService';
import { EstimationService } from '../pricing/EstimationService';
import { PlanPricer } from '../pricing/plan/PlanPricer';
import { bodyParserErrors } from './bodyParserErrors';
import { callerOf } from './caller';
import { EventFeed } from './EventFeed';
import {
  bindKubernetesRoute,
  MAX_MANIFEST_BODY_BYTES,
} from './kubernetesRoute';
import {
  guardJsonBodies,
  MAX_JSON_DEPTH,
  MAX_TERRAFORM_JSON_DEPTH,
} from './jsonBodyGuard';
import { bindPricingRoutes } from './pricingRoutes';
import {
  refuseMalformedPath,
  routeNotFound,
  translateRequestErrors,
} from './requestErrors';
import { bindBudgetRoutes } from './routes/budgetRoutes';
import { bindCostRoutes } from './routes/costRoutes';
import { bindRecommendationRoutes } from './routes/recommendationRoutes';
import { RecommendationService } from '../recommendations/RecommendationService';
import { ActualCostCollector } from '../costs/ActualCostCollector';
import { CostHistoryService } from '../costs/CostHistoryService';
import { CostOverviewService } from '../costs/CostOverviewService';
import { bindDeploymentRoutes } from './routes/deploymentRoutes';
import { bindDrRoutes } from './routes/drRoutes';
import { DrService } from '../dr/DrService';
import { DrStore } from '../dr/DrStore';
import { TaskQueue } from '../jobs/TaskQueue';
import { bindConnectionTestRoute } from './routes/connectionTestRoute';
import { bindProviderRoutes } from './routes/providerRoutes';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import Router from 'express-promise-router';
import { bindConfirmationRoutes } from '../terraform/confirmationRoutes';
import { PlanConfirmations } from '../terraform/planConfirmations';
import { TerraformStateStore } from '../terraform/TerraformStateStore';
import {
  bindWorkspaceRoutes,
  isWorkspacePath,
  MAX_WORKSPACE_BODY_BYTES,
} from '../terraform/workspaceRoutes';

/** Bodies above this are refused before they are parsed (413). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Terraform plans are bigger: a plan of 500 resources is a few MiB of JSON. */
export const MAX_PLAN_BYTES = 16 * 1024 * 1024;

/** Options of {@link createRouter}. */
export type RouterOptions = {
  store: DeploymentStore;
  estimates: EstimationService;
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  authorizer: DeploymentAuthorizer;
  /** For the basic permissions (`cloud.budget.manage`, `cloud.provider.test`). */
  permissions: PermissionsService;
  /** The plugin's database (budgets, and the deployments their use adds up). */
  knex: Knex;
  providers: ProviderRegistry;
  logger: LoggerService;
  /** The Terraform state workspaces the `/terraform/workspaces` routes manage. */
  terraformStates: TerraformStateStore;
  /** For the backend address a workspace gives Terraform. */
  discovery: DiscoveryService;
  /** Attempts each queued task gets. */
  maxAttempts: number;
  /** Called after a task was queued, to wake the local worker. */
  wakeWorker?: () => void;
  /** Tells owners about approvals and budgets. */
  notifier: DeploymentNotifier;
  /**
   * How often this replica reads new log lines for its open event streams
   * (one query for all of them). Default 250 ms.
   */
  eventStreamPollMs?: number;
  /**
   * Whether deployments with engine `terraform` can be provisioned here, and
   * if not, why (said in the 400).
   */
  terraform?: TerraformAvailability;
  /** Plans previewed changes of deployments with engine terraform. */
  terraformPlans?: TerraformPreviewPlanner;
  /** The policies every change is checked against; none: all is allowed. */
  policies?: PolicyEngine;
  /** For the groups of a requester, which the policies see. */
  userInfo?: UserInfoService;
  /**
   * Reads actual costs (and says which source reads a deployment); default:
   * one with no billing source.
   */
  actualCosts?: ActualCostCollector;
  /**
   * What a GPU deployment past its quota gets (`cloudDeployments.quota.onExceeded`);
   * default `refuse`.
   */
  quotaOnExceeded?: QuotaOnExceeded;
};

/**
 * The REST API under `/api/cloud-deployments`: body limits and guards, then
 * one binder per resource over the services that decide.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    estimates,
    auditor,
    httpAuth,
    authorizer,
    permissions,
    knex,
    providers,
    logger,
    terraformStates,
    discovery,
    maxAttempts,
    wakeWorker = () => {},
    eventStreamPollMs = 250,
    terraform,
    terraformPlans,
    policies,
    userInfo,
    notifier,
    actualCosts = new ActualCostCollector({ knex, sources: [], logger }),
    quotaOnExceeded = 'refuse',
  } = options;
  const json = express.json({ limit: MAX_BODY_BYTES });
  const planJson = express.json({ limit: MAX_PLAN_BYTES });
  const manifestJson = express.json({ limit: MAX_MANIFEST_BODY_BYTES });
  const workspaceJson = express.json({ limit: MAX_WORKSPACE_BODY_BYTES });
  // Bodies are parsed and guarded before the OpenAPI router, so that their
  // refusals (413, 415, 400) reach the error handler as they are: that
  // router's error step would make every error an InputError.
  const router = Router();
  router.use((req, res, next) => {
    if (req.path === '/estimates/plan') return planJson(req, res, next);
    if (req.path === '/kubernetes/apply') return manifestJson(req, res, next);
    if (isWorkspacePath(req.path)) return workspaceJson(req, res, next);
    return json(req, res, next);
  });
  router.use(bodyParserErrors);
  router.use(
    guardJsonBodies({
      maxDepth: req =>
        req.path === '/estimates/plan'
          ? MAX_TERRAFORM_JSON_DEPTH
          : MAX_JSON_DEPTH,
    }),
  );
  // The router of the OpenAPI spec (schema/openapi.yaml): routes typed by
  // it, and the spec at /.well-known/backstage/openapi.json. Requests are not
  // validated against the spec: the zod schemas it is generated from check
  // them in the services, with messages naming each field as the rest of the
  // API does, so each rule exists once.
  const api = await createOpenApiRouter({
    // Bodies are parsed above; this replaces the default parser.
    middleware: [(_req, _res, next) => next()],
    validatorOptions: { validateRequests: false },
  });
  router.use(refuseMalformedPath, api);

  const budgetStore = new DatabaseBudgetStore({ knex });
  const budgets = new BudgetService({
    store: budgetStore,
    knex,
    permissions,
    authorizer,
    auditor,
  });
  const policyService = new PolicyService({
    engine: policies ?? PolicyEngine.fromSources([]),
    providers,
    estimates,
    userInfo,
    logger,
  });
  const alerts = new BudgetAlerts({
    budgets,
    store: budgetStore,
    deployments: store,
    notices: notifier,
    logger,
  });
  const governance = new Governance({
    store,
    budgets,
    notices: notifier,
    alerts,
    policies: policyService,
  });
  const reads = new DeploymentReads({ store, authorizer, estimates });
  const checks = new ProviderChecks({ providers, terraform });
  const drStore = new DrStore({ db: knex, tasks: TaskQueue });
  bindDeploymentRoutes(api, {
    httpAuth,
    deployments: new DeploymentService({
      store,
      estimates,
      checks,
      authorizer,
      auditor,
      maxAttempts,
      wakeWorker,
      governance,
      terraformPlans,
      standbyServes: async id =>
        (await drStore.get(id))?.activeSide === 'standby',
      quota: new QuotaPreflight({
        knex,
        estimates,
        onExceeded: quotaOnExceeded,
        logger: logger.child({ component: 'quota-preflight' }),
      }),
    }),
    approvals: new ApprovalService({
      store,
      estimates,
      authorizer,
      auditor,
      maxAttempts,
      wakeWorker,
      notices: notifier,
      alerts,
    }),
    reads,
    feed: new EventFeed({ store, intervalMs: eventStreamPollMs, logger }),
  });
  bindDrRoutes(api, {
    httpAuth,
    dr: new DrService({
      store,
      dr: drStore,
      checks,
      estimates,
      authorizer,
      auditor,
      maxAttempts,
      wakeWorker,
    }),
  });
  bindBudgetRoutes(api, { httpAuth, budgets });
  bindCostRoutes(api, {
    httpAuth,
    costs: new CostHistoryService({
      knex,
      reads,
      authorizer,
      collector: actualCosts,
    }),
    overview: new CostOverviewService({
      knex,
      authorizer,
      budgets,
      hoursPerMonth: actualCosts.hoursPerMonth,
      estimates,
    }),
  });
  bindRecommendationRoutes(api, {
    httpAuth,
    recommendations: new RecommendationService({ knex, authorizer, auditor }),
  });
  bindProviderRoutes(api, { httpAuth, providers, authorizer });
  bindConnectionTestRoute(api, {
    httpAuth,
    permissions,
    auditor,
    providers,
    logger,
  });
  bindKubernetesRoute(api, {
    providers,
    logger,
    httpAuth,
    auditor,
    authorizer,
    policies: policyService,
  });
  bindPricingRoutes(api, {
    estimates,
    planPricer: new PlanPricer(estimates),
    compare: new CompareService({
      estimates,
      installed: () =>
        providers
          .list()
          .map(p => p.id as DeploymentProvider)
          .filter(id => DEPLOYMENT_PROVIDERS.includes(id)),
    }),
    authorizeRead: req =>
      authorizer.decide(callerOf(httpAuth, req), cloudDeploymentReadPermission),
  });
  bindWorkspaceRoutes(api, {
    store: terraformStates,
    deployments: store,
    auditor,
    httpAuth,
    authorizer,
    discovery,
  });
  bindConfirmationRoutes(api, {
    store: terraformStates,
    confirmations: new PlanConfirmations(knex),
    deployments: store,
    auditor,
    httpAuth,
    authorizer,
  });

  // Last: this router also answers for paths the Terraform state router has not.
  router.use(routeNotFound);
  router.use(translateRequestErrors);
  return router;
}
