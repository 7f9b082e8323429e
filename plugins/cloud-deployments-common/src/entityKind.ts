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
import { Entity } from '@backstage/catalog-model';
import { CLOUD_DEPLOYMENT_API_VERSION, CLOUD_DEPLOYMENT_KIND } from './entity';
import {
  DEPLOYMENT_ENGINES,
  DEPLOYMENT_PROVIDERS,
  DeploymentSpec,
} from './types';

/**
 * A deployment in the catalog.
 *
 * @public
 */
export interface CloudDeploymentEntityV1alpha1 extends Entity {
  apiVersion: typeof CLOUD_DEPLOYMENT_API_VERSION;
  kind: typeof CLOUD_DEPLOYMENT_KIND;
  spec: DeploymentSpec;
}

const ref = (description: string) => ({
  type: 'string',
  minLength: 1,
  description,
});
const integer = (minimum: number, description: string) => ({
  type: 'integer',
  minimum,
  description,
});

/**
 * The JSON schema of `CloudDeployment` entities, for the catalog's kind
 * validation (in the style of Backstage's own kind schemas).
 *
 * @public
 */
export const cloudDeploymentEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'CloudDeploymentV1alpha1',
  description:
    'A deployment of a component to a cloud target: AWS SageMaker, Google Cloud Run, Azure Container Instances or Kubernetes. Its spec is what a person declares; live state (status, endpoint, cost) stays with the cloud-deployments backend.',
  examples: [
    {
      apiVersion: CLOUD_DEPLOYMENT_API_VERSION,
      kind: CLOUD_DEPLOYMENT_KIND,
      metadata: {
        name: 'fraud-api-cloud-run',
        title: 'Fraud API on Cloud Run',
      },
      spec: {
        owner: 'group:default/ml-team',
        component: 'component:default/fraud-model',
        system: 'system:default/fraud-detection',
        environment: 'staging',
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        engine: 'sdk',
        artifact: { image: 'europe-docker.pkg.dev/acme/fraud/api:1.4.0' },
        compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 },
      },
    },
  ],
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [CLOUD_DEPLOYMENT_API_VERSION] },
        kind: { enum: [CLOUD_DEPLOYMENT_KIND] },
        spec: {
          type: 'object',
          additionalProperties: false,
          required: [
            'owner',
            'component',
            'environment',
            'provider',
            'region',
            'artifact',
            'compute',
            'engine',
          ],
          properties: {
            owner: ref(
              'An entity reference to the owner of the deployment (default kind Group).',
            ),
            component: ref(
              'An entity reference to the component deployed (default kind Component).',
            ),
            system: ref(
              'An entity reference to the system the deployment belongs to (default kind System).',
            ),
            environment: {
              type: 'string',
              pattern: '^[a-z][a-z0-9-]{0,31}$',
              description:
                "The environment: production, staging, development, or an organisation's own name.",
            },
            provider: {
              enum: [...DEPLOYMENT_PROVIDERS],
              description: 'The deployment target.',
            },
            region: {
              type: 'string',
              pattern: '^[a-z][a-z0-9-]{1,39}$',
              description:
                'The provider region, e.g. us-east-1, europe-west1, westeurope.',
            },
            artifact: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              description:
                'What is deployed: a container image and/or model data.',
              properties: {
                image: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 512,
                  description: 'A container image reference.',
                },
                modelDataUrl: {
                  type: 'string',
                  maxLength: 1024,
                  pattern: '^(s3|gs|https?)://\\S+$',
                  description: 'An s3://, gs:// or https:// URL of model data.',
                },
              },
            },
            compute: {
              type: 'object',
              additionalProperties: false,
              description:
                'The compute asked for: an instance type and count, or cpu, memory and scaling.',
              properties: {
                instanceType: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 64,
                  description: 'A provider instance type, e.g. ml.m5.large.',
                },
                instanceCount: integer(1, 'The number of instances.'),
                cpu: {
                  type: 'number',
                  exclusiveMinimum: 0,
                  description: 'vCPUs per instance or container.',
                },
                memoryMiB: integer(
                  128,
                  'Memory per instance or container, in MiB.',
                ),
                minInstances: integer(0, 'The instances kept running.'),
                maxInstances: integer(1, 'The most instances scaled out to.'),
                concurrency: integer(
                  1,
                  'Concurrent requests one instance serves.',
                ),
                gpu: integer(0, 'GPUs per instance or container.'),
              },
            },
            account: {
              type: 'string',
              pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
              description:
                'The configured cloud account (AWS account, GCP project, Azure subscription) to deploy into; the default one when absent.',
            },
            engine: {
              enum: [...DEPLOYMENT_ENGINES],
              description: 'How the deployment is provisioned.',
            },
            ttl: {
              type: 'string',
              pattern:
                '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$',
              description:
                'Time to live as an ISO 8601 duration, e.g. P7D; destroyed after it.',
            },
            env: {
              type: 'object',
              maxProperties: 100,
              description:
                'Environment variables of the deployed container (not for secrets: everyone who reads the deployment sees them).',
              propertyNames: {
                pattern: '^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,127}$',
              },
              additionalProperties: { type: 'string', maxLength: 4096 },
            },
            usage: {
              type: 'object',
              additionalProperties: false,
              description:
                'The usage its estimate assumes, where the defaults do not fit.',
              properties: {
                hoursPerMonth: {
                  type: 'number',
                  exclusiveMinimum: 0,
                  maximum: 744,
                },
                requestsPerMonth: { type: 'integer', minimum: 0 },
                avgRequestDurationMs: { type: 'number', exclusiveMinimum: 0 },
                billing: { enum: ['request', 'instance'] },
                os: { enum: ['linux', 'windows'] },
                applyFreeTier: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  ],
} as const;

/**
 * Whether an entity is a `CloudDeployment`.
 *
 * @public
 */
export function isCloudDeploymentEntity(
  entity: Entity,
): entity is CloudDeploymentEntityV1alpha1 {
  return (
    entity.apiVersion === CLOUD_DEPLOYMENT_API_VERSION &&
    entity.kind === CLOUD_DEPLOYMENT_KIND
  );
}
