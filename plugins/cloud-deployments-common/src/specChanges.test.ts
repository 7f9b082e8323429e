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
import { DeploymentSpec } from './types';
import { specChanges } from './specChanges';

const spec: DeploymentSpec = {
  owner: 'group:default/ml-team',
  component: 'component:default/service-1',
  environment: 'production',
  provider: 'kubernetes',
  region: 'eu-west-1',
  artifact: { image: 'ghcr.io/acme/model:1.0.0' },
  compute: { cpu: 1, memoryMiB: 512 },
  engine: 'kubernetes',
};

describe('specChanges', () => {
  it('finds nothing between equal specs', () => {
    expect(specChanges(spec, structuredClone(spec))).toEqual([]);
  });

  it('lists each changed, added and removed field by its path', () => {
    expect(
      specChanges(spec, {
        ...spec,
        artifact: {
          image: 'ghcr.io/acme/model:2.0.0',
          modelDataUrl: 's3://models/fraud.tar.gz',
        },
        compute: { cpu: 2, gpu: 1 },
      }),
    ).toEqual([
      {
        path: 'artifact.image',
        before: 'ghcr.io/acme/model:1.0.0',
        after: 'ghcr.io/acme/model:2.0.0',
      },
      { path: 'compute.cpu', before: '1', after: '2' },
      { path: 'compute.memoryMiB', before: '512', after: '—' },
      {
        path: 'artifact.modelDataUrl',
        before: '—',
        after: 's3://models/fraud.tar.gz',
      },
      { path: 'compute.gpu', before: '—', after: '1' },
    ]);
  });
});
