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
  cloudDeploymentsProvidersExtensionPoint,
  cloudDeploymentsSandboxServiceRef,
  CLOUD_DEPLOYMENTS_SANDBOX_PACKAGE as SANDBOX_PACKAGE,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  readKubernetesConfig,
  SANDBOX_CLUSTER,
} from './cluster/readKubernetesConfig';
import { KubernetesProvider } from './KubernetesProvider';

/**
 * Adds Kubernetes to the cloud-deployments backend: deployments with
 * `spec.provider: kubernetes` are applied server-side to the clusters of the
 * Backstage `kubernetes` config (`clusterLocatorMethods` of type `config`),
 * and `POST /kubernetes/apply` applies a template's manifests. Without a
 * configured cluster, the cluster `local` is the sandbox module's local
 * Kubernetes API (nothing reaches a real cluster), or the module is off when
 * that is not installed.
 *
 * @public
 */
export const cloudDeploymentsModuleKubernetes = createBackendModule({
  pluginId: 'cloud-deployments',
  moduleId: 'kubernetes',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: cloudDeploymentsProvidersExtensionPoint,
        sandboxes: cloudDeploymentsSandboxServiceRef,
      },
      async init({ config, logger, providers, sandboxes }) {
        assertWellFormedConfig(config, 'cloudDeployments');
        assertWellFormedConfig(config, 'kubernetes');
        const settings = readKubernetesConfig(config, logger);
        const sandbox = settings.sandbox
          ? await sandboxes.start('kubernetes')
          : undefined;
        if (settings.sandbox && !sandbox) {
          logger.warn(
            'Kubernetes is off: no cluster is configured and no sandbox is installed. ' +
              'To deploy to real clusters, list them under kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount); ' +
              `for a local simulation, add ${SANDBOX_PACKAGE} to the backend`,
          );
          return;
        }
        if (sandbox) {
          settings.clusters = [
            {
              name: SANDBOX_CLUSTER,
              url: sandbox.url,
              token: sandbox.token,
              // The client refuses plain HTTP otherwise; the sandbox is on loopback.
              skipTLSVerify: true,
            },
          ];
          logger.info(
            `Kubernetes is in sandbox mode: deployments go to the cluster '${SANDBOX_CLUSTER}', a local simulation of the Kubernetes API at ${sandbox.url}. ` +
              'To deploy to real clusters, list them under kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount)',
          );
        } else {
          logger.info(
            `Kubernetes deploys to ${settings.clusters
              .map(c => c.name)
              .join(', ')} (namespace ${settings.namespace})`,
          );
        }
        providers.addProvider(new KubernetesProvider({ settings }));
      },
    });
  },
});
