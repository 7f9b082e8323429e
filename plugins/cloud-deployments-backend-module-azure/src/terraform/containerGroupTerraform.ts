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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  RenderedFiles,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  CONTAINER_PORT,
  containerGroupFor,
} from '../containerInstances/containerGroup';
import { AciSubscription } from '../containerInstances/readAciConfig';
import {
  escapeTemplate as text,
  terraformJson,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The major version of the AzureRM provider the mapping is written for: 4.0
 * made `subscription_id` part of the provider block.
 */
export const AZURERM_PROVIDER_VERSION = '>= 4.0, < 5.0';

const mapValues = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));

/**
 * Terraform JSON for an Azure Container Instances deployment: the container
 * group the SDK path makes (`containerGroupFor`), named after the
 * deployment, tagged with its id, in the subscription's resource group, with
 * a public IP and DNS name label serving port 8080.
 *
 * Expects a spec that the provider's `validate` accepts; whatever the input,
 * every value from the deployment is escaped, so none is ever evaluated by
 * Terraform. State goes to the HTTP backend configured through `TF_HTTP_*`;
 * no credentials are written.
 */
export function renderContainerGroupTerraform(
  deployment: Deployment,
  subscription: AciSubscription,
): RenderedFiles {
  const group = containerGroupFor(deployment);
  const ports = (list: Array<{ port: number; protocol?: string }> = []) =>
    list.map(p => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));

  const main = {
    resource: {
      azurerm_container_group: {
        this: {
          name: text(resourceNameOf(deployment)),
          location: text(group.location ?? ''),
          resource_group_name: '${var.resource_group_name}',
          os_type: group.osType,
          restart_policy: group.restartPolicy,
          sku: group.sku,
          ip_address_type: group.ipAddress?.type,
          dns_name_label: text(group.ipAddress?.dnsNameLabel ?? ''),
          exposed_port: ports(group.ipAddress?.ports),
          container: group.containers.map(container => ({
            name: text(container.name),
            image: text(container.image),
            cpu: container.resources.requests.cpu,
            memory: container.resources.requests.memoryInGB,
            ports: ports(container.ports),
            environment_variables: Object.fromEntries(
              (container.environmentVariables ?? []).map(v => [
                v.name,
                text(v.value ?? ''),
              ]),
            ),
          })),
          tags: mapValues(group.tags ?? {}),
        },
      },
    },
  };

  // Defaults and descriptions of variables are literal in JSON: not escaped.
  const variables = {
    variable: {
      subscription_id: {
        type: 'string',
        description:
          'The Azure subscription of the container group; the configured one by default.',
        default: subscription.subscriptionId,
      },
      resource_group_name: {
        type: 'string',
        description:
          'The resource group of the container group; the configured one by default.',
        default: subscription.resourceGroup,
      },
    },
  };

  const outputs = {
    output: {
      endpoint_url: {
        description: 'The URL the container group serves at.',
        value: `http://\${azurerm_container_group.this.fqdn}:${CONTAINER_PORT}`,
      },
      fqdn: { value: '${azurerm_container_group.this.fqdn}' },
      ip_address: { value: '${azurerm_container_group.this.ip_address}' },
      container_group_id: { value: '${azurerm_container_group.this.id}' },
      resource_group_name: { value: '${var.resource_group_name}' },
      subscription_id: { value: '${var.subscription_id}' },
      region: { value: text(group.location ?? '') },
    },
  };

  const versions = {
    terraform: {
      required_version: '>= 1.5.0',
      required_providers: {
        azurerm: {
          source: 'hashicorp/azurerm',
          version: AZURERM_PROVIDER_VERSION,
        },
      },
      // Filled in by the runner through TF_HTTP_ADDRESS and friends.
      backend: { http: {} },
    },
  };

  // Credentials come from the runner's environment (ARM_*), never from here.
  const providers = {
    provider: {
      azurerm: { features: {}, subscription_id: '${var.subscription_id}' },
    },
  };

  return {
    files: {
      'main.tf.json': terraformJson(main),
      'variables.tf.json': terraformJson(variables),
      'outputs.tf.json': terraformJson(outputs),
      'versions.tf.json': terraformJson(versions),
      'providers.tf.json': terraformJson(providers),
    },
  };
}
