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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  assertWellFormedConfig,
  cloudDeploymentsCostsExtensionPoint,
  cloudDeploymentsMetricsExtensionPoint,
  cloudDeploymentsPricingExtensionPoint,
  cloudDeploymentsProvidersExtensionPoint,
  cloudDeploymentsSandboxServiceRef,
  CLOUD_DEPLOYMENTS_SANDBOX_PACKAGE as SANDBOX_PACKAGE,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AzureRetailPricesSource } from './AzureRetailPricesSource';
import {
  AZURE_PRICING_CONFIG_KEY,
  readAzurePricingSourceOptions,
} from './config';
import { AzureContainerInstancesProvider } from './containerInstances/AzureContainerInstancesProvider';
import { AzureCostManagementSource } from './costManagement/AzureCostManagementSource';
import {
  AZURE_COST_MANAGEMENT_CONFIG_KEY,
  readCostManagementConfig,
} from './costManagement/readCostManagementConfig';
import { sandboxConnection } from './containerInstances/createAciClient';
import { AzureMonitorSource } from './monitor/AzureMonitorSource';
import {
  AZURE_MONITOR_CONFIG_KEY,
  readMonitorConfig,
} from './monitor/readMonitorConfig';
import {
  AZURE_PROVIDER_CONFIG_KEY,
  readAciConfig,
} from './containerInstances/readAciConfig';

/**
 * Adds Azure to the cloud-deployments backend: the Azure Container
 * Instances deployment target (`azure-container-instances`, into the
 * subscriptions in `cloudDeployments.providers.azure`, or the sandbox
 * module's local Azure Resource Manager when none are configured; off when
 * neither is there), and live prices (Container Instances
 * and pay-as-you-go virtual machines, from the Azure Retail Prices API,
 * which needs no credentials) unless `cloudDeployments.pricing.azure.enabled`
 * is false, and what deployments really cost, from Azure Cost Management,
 * when `cloudDeployments.azure.costManagement.enabled` is true; and the
 * bytes their container groups receive (a proxy for traffic), for idle
 * recommendations, from Azure Monitor when
 * `cloudDeployments.azure.monitor.enabled` is true, or from the sandbox in
 * sandbox mode.
 *
 * @public
 */
