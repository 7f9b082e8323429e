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
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import { GCP_PRICING_CONFIG_KEY, readGcpPricingSourceOptions } from './config';

/**
 * Adds live Google Cloud prices (Cloud Run, and Compute Engine core and RAM
 * of predefined machine families, from the Cloud Billing Catalog API) to the
 * cloud-deployments backend when `cloudDeployments.pricing.gcp` is
 * configured.
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
        pricing: cloudDeploymentsPricingExtensionPoint,
      },
      async init({ config, logger, pricing }) {
        const options = readGcpPricingSourceOptions(config);
        if (!options) {
          logger.info(
            `GCP live pricing is off; configure ${GCP_PRICING_CONFIG_KEY} to turn it on`,
          );
          return;
        }
        pricing.addPriceSource(
          new GcpBillingCatalogSource({ ...options, logger }),
        );
        logger.info(
          `GCP live pricing is on for ${options.regions.join(', ')} ` +
            `(Cloud Billing Catalog API at ${
              options.baseUrl ?? 'https://cloudbilling.googleapis.com'
            })`,
        );
      },
    });
  },
});
