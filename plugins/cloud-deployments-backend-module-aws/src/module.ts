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
import { AwsCloudWatchSource } from './AwsCloudWatchSource';
import { AwsCostExplorerSource } from './AwsCostExplorerSource';
import { AwsPricingSource } from './AwsPricingSource';
import { awsCredentialsResolve } from './awsCredentialsResolve';
import {
  AWS_CLOUDWATCH_CONFIG_KEY,
  readAwsCloudWatchOptions,
} from './cloudWatchConfig';
import { AWS_PRICING_CONFIG_KEY, readAwsPricingSourceOptions } from './config';
import {
  AWS_COST_EXPLORER_CONFIG_KEY,
  readAwsCostExplorerOptions,
} from './costExplorerConfig';
import {
  readSageMakerConfig,
  SAGEMAKER_CONFIG_KEY,
} from './sagemaker/readSageMakerConfig';
import { SageMakerProvider } from './sagemaker/SageMakerProvider';

/**
 * Adds AWS to the cloud-deployments backend: the SageMaker deployment target
 * (`aws-sagemaker`, into the accounts in `cloudDeployments.providers.aws`,
 * or into the sandbox module's local SageMaker API when none are configured;
 * off when neither is there), and live prices
 * (SageMaker real-time hosting and EC2 on-demand Linux instances, from the
 * AWS Pricing API) when `cloudDeployments.pricing.aws` is configured, or
 * without it when the default AWS credential chain resolves, and what
 * SageMaker deployments really cost, from AWS Cost Explorer, when
 * `cloudDeployments.aws.costExplorer.enabled` is true; and their traffic
 * (daily invocations) from Amazon CloudWatch, for idle recommendations, when
 * `cloudDeployments.aws.cloudWatch.enabled` is true, or from the sandbox in
 * sandbox mode.
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
        lifecycle: coreServices.lifecycle,
        cache: coreServices.cache,
        costs: cloudDeploymentsCostsExtensionPoint,
        metrics: cloudDeploymentsMetricsExtensionPoint,
        pricing: cloudDeploymentsPricingExtensionPoint,
        providers: cloudDeploymentsProvidersExtensionPoint,
        sandboxes: cloudDeploymentsSandboxServiceRef,
      },
      async init({
        config,
        logger,
        lifecycle,
        cache,
        costs,
        metrics,
        pricing,
        providers,
        sandboxes,
      }) {
        assertWellFormedConfig(config, 'cloudDeployments');
        // Both configs first, so that a mistake stops the start before the
        // sandbox listens.
        const sageMaker = readSageMakerConfig(config);
        const { enabled, ...options } = readAwsPricingSourceOptions(
          config,
          sageMaker.accounts.flatMap(a => a.regions ?? []),
        );
        const { enabled: costExplorer, ...costExplorerOptions } =
          readAwsCostExplorerOptions(config, sageMaker.accounts);
        const { enabled: cloudWatch, ...cloudWatchOptions } =
          readAwsCloudWatchOptions(config);

        const sandbox = sageMaker.sandbox
          ? await sandboxes.start('aws')
          : undefined;
        if (sageMaker.sandbox && !sandbox) {
          logger.warn(
            `AWS SageMaker is off: no accounts are configured and no sandbox is installed. ` +
              `To deploy to real AWS accounts, list them under ${SAGEMAKER_CONFIG_KEY}.accounts; ` +
              `for a local simulation, add ${SANDBOX_PACKAGE} to the backend`,
          );
        } else if (sandbox) {
          logger.info(
            `AWS SageMaker is in sandbox mode: deployments go to a local simulation of the SageMaker API at ${sandbox.url}, nothing is created in AWS. ` +
              `To deploy to real AWS accounts, list them under ${SAGEMAKER_CONFIG_KEY}.accounts (id, executionRoleArn, and credentials or the default AWS credential chain)`,
          );
        } else {
          logger.info(
            `AWS SageMaker deploys to account(s) ${sageMaker.accounts
              .map(a => a.id)
              .join(', ')}`,
          );
        }
        if (!sageMaker.sandbox || sandbox) {
          const provider = new SageMakerProvider({
            accounts: sageMaker.accounts,
            timeoutMs: sageMaker.timeoutMs,
            sandboxUrl: sandbox?.url,
          });
          providers.addProvider(provider);
          lifecycle.addShutdownHook(() => provider.close());
        }

        if (costExplorer) {
          const { account, ...sourceOptions } = costExplorerOptions;
          const source = new AwsCostExplorerSource({
            ...sourceOptions,
            cache,
            logger,
          });
          costs.addActualCostSource(source);
          logger.info(
            `AWS Cost Explorer actual costs are on (${source.metric}, ` +
              `answers kept ${sourceOptions.cacheHours ?? 12} h, ` +
              `credentials from ${
                account
                  ? `account ${account}${
                      sourceOptions.credentials
                        ? ''
                        : ', which has none configured, so the default AWS credential chain'
                    }`
                  : 'the default AWS credential chain'
              })`,
          );
        } else {
          logger.info(
            `AWS Cost Explorer actual costs are off; set ${AWS_COST_EXPLORER_CONFIG_KEY}.enabled to true to read what SageMaker deployments cost (USD 0.01 per request)`,
          );
        }

        // In sandbox mode the sandbox answers CloudWatch too, so that the
        // demo has traffic (and idle deployments) without an account.
        if (sandbox ? cloudWatch !== false : cloudWatch && !sageMaker.sandbox) {
          const source = new AwsCloudWatchSource({
            ...cloudWatchOptions,
            accounts: sageMaker.accounts,
            sandboxUrl: sandbox?.url,
            logger,
          });
          metrics.addUsageMetricsSource(source);
          lifecycle.addShutdownHook(() => source.close());
          logger.info(
            sandbox
              ? `AWS SageMaker traffic is read from the sandbox's CloudWatch at ${sandbox.url} (synthetic daily invocations); ` +
                  `${AWS_CLOUDWATCH_CONFIG_KEY}.enabled: false turns it off`
              : `AWS SageMaker traffic is read from Amazon CloudWatch (AWS/SageMaker Invocations, daily) in each deployment's account and region, ` +
                  `credentials from ${sageMaker.accounts
                    .map(
                      a =>
                        `${a.id}: ${
                          a.credentials
                            ? 'the account'
                            : 'the default AWS credential chain'
                        }`,
                    )
                    .join(
                      ', ',
                    )}; GetMetricData costs USD 0.01 per 1,000 metrics requested (one per deployment and page)`,
          );
        } else {
          logger.info(
            `AWS SageMaker traffic is off, so no SageMaker deployment is found idle; set ${AWS_CLOUDWATCH_CONFIG_KEY}.enabled to true ` +
              `to read it from Amazon CloudWatch (GetMetricData, USD 0.01 per 1,000 metrics requested)`,
          );
        }

        if (enabled === false) {
          logger.info(
            `AWS live pricing is off (${AWS_PRICING_CONFIG_KEY}.enabled is false)`,
          );
          return;
        }
        if (enabled === undefined && !(await awsCredentialsResolve())) {
          logger.info(
            `No AWS credentials found in the default chain; AWS live pricing is off. ` +
              `Provide credentials or configure ${AWS_PRICING_CONFIG_KEY} to turn it on`,
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
