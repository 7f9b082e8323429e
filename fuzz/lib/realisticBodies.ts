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
import fc from 'fast-check';
import {
  cloudRunRequest,
  sagemakerRequest,
} from '../../plugins/cloud-deployments-backend/src/__testUtils__/fixtures';

/*
 * What real clients send, as the starting points the mutations change. Words
 * starting with `$` are filled in when the request is sent, from what the
 * backend holds at that moment (see world.ts): a fresh name, a deployment's
 * id or current version, a workspace, a lock.
 */

const azureRequest = {
  name: 'batch-job',
  owner: 'group:default/data-team',
  component: 'component:default/batch-job',
  environment: 'development',
  provider: 'azure-container-instances',
  region: 'westeurope',
  engine: 'sdk',
  artifact: { image: 'acme.azurecr.io/batch/job:3.1' },
  compute: { cpu: 1, memoryMiB: 1536 },
  ttl: 'P7D',
};

const kubernetesRequest = {
  name: 'shop',
  title: 'Shop',
  description: 'The web shop',
  owner: 'group:default/web-team',
  component: 'component:default/shop',
  system: 'system:default/storefront',
  environment: 'staging',
  provider: 'kubernetes',
  region: 'europe-west1',
  engine: 'kubernetes',
  artifact: { image: 'ghcr.io/acme/shop:1.0.0' },
  compute: { cpu: 0.25, memoryMiB: 256, minInstances: 1, maxInstances: 4 },
};

/** Creatable in sandbox mode: engine sdk (terraform needs real accounts). */
export const createBodies = [
  { ...sagemakerRequest, name: '$fresh-name' },
  { ...cloudRunRequest, engine: 'sdk', name: '$fresh-name' },
  { ...azureRequest, name: '$fresh-name' },
  { ...kubernetesRequest, name: '$fresh-name' },
  // Refused on purpose: terraform in sandbox mode, a name already taken.
  { ...cloudRunRequest, name: '$fresh-name' },
  { ...kubernetesRequest, name: '$taken-name' },
];

export const renderBodies = [
  { ...cloudRunRequest, name: 'web-api' },
  { ...kubernetesRequest },
  { ...kubernetesRequest, engine: 'terraform' },
  { ...azureRequest, engine: 'terraform' },
  { ...sagemakerRequest, engine: 'terraform' },
];

export const compareBodies = [
  {
    compute: { cpu: 1, memoryMiB: 2048 },
    usage: { requestsPerMonth: 10_000_000 },
    regions: {
      'aws-sagemaker': ['us-east-1', 'eu-west-1'],
      'gcp-cloud-run': ['us-central1', 'europe-west1'],
      'azure-container-instances': ['eastus', 'westeurope'],
    },
  },
  {
    compute: { cpu: 4, memoryMiB: 16384, gpu: 1, minInstances: 1 },
    providers: ['aws-sagemaker', 'kubernetes'],
  },
  {
    compute: { cpu: 1, memoryMiB: 2048 },
    usage: { cpuUtilization: 0.25 },
    providers: ['azure-container-instances', 'kubernetes'],
    sort: 'emissions',
  },
];

export const estimateBodies = [
  {
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
  },
  {
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 5 },
    usage: {
      requestsPerMonth: 1_000_000,
      avgRequestDurationMs: 120,
      billing: 'request',
      applyFreeTier: true,
      cpuUtilization: 0.25,
    },
  },
  {
    provider: 'azure-container-instances',
    region: 'eastus',
    compute: { cpu: 2, memoryMiB: 4096 },
    usage: { hoursPerMonth: 200, os: 'windows' },
  },
  {
    provider: 'kubernetes',
    region: 'cluster',
    compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2 },
  },
  { ...cloudRunRequest, engine: 'sdk' },
];

export const updateBodies = [
  { version: '$version', title: 'New title', description: null },
  { version: '$version', compute: { cpu: 2, memoryMiB: 1024 } },
  {
    version: '$version',
    owner: 'group:default/platform',
    system: null,
    ttl: 'PT12H',
  },
  { version: '$version', artifact: { image: 'ghcr.io/acme/shop:2.0.0' } },
  { version: 1, environment: 'production' },
  { version: '$version', region: 'us-east-1' },
];

const change = (
  type: string,
  actions: string[],
  before: object | null,
  after: object | null,
) => ({
  address: `${type}.x`,
  type,
  mode: 'managed',
  change: { actions, before, after },
});

/** A `terraform show -json` plan of every resource type the pricer knows. */
export const planBody = {
  plan: {
    format_version: '1.2',
    configuration: {
      provider_config: {
        aws: { expressions: { region: { constant_value: 'us-east-1' } } },
      },
    },
    resource_changes: [
      change('aws_sagemaker_endpoint_configuration', ['create'], null, {
        production_variants: [
          { instance_type: 'ml.m5.large', initial_instance_count: 2 },
        ],
      }),
      change(
        'aws_instance',
        ['update'],
        { instance_type: 'm5.large' },
        { instance_type: 'm5.xlarge' },
      ),
      change('google_cloud_run_v2_service', ['delete', 'create'], null, {
        location: 'europe-west1',
        template: [
          {
            containers: [
              { resources: [{ limits: { cpu: '1', memory: '512Mi' } }] },
            ],
            scaling: [{ min_instance_count: 1, max_instance_count: 3 }],
          },
        ],
      }),
      change('azurerm_container_group', ['create'], null, {
        location: 'West Europe',
        os_type: 'Linux',
        container: [{ cpu: 1, memory: 1.5 }],
      }),
      change('kubernetes_deployment_v1', ['create'], null, {
        spec: [
          {
            replicas: 2,
            template: [
              {
                spec: [
                  {
                    container: [
                      {
                        resources: [
                          { requests: { cpu: '250m', memory: '256Mi' } },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
      change('google_compute_instance', ['create'], null, {
        zone: 'us-central1-a',
        machine_type: 'e2-standard-2',
      }),
      change('azurerm_linux_virtual_machine', ['create'], null, {
        location: 'eastus',
        size: 'Standard_B2s',
      }),
      { ...change('aws_s3_bucket', ['read'], null, {}), mode: 'data' },
    ],
  },
  awsRegion: 'us-east-1',
};

/** Manifests of a small app: what `cloud:render` writes for Kubernetes. */
export const manifestsYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          ports: [{ containerPort: 8080, name: http }]
          resources:
            requests: { cpu: 250m, memory: 256Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
`;

export const kubernetesApplyBody = {
  manifests: '$manifests',
  applySet: 'web',
  namespace: 'default',
  prune: false,
  dryRun: true,
  wait: false,
  timeoutSeconds: 5,
};

export const workspaceBodies = [
  { name: '$fresh-workspace' },
  { deploymentId: '$deployment-id' },
  { name: '$fresh-workspace', deploymentId: '$deployment-id' },
  {},
];

/** One of a list, chosen by the fuzzer. */
export const oneOf = <T>(list: T[]) => fc.constantFrom(...list);
