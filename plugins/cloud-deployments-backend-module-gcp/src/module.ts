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
  cloudDeploymentsPricingExtensionPoint,
  cloudDeploymentsProvidersExtensionPoint,
  cloudDeploymentsSandboxServiceRef,
  CLOUD_DEPLOYMENTS_SANDBOX_PACKAGE as SANDBOX_PACKAGE,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import { GCP_PRICING_CONFIG_KEY, readGcpPricingSourceOptions } from './config';
import { CloudRunProvider } from './cloudRun/CloudRunProvider';
import {
  CLOUD_RUN_CONFIG_KEY,
  readCloudRunConfig,
} from './cloudRun/readCloudRunConfig';

/**
 * Adds Google Cloud to the cloud-deployments backend: the Cloud Run
 * deployment target (`gcp-cloud-run`, against the projects in
 * `cloudDeployments.providers.gcp`, or the sandbox module's local Cloud Run
 * Admin API when none are configured; off when neither is there), and live prices (Cloud Run, and Compute Engine core and RAM
 * of predefined machine families, from the Cloud Billing Catalog API) when
 * `cloudDeployments.pricing.gcp` is configured.
 *
 * @public
 */
export const cloudDeploymentsModuleGcp = createBackendModule({
  pluginId: 'cloud-deployments',
  moduleId: 'gcp',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        pricing: cloudDeploymentsPricingExtensionPoint,
        providers: cloudDeploymentsProvidersExtensionPoint,
        sandboxes: cloudDeploymentsSandboxServiceRef,
      },
      async init({ config, logger, lifecycle, pricing, providers, sandboxes }) {
        assertWellFormedConfig(config, 'cloudDeployments');
        // Both configs first, so that a mistake stops the start before the
        // sandbox listens.
        const cloudRun = readCloudRunConfig(config);
        const pricingOptions = readGcpPricingSourceOptions(config);

        const sandbox = cloudRun.sandbox
          ? await sandboxes.start('gcp')
          : undefined;
        if (cloudRun.sandbox && !sandbox) {
          logger.warn(
            `Google Cloud Run is off: no projects are configured and no sandbox is installed. ` +
              `To deploy to real projects, list them under ${CLOUD_RUN_CONFIG_KEY}.accounts; ` +
              `for a local simulation, add ${SANDBOX_PACKAGE} to the backend`,
          );
        } else if (sandbox) {
          logger.info(
            `Google Cloud Run is in sandbox mode: deployments go to a local simulation of the Cloud Run Admin API at ${sandbox.url}, nothing is created in Google Cloud. ` +
              `To deploy to real projects, list them under ${CLOUD_RUN_CONFIG_KEY}.accounts (id, projectId, and credentials or Application Default Credentials)`,
          );
        } else {
          logger.info(
            `Google Cloud Run deploys to ${cloudRun.accounts
              .map(a => `${a.id} (project ${a.projectId})`)
              .join(', ')}`,
          );
        }
        if (!cloudRun.sandbox || sandbox) {
          const provider = new CloudRunProvider({
            accounts: cloudRun.accounts,
            timeoutMs: cloudRun.timeoutMs,
            sandboxUrl: sandbox?.url,
          });
          providers.addProvider(provider);
          lifecycle.addShutdownHook(() => provider.close());
        }

        if (!pricingOptions) {
          logger.info(
            `GCP live pricing is off; configure ${GCP_PRICING_CONFIG_KEY} to turn it on`,
          );
          return;
        }
        pricing.addPriceSource(
          new GcpBillingCatalogSource({ ...pricingOptions, logger }),
        );
        logger.info(
          `GCP live pricing is on for ${pricingOptions.regions.join(', ')} ` +
            `(Cloud Billing Catalog API at ${
              pricingOptions.baseUrl ?? 'https://cloudbilling.googleapis.com'
            })`,
        );
      },
    });
  },
});
