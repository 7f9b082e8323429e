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
  EmissionsLine,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CarbonContext,
  embodiedLine,
  gridOf,
  operationalLine,
  powerCoefficient,
  wattsCoefficients,
  pueOf,
} from './lines';
import { gpuLine, wattsAt } from './power';
import { toEmissions } from './toEmissions';

/** The host whose embodied emissions an ACI vCPU-hour takes a share of. */
export const ACI_EMBODIED_HOST = 'D2s v3';

/** ACI's GPU SKUs, by the model names of CCF's watts table. */
const GPU_MODELS: Record<string, string> = {
  K80: 'Nvidia Tesla K80',
  P100: 'Nvidia Tesla P100',
  V100: 'Nvidia Tesla V100',
};

const fmt = (n: number) => Number(n.toFixed(2)).toString();

/**
 * An Azure Container Instances container group: groups × vCPU × hours at the
 * Azure average watts (ACI names no chip), all memory, GPUs of its SKU, and
 * Azure's PUE. CCF counts no embodied emissions for ACI; by our convention
 * its vCPU-hours take their share of a D-series v3 host's.
 */
export function containerInstancesEmissions(
  target: { region: string; compute: DeploymentCompute },
  ctx: CarbonContext,
): EmissionsEstimate {
  const { region, compute } = target;
  const { coefficients } = ctx;
  const groups = compute.instanceCount ?? compute.minInstances ?? 1;
  const vcpu = compute.cpu ?? 1;
  const memoryGiB = (compute.memoryMiB ?? 1536) / 1024;
  const hours = ctx.hoursPerMonth;
  const u = ctx.utilization;
  const grid = gridOf(ctx, 'azure', region);
  const pue = pueOf(ctx, 'azure', region);
  const watts = coefficients.cpuWatts.azure;
  const vcpuHours = groups * vcpu * hours;
  const lines: EmissionsLine[] = [
    operationalLine({
      component: 'cpu',
      description: `CPU: ${groups} × ${vcpu} vCPU × ${fmt(hours)} h at ${fmt(
        u * 100,
      )} % (Azure average)`,
      kwhPerMonth: (wattsAt(watts.average, u) * vcpuHours * pue.value) / 1000,
      coefficients: [
        ...wattsCoefficients(ctx, 'vCPU', watts.average, watts.averageBasis),
        pue.coefficient,
      ],
      grid,
      region,
      approximations: [
        {
          requested: 'watts of the chip',
          reason: `ACI names no chip: the ${watts.averageBasis} stands in`,
        },
        pue.approximation,
      ],
    }),
    operationalLine({
      component: 'memory',
      description: `Memory: ${groups} × ${fmt(memoryGiB)} GiB × ${fmt(
        hours,
      )} h (GiB counted as GB, as CCF does)`,
      kwhPerMonth:
        groups *
        memoryGiB *
        hours *
        coefficients.memoryKwhPerGbHour *
        pue.value,
      coefficients: [
        powerCoefficient(
          ctx,
          'memory energy',
          coefficients.memoryKwhPerGbHour,
          'kWh/GB-hour',
        ),
        pue.coefficient,
      ],
      grid,
      region,
      approximations: [pue.approximation],
    }),
  ];
  const gpus = compute.gpu ?? 0;
  if (gpus > 0) {
    const sku = (compute.instanceType ?? 'V100').toUpperCase();
    const model = GPU_MODELS[sku];
    const gpuWatts = model ? coefficients.gpuWatts.azure[model] : undefined;
    lines.push(
      gpuLine(ctx, {
        description: `GPU: ${groups} × ${gpus} ${sku} × ${fmt(
          hours,
        )} h at ${fmt(u * 100)} %`,
        gpuHours: groups * gpus * hours,
        watts: gpuWatts,
        model,
        pue,
        grid,
        region,
        missingNote: `No watts for the ${sku} GPU in the data`,
      }),
    );
  }
  const host = coefficients.azure[ACI_EMBODIED_HOST];
  lines.push(
    embodiedLine(ctx, {
      cloud: 'azure',
      description: `Embodied: ${fmt(
        vcpuHours,
      )} vCPU-h as a share of a ${ACI_EMBODIED_HOST} host (${
        host?.familyLargestVcpu ?? '?'
      } vCPU)`,
      platformKg: host?.platformEmbodiedKg ?? null,
      host: ACI_EMBODIED_HOST,
      vcpuHours,
      hostVcpu: host?.familyLargestVcpu ?? 1,
      approximation: {
        requested: 'embodied emissions of the hosts ACI runs on',
        reason: `a convention: CCF counts none for ACI; the vCPU-hours take their share of a ${ACI_EMBODIED_HOST} host's (a general-purpose D-series v3 host)${
          gpus > 0 ? '; the GPUs’ manufacture is not counted' : ''
        }`,
      },
    }),
  );
  return toEmissions(ctx, lines, {
    containerGroups: groups,
    vcpu,
    memoryGiB,
    embodiedConvention: `share of a ${ACI_EMBODIED_HOST} host by vCPU-hours`,
  });
}
