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
import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import {
  cloudDeploymentEntityV1alpha1Schema,
  CloudDeploymentEntityV1alpha1,
  isCloudDeploymentEntity,
} from './entityKind';
import { deploymentSpecSchema } from './schemas/deploymentSpec';

const validate = entityKindSchemaValidator<CloudDeploymentEntityV1alpha1>(
  cloudDeploymentEntityV1alpha1Schema,
);

const entity: CloudDeploymentEntityV1alpha1 = {
  apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
  kind: 'CloudDeployment',
  metadata: { name: 'fraud-model-sagemaker' },
  spec: {
    owner: 'group:default/ml-team',
    component: 'component:default/fraud-model',
    system: 'system:default/fraud-detection',
    environment: 'production',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    engine: 'terraform',
    artifact: { modelDataUrl: 's3://acme-models/fraud/model.tar.gz' },
    compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
    ttl: 'P30D',
  },
};

const withSpec = (spec: Record<string, unknown>): Entity => ({
  ...entity,
  spec: { ...entity.spec, ...spec },
});

describe('cloudDeploymentEntityV1alpha1Schema', () => {
  it('accepts a valid entity, and its own example', () => {
    expect(validate(entity)).toBe(entity);
    for (const example of cloudDeploymentEntityV1alpha1Schema.examples) {
      expect(validate(example)).toBe(example);
    }
  });

  it('is not about other kinds or API versions', () => {
    expect(validate({ ...entity, kind: 'Component' })).toBe(false);
    expect(validate({ ...entity, apiVersion: 'backstage.io/v1alpha1' })).toBe(
      false,
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a missing owner',
      { owner: undefined },
      "/spec must have required property 'owner' - missingProperty: owner",
    ],
    [
      'an empty component',
      { component: '' },
      '/spec/component must NOT have fewer than 1 characters - limit: 1',
    ],
    [
      'an unknown provider',
      { provider: 'heroku' },
      '/spec/provider must be equal to one of the allowed values - allowedValues: aws-sagemaker,gcp-cloud-run,azure-container-instances,kubernetes',
    ],
    [
      'an unknown engine',
      { engine: 'pulumi' },
      '/spec/engine must be equal to one of the allowed values - allowedValues: sdk,terraform,kubernetes',
    ],
    [
      'a zero instance count',
      { compute: { instanceCount: 0 } },
      '/spec/compute/instanceCount must be >= 1 - comparison: >=, limit: 1',
    ],
    [
      'a fractional instance count',
      { compute: { instanceCount: 1.5 } },
      '/spec/compute/instanceCount must be integer - type: integer',
    ],
    [
      'no cpu',
      { compute: { cpu: 0 } },
      '/spec/compute/cpu must be > 0 - comparison: >, limit: 0',
    ],
    [
      'too little memory',
      { compute: { memoryMiB: 64 } },
      '/spec/compute/memoryMiB must be >= 128 - comparison: >=, limit: 128',
    ],
    [
      'negative min instances',
      { compute: { minInstances: -1 } },
      '/spec/compute/minInstances must be >= 0 - comparison: >=, limit: 0',
    ],
    [
      'zero max instances',
      { compute: { maxInstances: 0 } },
      '/spec/compute/maxInstances must be >= 1 - comparison: >=, limit: 1',
    ],
    [
      'an unknown compute field',
      { compute: { replicas: 2 } },
      '/spec/compute must NOT have additional properties - additionalProperty: replicas',
    ],
    [
      'an unknown artifact field',
      { artifact: { image: 'x', chart: 'y' } },
      '/spec/artifact must NOT have additional properties - additionalProperty: chart',
    ],
    [
      'an empty artifact',
      { artifact: {} },
      '/spec/artifact must NOT have fewer than 1 properties - limit: 1',
    ],
    [
      'an unknown spec field',
      { status: 'active' },
      '/spec must NOT have additional properties - additionalProperty: status',
    ],
    [
      'a ttl that is not a duration',
      { ttl: 'P' },
      '/spec/ttl must match pattern',
    ],
  ])('refuses %s, naming the field', (_case, spec, message) => {
    expect(() => validate(withSpec(spec))).toThrow(message);
  });

  it('refuses an entity without a spec', () => {
    expect(() => validate({ ...entity, spec: undefined })).toThrow(
      "<root> must have required property 'spec'",
    );
  });

  it('accepts every spec the backend accepts', () => {
    const specs = [
      entity.spec,
      {
        owner: 'group:default/web-team',
        component: 'component:default/web-api',
        environment: 'staging',
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        engine: 'sdk',
        artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
        compute: {
          cpu: 0.5,
          memoryMiB: 512,
          minInstances: 0,
          maxInstances: 10,
          concurrency: 80,
          gpu: 1,
        },
        ttl: 'PT12H',
        usage: {
          hoursPerMonth: 200,
          requestsPerMonth: 5_000_000,
          avgRequestDurationMs: 120,
          billing: 'request',
          applyFreeTier: true,
        },
      },
      {
        ...entity.spec,
        provider: 'azure-container-instances',
        region: 'westeurope',
        engine: 'sdk',
        artifact: { image: 'acme.azurecr.io/web:1.0' },
        compute: { cpu: 1, memoryMiB: 1536 },
        usage: { os: 'windows' },
      },
    ];
    for (const spec of specs) {
      expect(deploymentSpecSchema.safeParse(spec).success).toBe(true);
      expect(validate({ ...entity, spec })).toBeTruthy();
    }
  });

  it('refuses a usage the backend refuses', () => {
    expect(() => validate(withSpec({ usage: { hoursPerMonth: 800 } }))).toThrow(
      /hoursPerMonth must be <= 744/,
    );
    expect(() => validate(withSpec({ usage: { colour: 'red' } }))).toThrow(
      /must NOT have additional properties/,
    );
  });
});

describe('isCloudDeploymentEntity', () => {
  it('recognises the kind by apiVersion and kind', () => {
    expect(isCloudDeploymentEntity(entity)).toBe(true);
    expect(isCloudDeploymentEntity({ ...entity, kind: 'Component' })).toBe(
      false,
    );
    expect(
      isCloudDeploymentEntity({
        ...entity,
        apiVersion: 'cloud-deployments.backstage.io/v1beta1',
      }),
    ).toBe(false);
  });
});
