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
 * Local stand-ins for the clouds of the cloud-deployments backend: the
 * SageMaker API, the Cloud Run Admin API, Azure Resource Manager (Container
 * Instances) and a Kubernetes API server, with the metrics APIs beside them
 * (CloudWatch, Cloud Monitoring, Azure Monitor) serving synthetic traffic.
 * Added to a backend, it gives every provider module with no configured
 * account a sandbox to deploy to, so the portal works without a cloud
 * account; the classes serve the tests. A production backend leaves this
 * package out.
 *
 * @packageDocumentation
 */

export { cloudDeploymentsSandboxServiceFactory as default } from './cloudDeploymentsSandboxServiceFactory';
export { cloudDeploymentsSandboxServiceFactory } from './cloudDeploymentsSandboxServiceFactory';
export {
  isIdleInSandbox,
  syntheticDailyTraffic,
} from './traffic/SandboxTraffic';
export type {
  SandboxTrafficOptions,
  SandboxTrafficSetting,
  SandboxTrafficUnit,
} from './traffic/SandboxTraffic';
export { SageMakerSandbox } from './aws/SageMakerSandbox';
export { SAGEMAKER_NAME_PATTERN } from './aws/awsErrors';
export { INSUFFICIENT_CAPACITY_REASON } from './aws/operations';
export { sageMakerEndpointQuotaName } from './aws/serviceQuotas';
export type {
  SageMakerSandboxFault,
  SageMakerSandboxOptions,
  SageMakerSandboxRequest,
} from './aws/SageMakerSandboxTypes';
export type {
  SandboxEndpoint,
  SandboxEndpointConfig,
  SandboxEndpointStatus,
  SandboxModel,
  SandboxVariant,
} from './aws/sandboxResourceTypes';
export { CloudRunSandbox } from './gcp/CloudRunSandbox';
export type {
  CloudRunSandboxFault,
  CloudRunSandboxOptions,
  CloudRunSandboxRequest,
} from './gcp/CloudRunSandboxTypes';
export { GOOGLE_API_STATUSES } from './gcp/googleErrors';
export type { GoogleApiStatus } from './gcp/googleErrors';
export { AciSandbox } from './azure/AciSandbox';
export type {
  AciSandboxFault,
  AciSandboxGarbage,
  AciSandboxOptions,
  AciSandboxRequest,
} from './azure/AciSandboxTypes';
export type {
  AciSandboxContainerGroup,
  AciSandboxScope,
} from './azure/containerGroupModel';
export { KubernetesSandbox } from './kubernetes/KubernetesSandbox';
export type {
  KubernetesSandboxOptions,
  KubernetesSandboxRequest,
} from './kubernetes/KubernetesSandbox';
