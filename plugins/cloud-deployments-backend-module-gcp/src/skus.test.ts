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
import { classifyCloudRunSku, classifyComputeSku } from './skus';

describe('classifyCloudRunSku', () => {
  it.each([
    ['Services CPU (Request-based billing)', 'request-cpu', 'vcpu-second', 0],
    [
      'Services CPU Tier 2  (Request-based billing)',
      'request-cpu',
      'vcpu-second',
      1,
    ],
    [
      'Services Memory (Request-based billing)',
      'request-memory',
      'gib-second',
      0,
    ],
    [
      'Services Memory Tier 2 (Request-based billing)',
      'request-memory',
      'gib-second',
      1,
    ],
    [
      'Services Min Instance CPU (Request-based billing)',
      'request-idle-cpu',
      'vcpu-second',
      0,
    ],
    [
      'Services Min Instance CPU Tier 2 (Request-based billing)',
      'request-idle-cpu',
      'vcpu-second',
      1,
    ],
    [
      'Services Min Instance Memory (Request-based billing)',
      'request-idle-memory',
      'gib-second',
      0,
    ],
    [
      'Services Min Instance Memory Tier 2 (Request-based billing)',
      'request-idle-memory',
      'gib-second',
      1,
    ],
    ['Requests', 'requests', 'request', 0],
    [
      'Services CPU (Instance-based billing) in us-central1',
      'instance-cpu',
      'vcpu-second',
      0,
    ],
    [
      'Services Memory (Instance-based billing) in europe-west3',
      'instance-memory',
      'gib-second',
      0,
    ],
    [
      'Services CPU (Instance-based billing) in in asia-northeast1',
      'instance-cpu',
      'vcpu-second',
      0,
    ],
  ])('maps %j to %s', (description, sku, unit, rank) => {
    expect(classifyCloudRunSku(description, { usageType: 'OnDemand' })).toEqual(
      { sku, unit, rank },
    );
  });

  it.each([
    'Jobs CPU in us-central1',
    'Jobs Memory in us-central1',
    'Services CPU (Instance-based billing)',
    'Commitment v1: Services CPU in us-central1 for 1 Year',
    'Network Internet Egress from Americas to Americas',
    'Services NVIDIA L4 GPU (Request-based billing)',
  ])('ignores %j', description => {
    expect(classifyCloudRunSku(description)).toBeUndefined();
  });

  it('ignores SKUs that are not on demand', () => {
    expect(
      classifyCloudRunSku('Services CPU (Request-based billing)', {
        usageType: 'Commit1Yr',
      }),
    ).toBeUndefined();
  });
});

describe('classifyComputeSku', () => {
  const cpu = {
    resourceFamily: 'Compute',
    resourceGroup: 'CPU',
    usageType: 'OnDemand',
  };
  const ram = { ...cpu, resourceGroup: 'RAM' };
  const n1 = { ...cpu, resourceGroup: 'N1Standard' };

  it.each([
    ['E2 Instance Core running in Americas', cpu, 'e2-core', 'vcpu-hour'],
    ['E2 Instance Ram running in Americas', ram, 'e2-ram', 'gib-hour'],
    [
      'N1 Predefined Instance Core running in Zurich',
      n1,
      'n1-core',
      'vcpu-hour',
    ],
    ['N1 Predefined Instance Ram running in Zurich', n1, 'n1-ram', 'gib-hour'],
    ['N2 Instance Ram running in Belgium', ram, 'n2-ram', 'gib-hour'],
    ['N2D AMD Instance Core running in Virginia', cpu, 'n2d-core', 'vcpu-hour'],
    ['Compute optimized Core running in Americas', cpu, 'c2-core', 'vcpu-hour'],
    ['Compute optimized Ram running in Frankfurt', ram, 'c2-ram', 'gib-hour'],
    ['C3 Instance Core running in Americas', cpu, 'c3-core', 'vcpu-hour'],
    ['T2D AMD Instance Ram running in EMEA', ram, 't2d-ram', 'gib-hour'],
  ])('maps %j to %s', (description, category, sku, unit) => {
    expect(classifyComputeSku(description, category)).toEqual({
      sku,
      unit,
      rank: 0,
    });
  });

  it.each([
    ['Spot Preemptible E2 Instance Core running in Americas', cpu],
    ['Preemptible Compute optimized Ram running in Montreal', ram],
    ['Commitment v1: E2 Cpu in Americas for 1 Year', cpu],
    ['Commitment: Compute optimized Core running in Americas for 1 Year', cpu],
    ['N2 Custom Instance Core running in Americas', cpu],
    ['Custom Instance Core running in Americas', cpu],
    ['N1 Sole Tenancy Instance Core running in Americas', cpu],
    ['N2 Custom Extended Instance Ram running in Americas', ram],
    ['C2D AMD Instance Core running in Americas', cpu],
    ['Memory-optimized Instance Core running in Americas', cpu],
    [
      'Nvidia Tesla T4 GPU running in Americas',
      { ...cpu, resourceGroup: 'GPU' },
    ],
    ['E2 Instance Ram running in Americas', cpu],
    ['E2 Instance Core running in Americas', n1],
  ])('ignores %j (%j)', (description, category) => {
    expect(classifyComputeSku(description, category)).toBeUndefined();
  });

  it('ignores SKUs that are not on demand', () => {
    expect(
      classifyComputeSku('E2 Instance Core running in Americas', {
        ...cpu,
        usageType: 'Preemptible',
      }),
    ).toBeUndefined();
  });
});
