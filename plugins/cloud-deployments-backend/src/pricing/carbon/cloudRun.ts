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
  EmissionsLine,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudRunUsage } from '../estimators/cloudRunUsage';
import { UsageAssumptions } from '../estimators/types';
import {
  CarbonContext,
  embodiedLine,
  gridOf,
  operationalLine,
  powerCoefficient,
  wattsCoefficients,
  pueOf,
} from './lines';
import { wattsAt } from './power';
import { toEmissions } from './toEmissions';

/** The host whose embodied emissions a billed Cloud Run vCPU-hour takes a share of. */
export const CLOUD_RUN_EMBODIED_HOST = 'e2-standard-32';

const fmt = (n: number) => Number(n.toFixed(2)).toString();

/**
 * A Cloud Run service: the vCPU- and GiB-seconds its price bills (so free
 * tier aside, the same seconds), at the GCP median watts (no machine type is
 * known), all memory counted, the region's PUE. Idle minimum instances
 * (request billing) draw the idle watts. CCF counts no embodied emissions
 * for Cloud Run; by our convention the billed vCPU-hours take their share of
 * an e2-standard-32 host's.
 */
export function cloudRunEmissions(
  target: { region: string; compute: DeploymentCompute },
  ctx: CarbonContext,
  usage: UsageAssumptions,
): EmissionsEstimate {
  const { region } = target;
  const billed = cloudRunUsage(target.compute, usage);
  const { coefficients } = ctx;
  const grid = gridOf(ctx, 'gcp', region);
  const pue = pueOf(ctx, 'gcp', region);
  const watts = coefficients.cpuWatts.gcp;
  const u = ctx.utilization;
  const activeVcpuHours = (billed.vcpu * billed.activeSeconds) / 3600;
  const idleVcpuHours = (billed.vcpu * billed.idleSeconds) / 3600;
  const gibHours =
    (billed.memoryGiB * (billed.activeSeconds + billed.idleSeconds)) / 3600;
  const chipUnknown = {
    requested: 'watts of the chip',
    reason: `Cloud Run names no machine type: the ${watts.averageBasis} stands in`,
  };
  const cpuKwh =
    ((wattsAt(watts.average, u) * activeVcpuHours +
      watts.average.min * idleVcpuHours) *
      pue.value) /
    1000;
  const lines: EmissionsLine[] = [
    operationalLine({
      component: 'cpu',
      description: `CPU: ${fmt(activeVcpuHours)} billed vCPU-h at ${fmt(
        u * 100,
      )} %${
        idleVcpuHours > 0
          ? ` + ${fmt(
              idleVcpuHours,
            )} idle minimum-instance vCPU-h at idle watts`
          : ''
      } (GCP median)`,
      kwhPerMonth: cpuKwh,
      coefficients: [
        ...wattsCoefficients(ctx, 'vCPU', watts.average, watts.averageBasis),
        pue.coefficient,
      ],
      grid,
      region,
      approximations: [chipUnknown, pue.approximation],
    }),
    operationalLine({
      component: 'memory',
      description: `Memory: ${fmt(
        gibHours,
      )} billed GiB-h (GiB counted as GB, as CCF does)`,
      kwhPerMonth: gibHours * coefficients.memoryKwhPerGbHour * pue.value,
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
  const host = coefficients.gcp[CLOUD_RUN_EMBODIED_HOST];
  lines.push(
    embodiedLine(ctx, {
      cloud: 'gcp',
      description: `Embodied: ${fmt(
        activeVcpuHours + idleVcpuHours,
      )} billed vCPU-h as a share of an ${CLOUD_RUN_EMBODIED_HOST} host (${
        host?.familyLargestVcpu ?? '?'
      } vCPU)`,
      platformKg: host?.platformEmbodiedKg ?? null,
      host: CLOUD_RUN_EMBODIED_HOST,
      vcpuHours: activeVcpuHours + idleVcpuHours,
      hostVcpu: host?.familyLargestVcpu ?? 1,
      approximation: {
        requested: 'embodied emissions of the hosts Cloud Run runs on',
        reason: `a convention: CCF counts none for Cloud Run; the billed vCPU-hours take their share of an ${CLOUD_RUN_EMBODIED_HOST} host's (a general-purpose GCE host)`,
      },
    }),
  );
  return toEmissions(
    ctx,
    lines,
    {
      billing: usage.billing,
      billedVcpuHours: Number((activeVcpuHours + idleVcpuHours).toFixed(4)),
      billedGibHours: Number(gibHours.toFixed(4)),
      embodiedConvention: `share of an ${CLOUD_RUN_EMBODIED_HOST} host by billed vCPU-hours`,
    },
    [
      'The free tier lowers the price, not the emissions: every billed second is counted',
    ],
  );
}
