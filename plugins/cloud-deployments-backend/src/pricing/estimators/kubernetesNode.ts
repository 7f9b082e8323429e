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
import { InputError } from '@backstage/errors';
import { PriceCatalog } from '../PriceCatalog';
import { DEFAULT_KUBERNETES_NODE, KubernetesNodeType } from './types';

/**
 * The node Kubernetes pods are priced on: the configured type, sized from
 * config or else from the snapshot's machine specs.
 *
 * A type whose size neither gives is refused: pricing a share of it with the
 * default node's size would be a wrong figure that looks right.
 */
export function resolveKubernetesNode(
  catalog: PriceCatalog,
  configured: Partial<KubernetesNodeType> = {},
): KubernetesNodeType {
  const node = { ...DEFAULT_KUBERNETES_NODE, ...configured };
  if (!configured.instanceType) return node;
  const spec = catalog.machineSpec(node.provider, node.instanceType);
  const vcpu = configured.vcpu ?? spec?.vcpu;
  const memoryGiB = configured.memoryGiB ?? spec?.memoryGiB;
  if (vcpu === undefined || memoryGiB === undefined) {
    const missing = [
      vcpu === undefined ? 'vcpu' : undefined,
      memoryGiB === undefined ? 'memoryGiB' : undefined,
    ].filter(Boolean);
    throw new InputError(
      `cloudDeployments.pricing.kubernetesNode: the price data has no size for ${
        node.provider
      } ${node.instanceType}; set ${missing.join(' and ')}`,
    );
  }
  return { ...node, vcpu, memoryGiB };
}
