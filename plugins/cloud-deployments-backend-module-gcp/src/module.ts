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
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import { GcpBillingExportSource } from './billingExport/GcpBillingExportSource';
import {
  GCP_BILLING_EXPORT_CONFIG_KEY,
  readBillingExportConfig,
} from './billingExport/readBillingExportConfig';
import { GcpRequestAuth } from './gcpRequestAuth';
import { GcpMonitoringSource } from './monitoring/GcpMonitoringSource';
import {
  GCP_MONITORING_CONFIG_KEY,
  readMonitoringConfig,
} from './monitoring/readMonitoringConfig';
import { GCP_PRICING_CONFIG_KEY, readGcpPricingConfig } from './config';
import { CloudRunProvider } from './cloudRun/CloudRunProvider';
import {
  CLOUD_RUN_CONFIG_KEY,
  readCloudRunConfig,
} from './cloudRun/readCloudRunConfig';
import {
  applicationDefaultCredentials,
  gcpCredentialsResolve,
} from './gcpCredentialsResolve';

/** How long the start waits for Application Default Credentials. */
const CREDENTIALS_CHECK_MS = 3_000;

/**
 * Adds Google Cloud to the cloud-deployments backend: the Cloud Run
 * deployment target (`gcp-cloud-run`, against the projects in
 * `cloudDeployments.providers.gcp`, or the sandbox module's local Cloud Run
 * Admin API when none are configured; off when neither is there), and live
 * prices (Cloud Run, and Compute Engine core and RAM of predefined machine
 * families, from the Cloud Billing Catalog API) with the API key in
 * `cloudDeployments.pricing.gcp`, or without one when Google Application
 * Default Credentials resolve; and what deployments really cost, from the
 * Cloud Billing export to BigQuery, when
 * `cloudDeployments.gcp.billingExport.enabled` is true; and their traffic
 * (daily requests), for idle recommendations, from Cloud Monitoring when
 * `cloudDeployments.gcp.monitoring.enabled` is true, or from the sandbox in
 * sandbox mode.
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
        const cloudRun = readCloudRunConfig(config);
        const { enabled, apiKey, ...pricingOptions } = readGcpPricingConfig(
          config,
          cloudRun.accounts.flatMap(a => a.regions ?? []),
        );
        const billingExport = readBillingExportConfig(config);
        const { enabled: monitoring, ...monitoringOptions } =
          readMonitoringConfig(config);

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

        if (billingExport) {
          costs.addActualCostSource(new GcpBillingExportSource(billingExport));
          logger.info(
            `Google Cloud actual costs are read from the billing export table ${billingExport.table} in BigQuery`,
          );
        } else {
          logger.info(
            `Google Cloud actual costs are off; ${GCP_BILLING_EXPORT_CONFIG_KEY} (enabled: true, table) reads them from the billing export in BigQuery`,
          );
        }

        // In sandbox mode the sandbox answers Cloud Monitoring too, so that
        // the demo has traffic (and idle deployments) without a project.
        if (sandbox ? monitoring !== false : monitoring && !cloudRun.sandbox) {
          const source = new GcpMonitoringSource({
            ...monitoringOptions,
            accounts: cloudRun.accounts,
            sandboxUrl: sandbox?.url,
            logger,
          });
          metrics.addUsageMetricsSource(source);
          lifecycle.addShutdownHook(() => source.close());
          logger.info(
            sandbox
              ? `Google Cloud Run traffic is read from the sandbox's Cloud Monitoring at ${sandbox.url} (synthetic daily requests); ` +
                  `${GCP_MONITORING_CONFIG_KEY}.enabled: false turns it off`
              : `Google Cloud Run traffic is read from Cloud Monitoring (run.googleapis.com/request_count, daily) in project(s) ${cloudRun.accounts
                  .map(
                    a =>
                      `${a.projectId} (${
                        a.credentials || a.keyFilename
                          ? 'its credentials'
                          : 'Application Default Credentials'
                      })`,
                  )
                  .join(', ')}`,
          );
        } else {
          logger.info(
            `Google Cloud Run traffic is off, so no Cloud Run deployment is found idle; set ${GCP_MONITORING_CONFIG_KEY}.enabled to true to read it from Cloud Monitoring`,
          );
        }

        if (enabled === false) {
          logger.info(
            `GCP live pricing is off (${GCP_PRICING_CONFIG_KEY}.enabled is false)`,
          );
          return;
        }
        let auth: GcpRequestAuth | undefined;
        if (apiKey === undefined) {
          // Turned on explicitly: no check, the first refresh gets a token.
          auth = enabled
            ? applicationDefaultCredentials()
            : await gcpCredentialsResolve(CREDENTIALS_CHECK_MS);
          if (!auth) {
            logger.info(
              `No Google Application Default Credentials resolved within ${
                CREDENTIALS_CHECK_MS / 1000
              } s; GCP live pricing is off. ` +
                `Provide them (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or an attached service account) ` +
                `or set ${GCP_PRICING_CONFIG_KEY}.apiKey to turn it on`,
            );
            return;
          }
        }
        pricing.addPriceSource(
          new GcpBillingCatalogSource({
            ...pricingOptions,
            ...(auth ? { auth } : { apiKey }),
            logger,
          }),
        );
        logger.info(
          `GCP live pricing is on for ${pricingOptions.regions.join(', ')} ` +
            `(Cloud Billing Catalog API at ${
              pricingOptions.baseUrl ?? 'https://cloudbilling.googleapis.com'
            }, ${
              auth
                ? 'credentials from Google Application Default Credentials'
                : 'API key from config'
            })`,
        );
      },
    });
  },
});
