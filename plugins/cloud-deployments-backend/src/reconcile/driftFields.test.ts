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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { describeDrift, driftFields } from './driftFields';

const spec = (compute: DeploymentSpec['compute']): DeploymentSpec => ({
  owner: 'group:default/a',
  component: 'component:default/b',
  environment: 'production',
  provider: 'kubernetes',
  region: 'local',
  engine: 'kubernetes',
  artifact: { image: 'ghcr.io/acme/shop:1' },
  compute,
});

describe('driftFields', () => {
  it('compares only what the provider read, against the spec', () => {
    expect(
      driftFields(spec({ cpu: 0.5, memoryMiB: 512 }), {
        image: 'ghcr.io/acme/shop:1',
        cpu: 0.5000000001,
        memoryMiB: 512,
      }),
    ).toEqual([]);
    // Nothing read, nothing compared: not a drift to guess.
    expect(driftFields(spec({ cpu: 0.5, memoryMiB: 512 }), {})).toEqual([]);
  });

  it('names the count after the field the spec uses, one instance by default', () => {
    expect(
      driftFields(spec({ cpu: 1, memoryMiB: 512, minInstances: 2 }), {
        instanceCount: 1,
      }),
    ).toEqual([{ field: 'compute.minInstances', desired: 2, observed: 1 }]);
    expect(
      driftFields(spec({ cpu: 1, memoryMiB: 512 }), { instanceCount: 4 }),
    ).toEqual([{ field: 'compute.instanceCount', desired: 1, observed: 4 }]);
  });

  it('reports variables added and labels dropped outside the portal', () => {
    const fields = driftFields(spec({ cpu: 1, memoryMiB: 512 }), {
      env: { POOL: 'pool.example:3333' },
      missingLabels: { 'app.kubernetes.io/name': 'shop' },
    });
    expect(fields).toEqual([
      { field: 'env.POOL', desired: null, observed: 'pool.example:3333' },
      {
        field: 'metadata.labels.app.kubernetes.io/name',
        desired: 'shop',
        observed: null,
      },
    ]);
    expect(describeDrift(fields)).toBe(
      'env.POOL none → pool.example:3333, metadata.labels.app.kubernetes.io/name shop → none',
    );
  });

  it("compares the variables with the spec's: changed, removed and added", () => {
    const withEnv = {
      ...spec({ cpu: 1, memoryMiB: 512 }),
      env: { LOG_LEVEL: 'info', MODEL: 'fraud' },
    };
    expect(
      driftFields(withEnv, { env: { LOG_LEVEL: 'info', MODEL: 'fraud' } }),
    ).toEqual([]);
    expect(
      driftFields(withEnv, { env: { LOG_LEVEL: 'debug', POOL: 'x:1' } }),
    ).toEqual([
      { field: 'env.LOG_LEVEL', desired: 'info', observed: 'debug' },
      { field: 'env.MODEL', desired: 'fraud', observed: null },
      { field: 'env.POOL', desired: null, observed: 'x:1' },
    ]);
    // All removed: an empty set read is not the same as none read.
    expect(driftFields(withEnv, { env: {} })).toHaveLength(2);
    expect(driftFields(withEnv, {})).toEqual([]);
  });
});
