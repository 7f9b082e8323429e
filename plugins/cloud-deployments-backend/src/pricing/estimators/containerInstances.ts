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
import {
  ACI_SKUS,
  PRICE_KEYS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { priceLine, toEstimate } from './lines';
import { EstimatorContext } from './types';

/**
 * An Azure Container Instances container group: vCPU hours and memory GiB
 * hours, the Windows software surcharge per vCPU-second on Windows, and GPU
 * hours of the GPU SKU (`compute.instanceType`, default V100).
 */
export function estimateContainerInstances(
  target: { region: string; compute: DeploymentCompute },
  ctx: EstimatorContext,
): CostEstimate {
  const { usage, catalog } = ctx;
  const { region, compute } = target;
  const groups = compute.instanceCount ?? compute.minInstances ?? 1;
  const vcpu = compute.cpu ?? 1;
  const memoryGiB = (compute.memoryMiB ?? 1536) / 1024;
  const hours = usage.hoursPerMonth;
  const common = {
    provider: 'azure' as const,
    service: PRICE_KEYS.azure.containerInstances,
    region,
  };
  const lines: EstimateLine[] = [
    priceLine(catalog, {
      ...common,
      sku: ACI_SKUS.vcpu,
      unit: 'vcpu-hour',
      quantity: groups * vcpu * hours,
      description: `vCPU hours (${groups} × ${vcpu} vCPU × ${hours} h)`,
    }),
    priceLine(catalog, {
      ...common,
      sku: ACI_SKUS.memory,
      unit: 'gib-hour',
      quantity: groups * memoryGiB * hours,
      description: `Memory GiB hours (${groups} × ${memoryGiB} GiB × ${hours} h)`,
    }),
  ];
  if (usage.os === 'windows') {
    lines.push(
      priceLine(catalog, {
        ...common,
        sku: ACI_SKUS.windowsSoftware,
        unit: 'vcpu-second',
        quantity: groups * vcpu * hours * 3600,
        description: 'Windows software (per vCPU-second)',
      }),
    );
  }
  const gpus = compute.gpu ?? 0;
  const gpuModel = (compute.instanceType ?? 'V100').toLocaleLowerCase('en-US');
  if (gpus > 0) {
    lines.push(
      priceLine(catalog, {
        ...common,
        sku: `${ACI_SKUS.gpuPrefix}${gpuModel}`,
        unit: 'gpu-hour',
        quantity: groups * gpus * hours,
        description: `GPU hours (${groups} × ${gpus} ${gpuModel.toUpperCase()})`,
      }),
    );
  }
  return toEstimate(lines, {
    containerGroups: groups,
    vcpu,
    memoryGiB,
    os: usage.os,
    gpu: gpus > 0 ? `${gpus} × ${gpuModel.toUpperCase()}` : 'none',
    hoursPerMonth: hours,
  });
}
