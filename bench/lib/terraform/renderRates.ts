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
/* eslint-disable no-console */
import { performance } from 'node:perf_hooks';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { renderSageMakerTerraform } from '../../../plugins/cloud-deployments-backend-module-aws/src/terraform/sageMakerTerraform';
import { renderCloudRunTerraform } from '../../../plugins/cloud-deployments-backend-module-gcp/src/terraform/cloudRunTerraform';
import { renderContainerGroupTerraform } from '../../../plugins/cloud-deployments-backend-module-azure/src/terraform/containerGroupTerraform';
import { renderKubernetes } from '../../../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/renderKubernetes';
import { validateManifests } from '../../../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/validateManifests';
import { deploymentManifests } from '../../../plugins/cloud-deployments-backend-module-kubernetes/src/manifests/deploymentManifests';

// Renders per second of each provider's Terraform, and manifest validation.

function time<T>(fn: () => T): [number, T] {
  const started = performance.now();
  const result = fn();
  return [performance.now() - started, result];
}

function deployment(spec: Partial<DeploymentSpec>, i: number): Deployment {
  const now = new Date().toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `svc-${i}`,
    title: `Service ${i} "quoted" \${var.x}`,
    spec: {
      owner: 'group:default/team',
      component: 'component:default/svc',
      environment: 'production',
      engine: 'terraform',
      ...spec,
    } as DeploymentSpec,
    status: 'pending',
    outputs: {},
    createdBy: 'bench',
    createdAt: now,
    updatedBy: 'bench',
    updatedAt: now,
    version: 1,
  };
}

export function benchRenders(renders: number) {
  const cases: Array<[string, (i: number) => unknown]> = [
    [
      'aws-sagemaker',
      i =>
        renderSageMakerTerraform(
          deployment(
            {
              provider: 'aws-sagemaker',
              region: 'us-east-1',
              artifact: {
                image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/m:${i}`,
              },
              compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
            },
            i,
          ),
          { id: 'prod', executionRoleArn: 'arn:aws:iam::123456789012:role/sm' },
        ),
    ],
    [
      'gcp-cloud-run',
      i =>
        renderCloudRunTerraform(
          deployment(
            {
              provider: 'gcp-cloud-run',
              region: 'europe-west1',
              artifact: { image: `europe-docker.pkg.dev/acme/web/api:${i}` },
              compute: {
                cpu: 1,
                memoryMiB: 512,
                minInstances: 0,
                maxInstances: 5,
              },
            },
            i,
          ),
          { id: 'prod', projectId: 'acme-prod' },
        ),
    ],
    [
      'azure-container-instances',
      i =>
        renderContainerGroupTerraform(
          deployment(
            {
              provider: 'azure-container-instances',
              region: 'westeurope',
              artifact: { image: `acme.azurecr.io/web/api:${i}` },
              compute: { cpu: 1, memoryMiB: 1536 },
            },
            i,
          ),
          {
            id: 'prod',
            subscriptionId: '00000000-0000-0000-0000-000000000000',
            resourceGroup: 'rg',
          },
        ),
    ],
    [
      'kubernetes (YAML manifests + Terraform)',
      i =>
        renderKubernetes(
          kubernetesDeployment(i),
          { name: 'prod', url: 'https://10.0.0.1:6443' },
          KUBERNETES_SETTINGS,
        ),
    ],
  ];
  console.log(`\nrenders per second (${renders} deployments each, one core):`);
  for (const [name, render] of cases) {
    for (let i = 0; i < 200; i++) render(i); // warm up
    const [ms] = time(() => {
      for (let i = 0; i < renders; i++) render(i);
    });
    console.log(`  ${name}: ${((renders / ms) * 1000).toFixed(0)} renders/s`);
  }
}

const KUBERNETES_SETTINGS = {
  clusters: [],
  sandbox: false,
  namespace: 'apps',
  fieldManager: 'bench',
  containerPort: 8080,
  rolloutTimeoutMs: 600_000,
};

const kubernetesDeployment = (i: number) =>
  deployment(
    {
      provider: 'kubernetes',
      region: 'us-east-1',
      engine: 'kubernetes',
      artifact: { image: `ghcr.io/acme/web:${i}` },
      compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2, maxInstances: 6 },
    },
    i,
  );

/** What checking manifests against the Kubernetes schemas costs, per deployment. */
export async function benchManifestValidation(renders: number) {
  const manifests = Array.from({ length: renders }, (_, i) =>
    deploymentManifests(kubernetesDeployment(i), KUBERNETES_SETTINGS),
  );
  for (let i = 0; i < 200; i++) await validateManifests(manifests[i]);
  const start = performance.now();
  for (const m of manifests) await validateManifests(m);
  const ms = performance.now() - start;
  console.log(
    `  kubernetes manifest validation (schemas + extra checks, 3 objects): ${(
      (renders / ms) *
      1000
    ).toFixed(0)} deployments/s`,
  );
}
