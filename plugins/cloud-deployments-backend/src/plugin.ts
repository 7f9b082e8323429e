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
  QuotaPreflight,
  readQuotaOnExceeded,
} from './deployments/QuotaPreflight';
import { capacityAdvice } from './jobs/capacityAdvice';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  assertWellFormedConfig,
  ActualCostSource,
  cloudDeploymentPermissionResourceRef,
  cloudDeploymentsCostsExtensionPoint,
  cloudDeploymentsMetricsExtensionPoint,
  UsageMetricsSource,
  cloudDeploymentsPricingExtensionPoint,
  cloudDeploymentsProvidersExtensionPoint,
  PriceSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  cloudDeploymentBudgetManagePermission,
  cloudDeploymentProviderTestPermission,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { TaskQueue } from './jobs/TaskQueue';
import { DeploymentAuthorizer } from './permissions/DeploymentAuthorizer';
import { registerDeploymentResource } from './permissions/registerDeploymentResource';
import { PublishingDeploymentStore } from './database/PublishingDeploymentStore';
import { repairIllFormedText } from './database/repairIllFormedText';
import { createPricing } from './pricing/createPricing';
import { createRouter } from './service/createRouter';
import { scheduleActualCosts } from './costs/scheduleActualCosts';
import { scheduleRecommendations } from './recommendations/scheduleRecommendations';
import { readSeedHistoryDays, seedDemoHistory } from './costs/demoHistory';
import { ProviderRegistry } from './jobs/ProviderRegistry';
import { startJobs } from './jobs/startJobs';
import { DeploymentNotifier } from './notifications/DeploymentNotifier';
import {
  createTerraformRouter,
  terraformStateAuthPolicy,
} from './terraform/createTerraformRouter';
import { DatabaseTerraformStateStore } from './terraform/DatabaseTerraformStateStore';
import { PlanPricer } from './pricing/plan/PlanPricer';
import { loadStateCipher } from './terraform/loadStateCipher';
import { TerraformEngine } from './terraform/TerraformEngine';
import { PolicyEngine } from './policy/PolicyEngine';
import { PolicyService } from './policy/PolicyService';
import {
  readRunnerConfig,
  terraformVersion,
} from './terraform/readRunnerConfig';

/**
 * The cloud-deployments backend plugin: stores deployments, prices them,
 * provisions them through the providers modules register (durable jobs on the
 * database), reconciles them with their clouds, and serves it all under
 * `/api/cloud-deployments`.
 *
 * @public
 */
