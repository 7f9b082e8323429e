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
import { AwsPricingSource } from './AwsPricingSource';
import { AWS_PRICING_CONFIG_KEY, readAwsPricingSourceOptions } from './config';

/**
 * Adds live AWS prices (SageMaker real-time hosting and EC2 on-demand Linux
 * instances, from the AWS Pricing API) to the cloud-deployments backend when
 * `cloudDeployments.pricing.aws` is configured.
 *
 * @public
 */
export const cloudDeploymentsModuleAws = createBackendModule({
  pluginId: 'cloud-deployments',
  moduleId: 'aws',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        pricing: cloudDeploymentsPricingExtensionPoint,
      },
      async init({ config, logger, pricing }) {
        const options = readAwsPricingSourceOptions(config);
        if (!options) {
          logger.info(
            `AWS live pricing is off; configure ${AWS_PRICING_CONFIG_KEY} to turn it on`,
          );
          return;
        }
        pricing.addPriceSource(new AwsPricingSource({ ...options, logger }));
        logger.info(
          `AWS live pricing is on for ${options.regions.join(', ')} ` +
            `(Pricing API in ${options.region ?? 'us-east-1'}, ` +
            `credentials from ${
              options.credentials
                ? 'config'
                : 'the default AWS credential chain'
            })`,
        );
      },
    });
  },
});
