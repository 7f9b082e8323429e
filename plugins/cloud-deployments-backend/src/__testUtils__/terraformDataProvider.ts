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
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  cloudDeploymentsProvidersExtensionPoint,
  terraformJson,
  escapeTemplate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * A Cloud Run target whose Terraform needs no provider download: the
 * deployment becomes `terraform_data` resources, so the real `terraform`
 * runs offline against the plugin's state backend. `slowSeconds` adds a
 * resource whose creation runs `sleep`, to interrupt an apply. An image
 * tagged `unrenderable` makes `render` fail, as a provider's bug would.
 */
export function terraformDataProvider(
  options: { slowSeconds?: number } = {},
): CloudDeploymentProvider {
  const refuse = async () => {
    throw new Error('Only the Terraform engine provisions this test target');
  };
  return {
    id: 'gcp-cloud-run',
    title: 'Terraform test target',
    sandbox: false,
    async render(deployment: Deployment) {
      const { name, spec } = deployment;
      if (spec.artifact.image?.endsWith(':unrenderable')) {
        throw new Error('the test target cannot render this image');
      }
      const resource: Record<string, object> = {
        service: {
          input: {
            name: escapeTemplate(name),
            image: escapeTemplate(spec.artifact.image ?? ''),
            cpu: spec.compute.cpu,
          },
        },
      };
      if (options.slowSeconds) {
        resource.rollout = {
          triggers_replace: [escapeTemplate(spec.artifact.image ?? '')],
          provisioner: [
            { 'local-exec': { command: `sleep ${options.slowSeconds}` } },
          ],
        };
      }
      return {
        files: {
          'main.tf.json': terraformJson({
            terraform: { backend: { http: {} } },
            resource: { terraform_data: resource },
            output: {
              endpoint: {
                value: `https://${name}.run.example.test`,
              },
              image: { value: '${terraform_data.service.output.image}' },
              admin_password: { value: 'hunter2-in-state', sensitive: true },
            },
          }),
        },
      };
    },
    provision: refuse,
    update: refuse,
    destroy: refuse,
    describe: refuse,
  };
}

export function terraformDataModule(options: { slowSeconds?: number } = {}) {
  return createBackendModule({
    pluginId: 'cloud-deployments',
    moduleId: 'test-terraform-data',
    register(reg) {
      reg.registerInit({
        deps: { providers: cloudDeploymentsProvidersExtensionPoint },
        async init({ providers }) {
          providers.addProvider(terraformDataProvider(options));
        },
      });
    },
  });
}
