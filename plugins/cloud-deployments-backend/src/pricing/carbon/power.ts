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
import { CarbonCloud, WattRange } from './CarbonCoefficients';
import { EmissionsLine } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  Approximation,
  CarbonContext,
  gridOf,
  operationalLine,
  pueOf,
  wattsCoefficients,
} from './lines';

const mean = (values: number[]) =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Watts per vCPU at a utilisation: idle plus the utilised part of the range. */
export const wattsAt = (range: WattRange, utilization: number) =>
  range.min + utilization * (range.max - range.min);

/**
 * Watts per vCPU of a machine whose chip is one of `archs`, by CCF's rule:
 * the mean of the candidates' watts, the median when the group has Sandy or
 * Ivy Bridge (their outlying watts would pull a mean); no candidate in the
 * provider's table → the provider's average, a stand-in.
 */
export function cpuWatts(
  ctx: CarbonContext,
  cloud: CarbonCloud,
  archs: string[],
): { range: WattRange; basis: string; approximation?: Approximation } {
  const table = ctx.coefficients.cpuWatts[cloud];
  const known = archs.filter(a => table.byArch[a]);
  if (known.length === 0) {
    return {
      range: table.average,
      basis: table.averageBasis,
      approximation: {
        requested: archs.length
          ? `watts of ${archs.join(', ')}`
          : 'watts of the chip',
        reason: archs.length
          ? `${archs.join(
              ', ',
            )} not in CCF's ${cloud.toUpperCase()} watts table: the ${
              table.averageBasis
            } stands in`
          : `the chip is unknown: the ${table.averageBasis} stands in`,
      },
    };
  }
  const aggregate = known.some(a => a === 'Sandy Bridge' || a === 'Ivy Bridge')
    ? median
    : mean;
  const range = {
    min: aggregate(known.map(a => table.byArch[a].min)),
    max: aggregate(known.map(a => table.byArch[a].max)),
  };
  const basis =
    known.length === 1
      ? known[0]
      : `${aggregate === median ? 'median' : 'mean'} of ${known.join(', ')}`;
  return { range, basis };
}

/**
 * GB of memory per chip of the benchmark server: memory above it is what CCF
 * counts for AWS and Azure VMs. No candidate known → the provider's average.
 */
export function benchmarkMemory(
  ctx: CarbonContext,
  cloud: 'aws' | 'azure',
  archs: string[],
): { gb: number; basis: string; approximation?: Approximation } {
  const table = ctx.coefficients.memoryGbPerChip[cloud];
  const known = archs.filter(a => table.byArch[a] !== undefined);
  if (known.length === 0) {
    return {
      gb: table.average,
      basis: `${cloud.toUpperCase()} average`,
      approximation: {
        requested: 'the benchmark server’s memory for the chip',
        reason: `chip unknown to CCF's ${cloud.toUpperCase()} memory table: its average stands in`,
      },
    };
  }
  return {
    gb: mean(known.map(a => table.byArch[a])),
    basis: known.length === 1 ? known[0] : `mean of ${known.join(', ')}`,
  };
}

/**
 * A GPU line: GPU-hours at the utilisation's watts × PUE; missing (with
 * `missingNote`) when the model has no watts in the data.
 */
export function gpuLine(
  ctx: CarbonContext,
  options: {
    description: string;
    gpuHours: number;
    watts: WattRange | undefined;
    model: string | undefined;
    pue: ReturnType<typeof pueOf>;
    grid: ReturnType<typeof gridOf>;
    region: string;
    missingNote: string;
  },
): EmissionsLine {
  const { watts, pue } = options;
  return operationalLine({
    component: 'gpu',
    description: options.description,
    kwhPerMonth: watts
      ? (wattsAt(watts, ctx.utilization) * options.gpuHours * pue.value) / 1000
      : null,
    coefficients: watts
      ? [
          ...wattsCoefficients(ctx, 'GPU', watts, options.model),
          pue.coefficient,
        ]
      : [pue.coefficient],
    grid: options.grid,
    region: options.region,
    approximations: [pue.approximation],
    ...(watts ? {} : { note: options.missingNote }),
  });
}
