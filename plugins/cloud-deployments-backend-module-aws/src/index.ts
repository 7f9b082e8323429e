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

/**
 * AWS for the cloud-deployments backend: the SageMaker deployment target
 * (`aws-sagemaker`, configured by `cloudDeployments.providers.aws`, or the
 * sandbox module's local SageMaker API when unconfigured), and live prices of
 * SageMaker real-time hosting and EC2 on-demand Linux instances from the AWS
 * Pricing API, turned on by `cloudDeployments.pricing.aws`, and what the
 * deployments really cost from AWS Cost Explorer, turned on by
 * `cloudDeployments.aws.costExplorer`, and their traffic from Amazon
 * CloudWatch, turned on by `cloudDeployments.aws.cloudWatch` (or read from
 * the sandbox in sandbox mode).
 *
 * @packageDocumentation
 */

export { cloudDeploymentsModuleAws as default } from './module';
export { AwsCloudWatchSource } from './AwsCloudWatchSource';
export type { AwsCloudWatchSourceOptions } from './AwsCloudWatchSource';
export {
  AwsCostExplorerSource,
  AWS_COST_EXPLORER_METRICS,
} from './AwsCostExplorerSource';
export type {
  AwsCostExplorerCache,
  AwsCostExplorerMetric,
  AwsCostExplorerSourceOptions,
} from './AwsCostExplorerSource';
export { AwsPricingSource } from './AwsPricingSource';
export type { AwsPricingSourceOptions } from './AwsPricingSource';
export { SageMakerProvider } from './sagemaker/SageMakerProvider';
export type { SageMakerProviderOptions } from './sagemaker/SageMakerProvider';
export type {
  SageMakerAccount,
  SageMakerCredentials,
} from './sagemaker/readSageMakerConfig';
