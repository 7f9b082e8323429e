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
import { WellFormedTextProcessor } from './WellFormedTextProcessor';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', namespace: 'default', description: 'Ünïcode 🚀' },
  spec: { type: 'service', lifecycle: 'production', owner: 'web-team' },
};

describe('WellFormedTextProcessor', () => {
  const processor = new WellFormedTextProcessor();

  it('passes entities of any kind with well-formed text through unchanged', async () => {
    await expect(processor.preProcessEntity(component)).resolves.toBe(
      component,
    );
  });

  it.each([
    [
      'an owner with an unpaired surrogate',
      {
        ...component,
        spec: { ...component.spec, owner: 'group:default/a\ud800b' },
      },
      'component:default/web cannot be stored by the catalog: spec.owner: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    ],
    [
      'a NUL in a description',
      {
        ...component,
        metadata: { ...component.metadata, description: 'a\u0000b' },
      },
      'component:default/web cannot be stored by the catalog: metadata.description: must not contain NUL characters',
    ],
    [
      'an annotation key with an unpaired surrogate',
      {
        ...component,
        metadata: { ...component.metadata, annotations: { 'x\udc00': 'y' } },
      },
      'component:default/web cannot be stored by the catalog: metadata.annotations: has a key that must be well-formed Unicode',
    ],
    [
      'a name with one, which the message does not echo',
      { ...component, metadata: { ...component.metadata, name: 'w\ud800b' } },
      'component:default/w\ufffdb cannot be stored by the catalog: metadata.name: must be well-formed Unicode',
    ],
  ])('refuses %s, naming where', async (_case, entity, message) => {
    await expect(processor.preProcessEntity(entity as Entity)).rejects.toThrow(
      message,
    );
  });
});
