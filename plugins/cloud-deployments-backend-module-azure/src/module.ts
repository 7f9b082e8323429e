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
import { cloudDeploymentsPricingExtensionPoint } from '@internal/backstage-plugin-cloud-deployments-node';
import { AzureRetailPricesSource } from './AzureRetailPricesSource';
import {
  AZURE_PRICING_CONFIG_KEY,
  readAzurePricingSourceOptions,
} from './config';

/**
 * Adds live Azure prices (Container Instances and pay-as-you-go virtual
 * machines, from the Azure Retail Prices API) to the cloud-deployments
 * backend when `cloudDeployments.pricing.azure` is configured.
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
        pricing: cloudDeploymentsPricingExtensionPoint,
      },
      async init({ config, logger, pricing }) {
        const options = readAzurePricingSourceOptions(config);
        if (!options) {
          logger.info(
            `Azure live pricing is off; configure ${AZURE_PRICING_CONFIG_KEY} to turn it on`,
          );
          return;
        }
        pricing.addPriceSource(
          new AzureRetailPricesSource({ ...options, logger }),
        );
        logger.info(
          `Azure live pricing is on for ${options.regions.join(', ')} ` +
            `(Retail Prices API at ${
              options.baseUrl ?? 'https://prices.azure.com'
            })`,
        );
      },
    });
  },
});
