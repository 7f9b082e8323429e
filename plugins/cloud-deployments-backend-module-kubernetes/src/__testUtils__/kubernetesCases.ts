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
import { KubernetesSettings } from '../cluster/readKubernetesConfig';

// Deployments and settings of the Kubernetes tests. Not part of the API.

export const SETTINGS: KubernetesSettings = {
  clusters: [
    {
      name: 'prod-eu',
      url: 'https://10.20.30.40:6443',
      token: 'render-test-token-never-written',
      caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==',
    },
    { name: 'staging', url: 'https://10.20.30.41:6443' },
  ],
  sandbox: false,
  namespace: 'apps',
  fieldManager: 'backstage-cloud-deployments',
  containerPort: 8080,
  rolloutTimeoutMs: 120_000,
};

export const IMAGE = 'ghcr.io/acme/web';

/** A kubernetes deployment, with overrides of the spec's parts. */
export function kubernetesDeployment(
  overrides: Partial<Omit<Deployment, 'spec'>> & {
    spec?: Partial<Deployment['spec']>;
    compute?: Deployment['spec']['compute'];
  } = {},
): Deployment {
  const { spec, compute, ...rest } = overrides;
  return {
    id: '5b0c6a52-1f4e-4a8e-9c0a-2d1e7f3b9a10',
    name: 'web',
    title: 'Web shop',
    status: 'provisioning',
    outputs: {},
    createdBy: 'user:default/ada',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'user:default/ada',
    updatedAt: '2026-11-01T10:00:00.000Z',
    version: 1,
    ...rest,
    spec: {
      owner: 'group:default/web-team',
      component: 'component:default/web-shop',
      environment: 'production',
      provider: 'kubernetes',
      region: 'europe-west1',
      engine: 'kubernetes',
      artifact: { image: `${IMAGE}:1.0.0` },
      compute: compute ?? {
        cpu: 0.5,
        memoryMiB: 512,
        minInstances: 2,
        maxInstances: 6,
      },
      ...spec,
    },
  };
}
