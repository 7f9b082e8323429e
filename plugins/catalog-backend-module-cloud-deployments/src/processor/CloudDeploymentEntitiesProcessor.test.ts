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
import { CloudDeploymentEntitiesProcessor } from './CloudDeploymentEntitiesProcessor';

const valid: Entity = {
  apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
  kind: 'CloudDeployment',
  metadata: { name: 'fraud-model-sagemaker', namespace: 'default' },
  spec: {
    owner: 'ml-team',
    component: 'component:default/fraud-model',
    system: 'fraud-detection',
    environment: 'production',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    engine: 'terraform',
    artifact: { modelDataUrl: 's3://models/fraud.tar.gz' },
    compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
  },
};

const withSpec = (spec: object): Entity => ({
  ...valid,
  spec: { ...valid.spec, ...spec },
});

describe('CloudDeploymentEntitiesProcessor', () => {
  const processor = new CloudDeploymentEntitiesProcessor();

  it('accepts a valid entity', async () => {
    await expect(processor.validateEntityKind(valid)).resolves.toBe(true);
  });

  it.each([
    ['another kind', { ...valid, kind: 'Component' }],
    [
      'another API version',
      { ...valid, apiVersion: 'cloud-deployments.backstage.io/v2' },
    ],
    [
      'a Component with the same spec',
      { ...valid, apiVersion: 'backstage.io/v1alpha1', kind: 'Component' },
    ],
  ])('leaves %s to other processors', async (_case, entity) => {
    await expect(processor.validateEntityKind(entity)).resolves.toBe(false);
  });

  it.each([
    [
      'a missing owner',
      withSpec({ owner: undefined }),
      "/spec must have required property 'owner' - missingProperty: owner",
    ],
    [
      'a missing component',
      withSpec({ component: undefined }),
      "/spec must have required property 'component' - missingProperty: component",
    ],
    [
      'an unknown provider',
      withSpec({ provider: 'heroku' }),
      '/spec/provider must be equal to one of the allowed values',
    ],
    [
      'a bad region',
      withSpec({ region: 'US East' }),
      '/spec/region must match pattern',
    ],
    [
      'a bad environment',
      withSpec({ environment: 'Prod!' }),
      '/spec/environment must match pattern',
    ],
    [
      'a negative instance count',
      withSpec({ compute: { instanceCount: -1 } }),
      '/spec/compute/instanceCount must be >= 1',
    ],
    [
      'an unknown compute field',
      withSpec({ compute: { replicas: 2 } }),
      '/spec/compute must NOT have additional properties - additionalProperty: replicas',
    ],
    [
      'an unknown engine',
      withSpec({ engine: 'pulumi' }),
      '/spec/engine must be equal to one of the allowed values',
    ],
    [
      'a bad model URL',
      withSpec({ artifact: { modelDataUrl: 'file:///etc/passwd' } }),
      '/spec/artifact/modelDataUrl must match pattern',
    ],
    [
      'live state in the spec',
      withSpec({ status: 'active' }),
      '/spec must NOT have additional properties - additionalProperty: status',
    ],
    [
      'a missing spec',
      { ...valid, spec: undefined },
      "<root> must have required property 'spec'",
    ],
    [
      'an owner that is not a group or user',
      withSpec({ owner: 'component:default/fraud-model' }),
      'Invalid CloudDeployment spec: owner: must refer to a group or user',
    ],
    [
      'an owner with a name the catalog does not accept',
      withSpec({ owner: 'group:default/ml team' }),
      'Invalid CloudDeployment spec: owner: must be an entity ref like',
    ],
    [
      'a system ref with an unpaired surrogate',
      withSpec({ system: 'system:default/fraud\ud800' }),
      'Invalid CloudDeployment spec: system: must be well-formed Unicode',
    ],
    [
      'what the API refuses, e.g. a SageMaker type that is not ml.*',
      withSpec({ compute: { instanceType: 'm5.large' } }),
      'Invalid CloudDeployment spec: compute.instanceType: must be a SageMaker instance type',
    ],
  ])('refuses %s, naming the field', async (_case, entity, message) => {
    await expect(
      processor.validateEntityKind(entity as Entity),
    ).rejects.toThrow(message);
  });

  it('relates the deployment to its owner, component and system, both ways', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(
      valid,
      { type: 'url', target: 'x' },
      emit,
    );
    const self = {
      kind: 'CloudDeployment',
      namespace: 'default',
      name: 'fraud-model-sagemaker',
    };
    const group = { kind: 'Group', namespace: 'default', name: 'ml-team' };
    const component = {
      kind: 'component',
      namespace: 'default',
      name: 'fraud-model',
    };
    const system = {
      kind: 'System',
      namespace: 'default',
      name: 'fraud-detection',
    };
    expect(emit.mock.calls.map(([r]) => r.relation)).toEqual([
      { source: self, type: 'ownedBy', target: group },
      { source: group, type: 'ownerOf', target: self },
      { source: self, type: 'dependsOn', target: component },
      { source: component, type: 'dependencyOf', target: self },
      { source: self, type: 'partOf', target: system },
      { source: system, type: 'hasPart', target: self },
    ]);
  });

  it('emits nothing for a deployment without a system, or for other kinds', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(
      withSpec({ system: undefined }),
      { type: 'url', target: 'x' },
      emit,
    );
    expect(emit).toHaveBeenCalledTimes(4);
    emit.mockClear();
    await processor.postProcessEntity(
      { ...valid, kind: 'Component', apiVersion: 'backstage.io/v1alpha1' },
      { type: 'url', target: 'x' },
      emit,
    );
    expect(emit).not.toHaveBeenCalled();
  });

  it("resolves short refs in the deployment's own namespace", async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(
      {
        ...valid,
        metadata: { name: 'fraud', namespace: 'payments' },
        spec: {
          ...valid.spec,
          owner: 'user:alice',
          component: 'fraud-model',
          system: 'system:shared/fraud',
        },
      },
      { type: 'url', target: 'x' },
      emit,
    );
    const self = {
      kind: 'CloudDeployment',
      namespace: 'payments',
      name: 'fraud',
    };
    expect(emit.mock.calls.map(([r]) => r.relation)).toEqual([
      {
        source: self,
        type: 'ownedBy',
        target: { kind: 'user', namespace: 'payments', name: 'alice' },
      },
      {
        source: { kind: 'user', namespace: 'payments', name: 'alice' },
        type: 'ownerOf',
        target: self,
      },
      {
        source: self,
        type: 'dependsOn',
        target: {
          kind: 'Component',
          namespace: 'payments',
          name: 'fraud-model',
        },
      },
      {
        source: {
          kind: 'Component',
          namespace: 'payments',
          name: 'fraud-model',
        },
        type: 'dependencyOf',
        target: self,
      },
      {
        source: self,
        type: 'partOf',
        target: { kind: 'system', namespace: 'shared', name: 'fraud' },
      },
      {
        source: { kind: 'system', namespace: 'shared', name: 'fraud' },
        type: 'hasPart',
        target: self,
      },
    ]);
  });
});
