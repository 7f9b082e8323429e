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
 * Google Cloud for the cloud-deployments backend: the Cloud Run deployment
 * target (or the sandbox module's local Cloud Run Admin API when no project
 * is configured), and live Cloud Run and Compute Engine prices from the
 * Cloud Billing Catalog API, on when Google Application Default Credentials
 * resolve or `cloudDeployments.pricing.gcp.apiKey` is set; and what
 * deployments really cost, from the Cloud Billing export to BigQuery, turned
 * on by `cloudDeployments.gcp.billingExport`; and their traffic from Cloud
 * Monitoring, turned on by `cloudDeployments.gcp.monitoring` (or read from
 * the sandbox in sandbox mode).
 *
 * @packageDocumentation
 */

export { cloudDeploymentsModuleGcp as default } from './module';
export { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
export type { GcpBillingCatalogSourceOptions } from './GcpBillingCatalogSource';
export { GcpBillingExportSource } from './billingExport/GcpBillingExportSource';
export type { GcpBillingExportSourceOptions } from './billingExport/GcpBillingExportSource';
export { GcpMonitoringSource } from './monitoring/GcpMonitoringSource';
export type { GcpMonitoringSourceOptions } from './monitoring/GcpMonitoringSource';
export type { GcpRequestAuth } from './gcpRequestAuth';
export { CloudRunProvider } from './cloudRun/CloudRunProvider';
export type { CloudRunProviderOptions } from './cloudRun/CloudRunProvider';
export type { CloudRunAccount } from './cloudRun/readCloudRunConfig';