export const cloudDeploymentsPlugin = createBackendPlugin({
  pluginId: 'cloud-deployments',
  register(env) {
    const sources = new Map<string, PriceSource>();
    env.registerExtensionPoint(cloudDeploymentsPricingExtensionPoint, {
      addPriceSource(source) {
        if (sources.has(source.id)) {
          throw new Error(`Price source ${source.id} is already registered`);
        }
        sources.set(source.id, source);
      },
    });

    const actualCostSources = new Map<string, ActualCostSource>();
    env.registerExtensionPoint(cloudDeploymentsCostsExtensionPoint, {
      addActualCostSource(source) {
        if (actualCostSources.has(source.id)) {
          throw new Error(
            `Actual cost source ${source.id} is already registered`,
          );
        }
        actualCostSources.set(source.id, source);
      },
    });
    const usageMetricsSources = new Map<string, UsageMetricsSource>();
    env.registerExtensionPoint(cloudDeploymentsMetricsExtensionPoint, {
      addUsageMetricsSource(source) {
        if (usageMetricsSources.has(source.id)) {
          throw new Error(
            `Usage metrics source ${source.id} is already registered`,
          );
        }
        usageMetricsSources.set(source.id, source);
      },
    });

    const providers = new ProviderRegistry();
    env.registerExtensionPoint(cloudDeploymentsProvidersExtensionPoint, {
      addProvider(provider) {
        providers.add(provider);
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        signals: signalsServiceRef,
      },
      async init({
        auditor,
        config,
        database,
        discovery,
        events,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
        userInfo,
        signals,
      }) {
        assertWellFormedConfig(config, 'cloudDeployments');
        const store = new PublishingDeploymentStore({
          store: await DatabaseDeploymentStore.create({
            database,
            tasks: TaskQueue,
          }),
          events,
          logger,
        });
        registerDeploymentResource(permissionsRegistry, store);
        permissionsRegistry.addPermissions([
          cloudDeploymentBudgetManagePermission,
          cloudDeploymentProviderTestPermission,
        ]);
        const authorizer = new DeploymentAuthorizer({
          permissions,
          rules: permissionsRegistry.getPermissionRuleset(
            cloudDeploymentPermissionResourceRef,
          ),
        });
        // After the migrations, before anything reads a deployment.
        await repairIllFormedText(await database.getClient(), logger);
        const { estimates } = await createPricing({
          config,
          logger,
          scheduler,
          knex: await database.getClient(),
          sources: [...sources.values()],
        });
        const states = DatabaseTerraformStateStore.create({
          knex: await database.getClient(),
          cipher: await loadStateCipher({
            knex: await database.getClient(),
            config,
            logger,
          }),
        });
        const policies = PolicyEngine.fromConfig(config, logger);
        // The worker's check of Terraform plans before they are applied.
        const planPolicies = new PolicyService({
          engine: policies,
          providers,
          estimates,
          logger,
        });
        const runnerConfig = readRunnerConfig(config);
        let terraform: TerraformEngine | undefined;
        let terraformUnavailable =
          'it is turned off (cloudDeployments.terraform.runner.enabled)';
        if (runnerConfig.enabled) {
          const version = await terraformVersion(runnerConfig.terraformPath);
          if (version) {
            terraform = new TerraformEngine({
              states,
              planPricer: new PlanPricer(estimates),
              baseUrl: () => discovery.getBaseUrl('cloud-deployments'),
              logger: logger.child({ component: 'terraform' }),
              applyTimeoutMs: runnerConfig.applyTimeoutMs,
              previewTimeoutMs: runnerConfig.previewTimeoutMs,
              previewConcurrency: runnerConfig.previewConcurrency,
              terraformPath: runnerConfig.terraformPath,
              env: runnerConfig.cliConfigFile
                ? { TF_CLI_CONFIG_FILE: runnerConfig.cliConfigFile }
                : undefined,
              checkPlan: (deployment, plan) =>
                planPolicies.checkTerraformPlan(deployment, plan),
            });
            logger.info(
              `Terraform ${version} runs deployments with engine terraform`,
            );
          } else {
            terraformUnavailable = `${runnerConfig.terraformPath} is not installed on the backend`;
            logger.warn(
              `Deployments with engine terraform are refused: ${terraformUnavailable}`,
            );
          }
        }
        const quotaOnExceeded = readQuotaOnExceeded(config);
        const notifier = DeploymentNotifier.create({
          notifications,
          signals,
          logger: logger.child({ component: 'notifier' }),
        });
        const jobs = await startJobs({
          config,
          store,
          knex: await database.getClient(),
          providers,
          logger,
          lifecycle,
          scheduler,
          terraform,
          notifier,
          capacityAdvice: capacityAdvice(
            new QuotaPreflight({
              knex: await database.getClient(),
              estimates,
              onExceeded: quotaOnExceeded,
              logger: logger.child({ component: 'quota-preflight' }),
            }),
            providers,
          ),
        });
        const actualCosts = await scheduleActualCosts({
          config,
          knex: await database.getClient(),
          sources: [...actualCostSources.values()],
          scheduler,
          logger,
        });
        await scheduleRecommendations({
          config,
          knex: await database.getClient(),
          estimates,
          providers,
          metrics: [...usageMetricsSources.values()],
          scheduler,
          logger,
        });
        // Before the main router: it parses its own (bigger) bodies.
        httpRouter.use(
          createTerraformRouter({ store: states, auditor, logger }),
        );
        httpRouter.addAuthPolicy(terraformStateAuthPolicy);
        httpRouter.use(
          await createRouter({
            store,
            estimates,
            auditor,
            httpAuth,
            authorizer,
            permissions,
            knex: await database.getClient(),
            providers,
            logger,
            terraformStates: states,
            discovery,
            maxAttempts: jobs.config.maxAttempts,
            wakeWorker: jobs.notify,
            notifier,
            terraform: terraform
              ? { available: true }
              : { available: false, reason: terraformUnavailable },
            terraformPlans: terraform,
            policies,
            userInfo,
            actualCosts,
            quotaOnExceeded,
          }),
        );
        const seedHistoryDays = readSeedHistoryDays(config);
        if (seedHistoryDays) {
          // A demo's history is a nicety: failing to seed it never stops the portal.
          await seedDemoHistory({
            knex: await database.getClient(),
            store,
            providers,
            estimates,
            collector: actualCosts,
            logger: logger.child({ component: 'demo-history' }),
            days: seedHistoryDays,
            maxAttempts: jobs.config.maxAttempts,
            wakeWorker: jobs.notify,
          }).catch(error =>
            logger.error(`Demo history could not be seeded: ${error}`),
          );
        }
      },
    });
  },
});
