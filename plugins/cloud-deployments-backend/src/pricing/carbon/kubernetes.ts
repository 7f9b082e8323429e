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
import {
  DeploymentCompute,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { KubernetesNodeType } from '../estimators/types';
import { CarbonContext } from './lines';
import { machineLines } from './machine';
import { toEmissions } from './toEmissions';

/**
 * A Kubernetes Deployment: each replica's share of its node — the larger of
 * its CPU and memory requests against the node's size, the share its price
 * uses — of the node type's whole emissions (CPU, memory, GPUs, embodied).
 */
export function kubernetesEmissions(
  target: { compute: DeploymentCompute },
  ctx: CarbonContext,
  node: KubernetesNodeType,
  /** The node's GPUs by the price data, for a type the carbon data lacks. */
  nodeGpus?: number,
): EmissionsEstimate {
  const { compute } = target;
  const replicas = compute.minInstances ?? compute.instanceCount ?? 1;
  const cpu = compute.cpu ?? 0.1;
  const memoryGiB = (compute.memoryMiB ?? 128) / 1024;
  const share = Math.max(cpu / node.vcpu, memoryGiB / node.memoryGiB);
  return toEmissions(
    ctx,
    machineLines(ctx, {
      cloud: node.provider,
      instanceType: node.instanceType,
      region: node.region,
      count: replicas * share,
      what: `${replicas} replica(s) × ${(share * 100).toFixed(1)}% of a ${
        node.instanceType
      }`,
      size: { vcpu: node.vcpu, memoryGiB: node.memoryGiB, gpu: nodeGpus },
    }),
    {
      replicas,
      nodeShare: Number(share.toFixed(6)),
      nodeType: `${node.provider} ${node.instanceType} in ${node.region}`,
      shareBasis: 'max(CPU request ÷ node vCPU, memory request ÷ node memory)',
    },
  );
}
