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
import { loadSnapshot } from '../snapshot/loadSnapshot';
import { PriceCatalog } from '../PriceCatalog';
import { resolveKubernetesNode } from './kubernetesNode';

describe('resolveKubernetesNode', () => {
  const catalog = PriceCatalog.fromSnapshot(loadSnapshot());
  const azure = {
    provider: 'azure',
    service: 'VirtualMachines',
    region: 'northeurope',
  } as const;

  it('is the default node when config names none', () => {
    expect(resolveKubernetesNode(catalog)).toMatchObject({
      instanceType: 'm5.large',
      vcpu: 2,
      memoryGiB: 8,
    });
  });

  it("sizes a configured type from the snapshot's machine specs", () => {
    expect(
      resolveKubernetesNode(catalog, {
        ...azure,
        instanceType: 'Standard_D4s_v5',
      }),
    ).toMatchObject({
      instanceType: 'Standard_D4s_v5',
      vcpu: 4,
      memoryGiB: 16,
    });
  });

  it('takes the size from config over the snapshot', () => {
    expect(
      resolveKubernetesNode(catalog, {
        ...azure,
        instanceType: 'Standard_M8ms',
        vcpu: 8,
        memoryGiB: 218.75,
      }),
    ).toMatchObject({ vcpu: 8, memoryGiB: 218.75 });
  });

  it('sizes the memory-optimised Ev5 sizes by their family rule', () => {
    expect(
      resolveKubernetesNode(catalog, {
        ...azure,
        instanceType: 'Standard_E4s_v5',
      }),
    ).toMatchObject({ vcpu: 4, memoryGiB: 32 });
  });

  it('refuses a type it cannot size, rather than price it as the default node', () => {
    expect(() =>
      resolveKubernetesNode(catalog, {
        ...azure,
        instanceType: 'Standard_M8ms',
        vcpu: 8,
      }),
    ).toThrow(
      'cloudDeployments.pricing.kubernetesNode: the price data has no size for azure Standard_M8ms; set memoryGiB',
    );
    expect(() =>
      resolveKubernetesNode(catalog, {
        ...azure,
        instanceType: 'Standard_M8ms',
      }),
    ).toThrow(/set vcpu and memoryGiB$/);
  });
});
