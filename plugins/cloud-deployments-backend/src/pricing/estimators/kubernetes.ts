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
  CostEstimate,
  DeploymentCompute,
  EstimateLine,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cents, priceLine, toEstimate } from './lines';
import { EstimatorContext, KubernetesNodeType } from './types';

/**
 * The hourly price of a node: its own price, or for a GCE machine type the
 * catalogue lacks, its family's core and RAM prices × its size.
 */
function nodeLine(
  ctx: EstimatorContext,
  node: KubernetesNodeType,
  nodeHours: number,
  description: string,
): EstimateLine {
  const direct = priceLine(ctx.catalog, {
    provider: node.provider,
    service: node.service,
    region: node.region,
    sku: node.instanceType,
    unit: 'hour',
    quantity: nodeHours,
    description,
  });
  if (direct.unitPrice !== null || node.provider !== 'gcp') return direct;
  const family = node.instanceType.split('-')[0];
  const core = ctx.catalog.lookup(
    'gcp',
    node.service,
    node.region,
    `${family}-core`,
  );
  const ram = ctx.catalog.lookup(
    'gcp',
    node.service,
    node.region,
    `${family}-ram`,
  );
  if (!core.point || !ram.point) return direct;
  const hourly = node.vcpu * core.point.usd + node.memoryGiB * ram.point.usd;
  const borrowed = [core.point, ram.point].find(p => p.region !== node.region);
  return {
    ...direct,
    unitPrice: hourly,
    monthlyCost: cents(hourly * nodeHours),
    region: borrowed?.region ?? node.region,
    kind: borrowed ? 'approximate' : 'exact',
    ...(borrowed
      ? {
          approximation: {
            requestedRegion: node.region,
            reason: core.note ?? ram.note ?? `${borrowed.region} price used`,
          },
        }
      : {}),
    source: core.point.source,
    origin: core.point.origin,
    effectiveDate: core.point.effectiveDate,
    note: [
      `${node.instanceType} priced from ${family} core and RAM prices`,
      core.note,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/**
 * A Kubernetes Deployment: each replica's share of a node, by the larger of
 * its CPU and memory requests against the node's size, priced at the node
 * type's hourly price.
 */
export function estimateKubernetes(
  target: { compute: DeploymentCompute },
  ctx: EstimatorContext,
): CostEstimate {
  const node = ctx.kubernetesNode;
  const { compute } = target;
  const replicas = compute.minInstances ?? compute.instanceCount ?? 1;
  const cpu = compute.cpu ?? 0.1;
  const memoryGiB = (compute.memoryMiB ?? 128) / 1024;
  const share = Math.max(cpu / node.vcpu, memoryGiB / node.memoryGiB);
  const hours = ctx.usage.hoursPerMonth;
  return toEstimate(
    [
      nodeLine(
        ctx,
        node,
        replicas * share * hours,
        `Node share (${replicas} replica(s) × ${(share * 100).toFixed(
          1,
        )}% of a ${node.instanceType} × ${hours} h)`,
      ),
    ],
    {
      replicas,
      cpuRequest: cpu,
      memoryRequestGiB: memoryGiB,
      nodeType: `${node.provider} ${node.instanceType} in ${node.region} (${node.vcpu} vCPU, ${node.memoryGiB} GiB)`,
      shareBasis: 'max(CPU request ÷ node vCPU, memory request ÷ node memory)',
      hoursPerMonth: hours,
    },
  );
}