export const cloudDeploymentsModuleAzure = createBackendModule({
  pluginId: 'cloud-deployments',
  moduleId: 'azure',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        pricing: cloudDeploymentsPricingExtensionPoint,
        costs: cloudDeploymentsCostsExtensionPoint,
        metrics: cloudDeploymentsMetricsExtensionPoint,
        providers: cloudDeploymentsProvidersExtensionPoint,
        sandboxes: cloudDeploymentsSandboxServiceRef,
      },
      async init({
        config,
        logger,
        lifecycle,
        pricing,
        costs,
        metrics,
        providers,
        sandboxes,
      }) {
        assertWellFormedConfig(config, 'cloudDeployments');
        // Both configs first, so that a mistake stops the start before the
        // sandbox listens.
        const aci = readAciConfig(config);
        const options = readAzurePricingSourceOptions(
          config,
          aci.subscriptions.flatMap(s => s.regions ?? []),
        );
        const costManagement = readCostManagementConfig(config);
        const { enabled: monitor, ...monitorOptions } =
          readMonitorConfig(config);
        if (costManagement && aci.sandbox) {
          throw new Error(
            `${AZURE_COST_MANAGEMENT_CONFIG_KEY} reads the costs of real subscriptions: ` +
              `list them under ${AZURE_PROVIDER_CONFIG_KEY}.subscriptions (without sandbox: true), or turn it off`,
          );
        }

        const sandbox = aci.sandbox
          ? await sandboxes.start('azure')
          : undefined;
        if (aci.sandbox && !sandbox) {
          logger.warn(
            `Azure Container Instances is off: no subscriptions are configured and no sandbox is installed. ` +
              `To deploy to real subscriptions, list them under ${AZURE_PROVIDER_CONFIG_KEY}.subscriptions; ` +
              `for a local simulation, add ${SANDBOX_PACKAGE} to the backend`,
          );
        } else if (sandbox) {
          logger.info(
            `Azure Container Instances is in sandbox mode: deployments go to a local simulation of Azure Resource Manager at ${sandbox.url}, nothing is created in Azure. ` +
              `To deploy to real subscriptions, list them under ${AZURE_PROVIDER_CONFIG_KEY}.subscriptions (id, subscriptionId, resourceGroup, and a service principal or the default Azure credential chain)`,
          );
        } else {
          logger.info(
            `Azure Container Instances deploys to ${aci.subscriptions
              .map(s => `${s.id} (resource group ${s.resourceGroup})`)
              .join(', ')}`,
          );
        }
        const connection = sandbox && sandboxConnection(sandbox);
        // In sandbox mode the sandbox answers Azure Monitor too, so that the
        // demo has traffic (and idle deployments) without a subscription.
        const readsMetrics = connection
          ? monitor !== false
          : Boolean(monitor && !aci.sandbox);
        if (!aci.sandbox || sandbox) {
          const provider = new AzureContainerInstancesProvider({
            subscriptions: aci.subscriptions,
            timeoutMs: aci.timeoutMs,
            sandbox: connection,
            readers: {
              metrics: readsMetrics,
              ...(costManagement
                ? { costs: costManagement.scope ?? 'resourceGroup' }
                : {}),
            },
          });
          providers.addProvider(provider);
          lifecycle.addShutdownHook(() => provider.close());
        }

        if (costManagement) {
          costs.addActualCostSource(
            new AzureCostManagementSource({
              ...costManagement,
              subscriptions: aci.subscriptions,
            }),
          );
          logger.info(
            `Azure actual costs are read from Cost Management (${
              costManagement.costType ?? 'ActualCost'
            }, by ${
              costManagement.scope ?? 'resourceGroup'
            } of ${aci.subscriptions.map(s => s.id).join(', ')})`,
          );
        } else {
          logger.info(
            `Azure actual costs are off; ${AZURE_COST_MANAGEMENT_CONFIG_KEY}.enabled: true reads them from Cost Management`,
          );
        }

        if (readsMetrics) {
          const source = new AzureMonitorSource({
            ...monitorOptions,
            subscriptions: aci.subscriptions,
            sandbox: connection,
            logger,
          });
          metrics.addUsageMetricsSource(source);
          lifecycle.addShutdownHook(() => source.close());
          const proxy = `bytes received a day (NetworkBytesReceivedPerSecond, a proxy: container groups have no request count), idle at or below ${source.metric.idleAtOrBelow} bytes`;
          logger.info(
            connection
              ? `Azure Container Instances traffic is read from the sandbox's Azure Monitor at ${connection.url} (synthetic ${proxy}); ` +
                  `${AZURE_MONITOR_CONFIG_KEY}.enabled: false turns it off`
              : `Azure Container Instances traffic is read from Azure Monitor: ${proxy}, in ${aci.subscriptions
                  .map(s => `${s.id} (resource group ${s.resourceGroup})`)
                  .join(', ')}`,
          );
        } else {
          logger.info(
            `Azure Container Instances traffic is off, so no container group is found idle; set ${AZURE_MONITOR_CONFIG_KEY}.enabled to true to read it from Azure Monitor`,
          );
        }

        if (!options) {
          logger.info(
            `Azure live pricing is off (${AZURE_PRICING_CONFIG_KEY}.enabled is false)`,
          );
          return;
        }
        const { defaultRegions, ...sourceOptions } = options;
        pricing.addPriceSource(
          new AzureRetailPricesSource({ ...sourceOptions, logger }),
        );
        logger.info(
          `Azure live pricing is on for ${options.regions.join(', ')}` +
            `${defaultRegions ? ' (default regions)' : ''}, from the Retail ` +
            `Prices API at ${options.baseUrl ?? 'https://prices.azure.com'}; ` +
            `${AZURE_PRICING_CONFIG_KEY}.enabled: false turns it off`,
        );
      },
    });
  },
});
