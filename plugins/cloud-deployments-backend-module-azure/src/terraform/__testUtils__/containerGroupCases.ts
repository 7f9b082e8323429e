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
import { AciSubscription } from '../../containerInstances/readAciConfig';

// The subscriptions, deployments, fields and expected outcomes of the
// container group render tests. Not part of the package's API.

export const SUBSCRIPTIONS: AciSubscription[] = [
  {
    id: 'ml',
    subscriptionId: '11111111-2222-3333-4444-555555555555',
    resourceGroup: 'ml-models',
    regions: ['westeurope', 'eastus'],
    tenantId: '66666666-2222-3333-4444-555555555555',
    clientId: '77777777-2222-3333-4444-555555555555',
    clientSecret: 'render-test-client-secret-never-written',
  },
  {
    id: 'other',
    subscriptionId: '99999999-2222-3333-4444-555555555555',
    resourceGroup: 'other',
  },
];

export const IMAGE = 'acme.azurecr.io/models/fraud';

/** An azure-container-instances deployment, with overrides of the spec's parts. */
export function containerGroupDeployment(
  overrides: Partial<Omit<Deployment, 'spec'>> & {
    spec?: Partial<Deployment['spec']>;
    compute?: Deployment['spec']['compute'];
  } = {},
): Deployment {
  const { spec, compute, ...rest } = overrides;
  return {
    id: '2c9a7e4b-5d1f-4b8e-9f3a-6e0d1c2b3a4f',
    name: 'fraud-model',
    status: 'provisioning',
    outputs: {},
    createdBy: 'user:default/ada',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'user:default/ada',
    updatedAt: '2026-11-01T10:00:00.000Z',
    version: 1,
    ...rest,
    spec: {
      owner: 'group:default/ml-team',
      component: 'component:default/fraud-model',
      environment: 'production',
      provider: 'azure-container-instances',
      region: 'westeurope',
      engine: 'terraform',
      artifact: { image: `${IMAGE}:1.0.0` },
      compute: compute ?? { cpu: 1, memoryMiB: 2048 },
      ...spec,
    },
  };
}

/** The references the renderer writes itself: the only templates allowed. */
export const REFERENCES =
  /^(http:\/\/)?\$\{(var\.(subscription_id|resource_group_name)|azurerm_container_group\.this\.(fqdn|ip_address|id))\}(:8080)?$/;

export const GROUP = 'main.tf.json/resource/azurerm_container_group/this';

/** The free-text fields a hostile value can reach, and where it lands. */
export const FIELDS: Record<
  string,
  {
    deployment: (value: string) => Deployment;
    /** Where the value lands… */
    paths: string[];
    /** …as this string, once Terraform has read it. */
    written: (value: string) => string;
  }
> = {
  'image tag': {
    deployment: v =>
      containerGroupDeployment({
        spec: { artifact: { image: `${IMAGE}:${v}` } },
      }),
    paths: [`${GROUP}/container/0/image`],
    written: v => `${IMAGE}:${v}`,
  },
  name: {
    deployment: v => containerGroupDeployment({ name: v }),
    paths: [`${GROUP}/name`],
    written: v => v,
  },
  'tag value (deployment id)': {
    deployment: v => containerGroupDeployment({ id: v }),
    paths: [`${GROUP}/tags/cloud-deployments-id`],
    written: v => v,
  },
};

const row = (
  image: 'data' | 'refused',
  tag: 'data' | 'refused' = image,
): Record<string, 'data' | 'refused'> => ({
  'image tag': image,
  name: 'refused',
  'tag value (deployment id)': tag,
});

/**
 * What render does with each hostile value in each field: `data` (written
 * escaped, read back intact) or `refused` (an InputError: the name rules, a
 * value over 4096 characters, or a lone surrogate). Container Instances'
 * own checks take any image, so only Terraform-level limits refuse one.
 */
export const EXPECTED: Record<string, Record<string, 'data' | 'refused'>> = {
  'double quotes': row('data'),
  backslashes: row('data'),
  interpolation: row('data'),
  'interpolation of variables': row('data'),
  directive: row('data'),
  'directive without spaces': row('data'),
  'escapes already': row('data'),
  'heredoc marker': row('data'),
  'heredoc with newlines': row('data'),
  newlines: row('data'),
  'YAML document marker': row('data'),
  'YAML anchors': row('data'),
  'unicode look-alikes': row('data'),
  'zero-width characters': row('data'),
  'bidi controls': row('data'),
  'JSON in a string': row('data'),
  '4000 characters of template starts': row('data'),
  'a megabyte of template starts': row('refused'),
  'a megabyte of plain text': row('refused'),
  'lone surrogate': row('refused'),
};
