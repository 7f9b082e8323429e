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
import { EmissionsLine } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CarbonCloud, CarbonMachine } from './CarbonCoefficients';
import {
  CarbonContext,
  embodiedLine,
  gridOf,
  operationalLine,
  powerCoefficient,
  wattsCoefficients,
  pueOf,
} from './lines';
import { benchmarkMemory, cpuWatts, gpuLine, wattsAt } from './power';

const fmt = (n: number) => Number(n.toFixed(2)).toString();

/** Azure's API names a size `Standard_D2s_v3`; CCF's tables say `D2s v3`. */
const azureName = (type: string) =>
  type.replace(/^Standard_/i, '').replace(/_/g, ' ');

/** A machine type's coefficients, or `undefined` when the data lacks it. */
export function machineOf(
  ctx: CarbonContext,
  cloud: CarbonCloud,
  instanceType: string,
): CarbonMachine | undefined {
  const table = ctx.coefficients[cloud];
  return cloud === 'azure'
    ? table[azureName(instanceType)] ?? table[instanceType]
    : table[instanceType];
}

/** A machine's size from the price data, for a type the carbon data lacks. */
export type MachineSize = { vcpu: number; memoryGiB: number; gpu?: number };

/**
 * The monthly emissions of `count` machines of a type (a fraction for a
 * share of one) running all `hoursPerMonth`, by CCF's method: CPU watts by
 * microarchitecture at the utilisation, memory (for AWS and Azure only what
 * exceeds the benchmark server's, as CCF counts it), GPUs at the same
 * utilisation, and the host's embodied emissions by the machine's share of
 * its vCPUs. A type the data lacks: CPU from the price data's vCPUs at the
 * provider's average watts (approximate), the rest missing.
 */
export function machineLines(
  ctx: CarbonContext,
  options: {
    cloud: CarbonCloud;
    instanceType: string;
    region: string;
    count: number;
    /** How `count` reads in a description, e.g. `1 × m5.large`. */
    what: string;
    size?: MachineSize;
  },
): EmissionsLine[] {
  const { cloud, instanceType, region, count, what } = options;
  const machine = machineOf(ctx, cloud, instanceType);
  const hours = ctx.hoursPerMonth;
  const instanceHours = count * hours;
  const grid = gridOf(ctx, cloud, region);
  const pue = pueOf(ctx, cloud, region);
  const vcpu = machine?.vcpu ?? options.size?.vcpu;
  const u = ctx.utilization;
  const pct = `${fmt(u * 100)} %`;
  const lines: EmissionsLine[] = [];

  const watts = cpuWatts(ctx, cloud, machine?.archs ?? []);
  const vcpuHours = vcpu === undefined ? null : vcpu * instanceHours;
  lines.push(
    operationalLine({
      component: 'cpu',
      description:
        vcpu === undefined
          ? `CPU: ${what} (vCPUs unknown)`
          : `CPU: ${what} × ${vcpu} vCPU × ${fmt(hours)} h at ${pct} (${
              watts.basis
            })`,
      kwhPerMonth:
        vcpuHours === null
          ? null
          : (wattsAt(watts.range, u) * vcpuHours * pue.value) / 1000,
      coefficients: [
        ...wattsCoefficients(ctx, 'vCPU', watts.range, watts.basis),
        pue.coefficient,
      ],
      grid,
      region,
      approximations: [
        machine
          ? watts.approximation
          : {
              requested: `${instanceType}'s chip`,
              reason: `${instanceType} is not in the carbon data: ${
                vcpu === undefined
                  ? 'its size is unknown'
                  : 'vCPUs from the price data'
              }, the ${ctx.coefficients.cpuWatts[cloud].averageBasis}'s watts`,
            },
        pue.approximation,
      ],
      ...(vcpu === undefined
        ? {
            note: `${instanceType} is in neither the carbon nor the price data`,
          }
        : {}),
    }),
  );

  const memoryCoefficient = powerCoefficient(
    ctx,
    'memory energy',
    ctx.coefficients.memoryKwhPerGbHour,
    'kWh/GB-hour',
  );
  if (!machine) {
    lines.push(
      operationalLine({
        component: 'memory',
        description: `Memory: ${what}`,
        kwhPerMonth: null,
        coefficients: [memoryCoefficient],
        grid,
        region,
        note: `${instanceType} is not in the carbon data: the memory CCF counts for it is unknown`,
      }),
    );
  } else if (cloud === 'gcp') {
    lines.push(
      operationalLine({
        component: 'memory',
        description: `Memory: ${what} × ${fmt(machine.memoryGb)} GB × ${fmt(
          hours,
        )} h`,
        kwhPerMonth:
          machine.memoryGb *
          instanceHours *
          ctx.coefficients.memoryKwhPerGbHour *
          pue.value,
        coefficients: [memoryCoefficient, pue.coefficient],
        grid,
        region,
        approximations: [pue.approximation],
      }),
    );
  } else {
    // CCF's rule: the benchmark server's memory is in its watts already, so
    // only the largest size's memory above it per chip counts, shared by size.
    const bench = benchmarkMemory(ctx, cloud, machine.archs);
    const chips = Math.ceil(machine.familyLargestVcpu / 96);
    const extraGb =
      Math.max(0, machine.familyLargestMemoryGb / chips - bench.gb) /
      (machine.familyLargestMemoryGb / machine.memoryGb);
    lines.push(
      operationalLine({
        component: 'memory',
        description: `Memory above the benchmark server's: ${what} × ${fmt(
          extraGb,
        )} of ${fmt(machine.memoryGb)} GB × ${fmt(hours)} h`,
        kwhPerMonth:
          extraGb *
          instanceHours *
          ctx.coefficients.memoryKwhPerGbHour *
          pue.value,
        coefficients: [
          memoryCoefficient,
          powerCoefficient(
            ctx,
            'benchmark memory per chip',
            bench.gb,
            'GB',
            bench.basis,
          ),
          pue.coefficient,
        ],
        grid,
        region,
        approximations: [bench.approximation, pue.approximation],
      }),
    );
  }

  const gpus = machine?.gpus ?? options.size?.gpu ?? 0;
  if (gpus > 0) {
    const model = machine?.gpuModel;
    const gpuWatts = model
      ? ctx.coefficients.gpuWatts[cloud][model]
      : undefined;
    lines.push(
      gpuLine(ctx, {
        description: `GPU: ${what} × ${gpus} ${model ?? 'GPU'} × ${fmt(
          hours,
        )} h at ${pct}`,
        gpuHours: gpus * instanceHours,
        watts: gpuWatts,
        model,
        pue,
        grid,
        region,
        missingNote: `The GPU model of ${instanceType} has no watts in the data`,
      }),
    );
  }

  lines.push(
    embodiedLine(ctx, {
      cloud,
      description: `Embodied: ${what} × ${vcpu ?? '?'} of ${
        machine?.familyLargestVcpu ?? '?'
      } host vCPUs × ${fmt(hours)} h`,
      platformKg: machine?.platformEmbodiedKg ?? null,
      host: instanceType,
      vcpuHours: vcpuHours ?? 0,
      hostVcpu: machine?.familyLargestVcpu ?? 1,
    }),
  );
  return lines;
}
