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
import { SageMakerProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import { AzureContainerInstancesProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import { CloudRunProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import { KubernetesProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import {
  CreateDeploymentRequest,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  cloudRunRequest,
  sagemakerRequest,
  toNewDeployment,
} from '../__testUtils__/fixtures';
import { findIacIssues, findManifestIssues } from './iacFindings';

// What the portal's default policies see in the files our own renderers
// write today. A renderer change that opens exposure changes these.

function deployment(request: CreateDeploymentRequest): Deployment {
  const { name, title, description, spec } = toNewDeployment(request);
  return {
    id: '2c9a7e4b-5d1f-4b8e-9f3a-6e0d1c2b3a4f',
    name,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    spec,
    status: 'pending',
    outputs: {},
    createdBy: 'user:default/ada',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'user:default/ada',
    updatedAt: '2026-11-01T10:00:00.000Z',
    version: 0,
  };
}

const render = async (
  provider: CloudDeploymentProvider,
  request: CreateDeploymentRequest,
) => (await provider.render!(deployment(request))).files;

describe('findIacIssues on what the providers render', () => {
  it('AWS SageMaker: the endpoint configuration has no KMS key', async () => {
    const provider = new SageMakerProvider({
      accounts: [
        {
          id: 'prod',
          executionRoleArn: 'arn:aws:iam::123456789012:role/SageMaker',
        },
      ],
    });
    expect(findIacIssues(await render(provider, sagemakerRequest))).toEqual([
      {
        check: 'sagemaker-no-kms-key',
        resource: 'aws_sagemaker_endpoint_configuration.this',
        detail: 'aws_sagemaker_endpoint_configuration has no kms_key_arn',
      },
    ]);
  });

  it('Azure Container Instances: the container group has a public IP', async () => {
    const provider = new AzureContainerInstancesProvider({
      subscriptions: [
        {
          id: 'ml',
          subscriptionId: '11111111-2222-3333-4444-555555555555',
          resourceGroup: 'ml-models',
        },
      ],
    });
    const files = await render(provider, {
      ...sagemakerRequest,
      provider: 'azure-container-instances',
      region: 'westeurope',
      engine: 'terraform',
      artifact: { image: 'acme.azurecr.io/models/fraud:1.0.0' },
      compute: { cpu: 1, memoryMiB: 2048 },
    });
    expect(findIacIssues(files)).toEqual([
      {
        check: 'aci-public-ip',
        resource: 'azurerm_container_group.this',
        detail: 'ip_address_type = Public',
      },
    ]);
  });

  it('Google Cloud Run: nothing (no public invoker; IAM checks every call)', async () => {
    const provider = new CloudRunProvider({
      accounts: [{ id: 'web', projectId: 'acme-web' }],
    });
    expect(findIacIssues(await render(provider, cloudRunRequest))).toEqual([]);
  });

  it('Kubernetes: the container may run as root and has no CPU limit, in both the manifests and the Terraform', async () => {
    const provider = new KubernetesProvider({
      settings: {
        clusters: [{ name: 'prod-eu', url: 'https://10.20.30.40:6443' }],
        sandbox: false,
        namespace: 'apps',
        fieldManager: 'backstage-cloud-deployments',
        containerPort: 8080,
        rolloutTimeoutMs: 120_000,
      },
    });
    const files = await render(provider, {
      ...cloudRunRequest,
      provider: 'kubernetes',
      engine: 'kubernetes',
    });
    const root =
      "runAsNonRoot not set and runAsUser unset (runs as the image's user, root by default)";
    expect(findIacIssues(files)).toEqual([
      {
        check: 'kubernetes-no-limits',
        resource: 'Deployment/apps/web-api container app',
        detail: 'no resources.limits.cpu',
      },
      {
        check: 'kubernetes-root',
        resource: 'Deployment/apps/web-api container app',
        detail: root,
      },
      {
        check: 'kubernetes-no-limits',
        resource: 'kubernetes_deployment_v1.this container app',
        detail: 'no resources.limits.cpu',
      },
      {
        check: 'kubernetes-root',
        resource: 'kubernetes_deployment_v1.this container app',
        detail:
          "run_as_non_root not set and run_as_user unset (runs as the image's user, root by default)",
      },
    ]);
    expect(findManifestIssues(files['manifests/deployment.yaml'])).toEqual(
      findIacIssues(files).filter(f => f.resource.startsWith('Deployment/')),
    );
  });
});
