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
 * Azure for the cloud-deployments backend: the Azure Container Instances
 * deployment target (`azure-container-instances`; the sandbox module's local
 * Azure Resource Manager unless `cloudDeployments.providers.azure` lists
 * subscriptions), and live prices of Container Instances and pay-as-you-go
 * virtual machines from the Azure Retail Prices API, turned on by
 * `cloudDeployments.pricing.azure`, and what deployments really cost, from
 * Azure Cost Management, turned on by `cloudDeployments.azure.costManagement`,
 * and the bytes their container groups receive (a proxy for traffic) from
 * Azure Monitor, turned on by `cloudDeployments.azure.monitor` (or read from
 * the sandbox in sandbox mode).
 *
 * @packageDocumentation
 */

export { cloudDeploymentsModuleAzure as default } from './module';
export { AzureRetailPricesSource } from './AzureRetailPricesSource';
export type { AzureRetailPricesSourceOptions } from './AzureRetailPricesSource';
export { AzureCostManagementSource } from './costManagement/AzureCostManagementSource';
export type { AzureCostManagementSourceOptions } from './costManagement/AzureCostManagementSource';
export {
  AzureMonitorSource,
  DEFAULT_IDLE_BYTES_PER_DAY,
} from './monitor/AzureMonitorSource';
export type { AzureMonitorSourceOptions } from './monitor/AzureMonitorSource';
export { AzureContainerInstancesProvider } from './containerInstances/AzureContainerInstancesProvider';
export type { AzureContainerInstancesProviderOptions } from './containerInstances/AzureContainerInstancesProvider';
export type { AciSandboxConnection } from './containerInstances/createAciClient';
export type { AciSubscription } from './containerInstances/readAciConfig';
export type { AciReaders } from './containerInstances/aciPermissions';
