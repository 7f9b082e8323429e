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
import { assertWellFormedConfig } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDeploymentCreateAction } from './actions/deploymentCreate';
import { createDeploymentDestroyAction } from './actions/deploymentDestroy';
import { createEstimateAction } from './actions/estimate';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createRenderAction } from './actions/render';
import {
  createTerraformApplyAction,
  createTerraformPlanAction,
} from './actions/terraform';
import { createTerraformConfirmAction } from './actions/terraformConfirm';
import { CloudDeploymentsBackend } from './client';

/**
 * Scaffolder actions for cloud deployments: estimate, render Terraform
 * and manifests, plan and apply Terraform with state in the portal, apply
 * manifests to a Kubernetes cluster, and create or destroy
 * deployments through the cloud-deployments backend.
 *
 * @public
 */
export const scaffolderModuleCloudDeployments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'cloud-deployments',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        assertWellFormedConfig(config, 'cloudDeployments');
        const backend = new CloudDeploymentsBackend(discovery, auth);
        const runner = config.getOptionalConfig(
          'cloudDeployments.terraform.runner',
        );
        const cliConfigFile = runner?.getOptionalString('cliConfigFile');
        const terraform = {
          terraformPath: runner?.getOptionalString('terraformPath'),
          env: cliConfigFile
            ? { TF_CLI_CONFIG_FILE: cliConfigFile }
            : undefined,
        };
        scaffolder.addActions(
          createEstimateAction(backend),
          createRenderAction(backend),
          createTerraformPlanAction(backend, terraform),
          createTerraformConfirmAction(backend),
          createTerraformApplyAction(backend, terraform),
          createKubernetesApplyAction(backend),
          createDeploymentCreateAction(backend, {
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
          createDeploymentDestroyAction(backend),
        );
      },
    });
  },
});
