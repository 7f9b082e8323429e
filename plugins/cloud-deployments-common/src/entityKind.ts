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
const integer = (minimum: number) => ({ type: 'integer', minimum });

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
    'A deployment of a component to a cloud target: AWS SageMaker, Google Cloud Run, Azure Container Instances or Kubernetes.',
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
            owner: ref('An entity reference to the owner of the deployment.'),
            component: ref('An entity reference to the component deployed.'),
            system: ref('An entity reference to the system it belongs to.'),
            environment: {
              type: 'string',
              pattern: '^[a-z][a-z0-9-]{0,31}$',
              description: 'production, staging, development, …',
            },
            provider: { enum: [...DEPLOYMENT_PROVIDERS] },
            region: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' },
            artifact: {
              type: 'object',
              additionalProperties: false,
              properties: {
                image: { type: 'string', minLength: 1, maxLength: 512 },
                modelDataUrl: {
                  type: 'string',
                  pattern: '^(s3|gs|https?)://\\S+$',
                },
              },
            },
            compute: {
              type: 'object',
              additionalProperties: false,
              properties: {
                instanceType: { type: 'string', minLength: 1, maxLength: 64 },
                instanceCount: integer(1),
                cpu: { type: 'number', exclusiveMinimum: 0 },
                memoryMiB: integer(128),
                minInstances: integer(0),
                maxInstances: integer(1),
                concurrency: integer(1),
                gpu: integer(0),
              },
            },
            engine: { enum: [...DEPLOYMENT_ENGINES] },
            ttl: { type: 'string', pattern: '^P' },
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
