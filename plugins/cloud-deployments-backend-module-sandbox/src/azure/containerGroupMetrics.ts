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
import { SandboxTraffic } from '../traffic/SandboxTraffic';
import { armError, ArmError, resourceNotFound } from './armErrors';
import { AciSandboxScope, containerGroupId } from './containerGroupModel';
import { ContainerGroupStore } from './ContainerGroupStore';

const NAMESPACE = 'Microsoft.ContainerInstance/containerGroups';
const METRIC = 'NetworkBytesReceivedPerSecond';
/** The other metrics of container groups, which the sandbox does not serve. */
const OTHER_METRICS = [
  'CpuUsage',
  'MemoryUsage',
  'NetworkBytesTransmittedPerSecond',
];
/** The time grains of the metric the sandbox serves, in hours. */
const GRAINS: Record<string, number> = { PT1H: 1, PT6H: 6, PT12H: 12 };
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** What the handler needs of the sandbox. */
export type MetricsContext = {
  store: ContainerGroupStore;
  traffic: SandboxTraffic;
  now: number;
};

/**
 * Answers `GET <container group>/providers/Microsoft.Insights/metrics` as
 * Azure Monitor does for `NetworkBytesReceivedPerSecond` with the `Average`
 * aggregation: every time grain of the timespan, with the average bytes per
 * second the group received in it, from the sandbox's traffic (health
 * probes at least, unless set explicitly), and no `average` for a grain in
 * which it did not exist. A grain's average times its seconds is what it
 * received, so the grains of a day add up to the day's traffic.
 */
export function containerGroupMetrics(
  ctx: MetricsContext,
  scope: AciSandboxScope,
  name: string,
  url: URL,
): ArmError | { status: number; body: unknown } {
  const group = ctx.store.lifetime(scope, name, ctx.now);
  if (!group) return resourceNotFound(scope.resourceGroup, name);
  const params = url.searchParams;
  const metric = params.get('metricnames') ?? '';
  if (metric.toLowerCase() !== METRIC.toLowerCase()) {
    return armError(
      400,
      'BadRequest',
      OTHER_METRICS.some(m => m.toLowerCase() === metric.toLowerCase())
        ? `The sandbox serves ${METRIC} only, not ${metric}`
        : `Failed to find metric configuration for provider: Microsoft.ContainerInstance, resource Type: containerGroups, metric: ${metric}, Valid metrics: ${[
            ...OTHER_METRICS,
            METRIC,
          ].join(',')}`,
    );
  }
  const namespace = params.get('metricnamespace');
  if (namespace && namespace.toLowerCase() !== NAMESPACE.toLowerCase()) {
    return armError(
      400,
      'BadRequest',
      `Metric namespace ${namespace} is not valid for a container group; use ${NAMESPACE}`,
    );
  }
  const aggregation = params.get('aggregation') ?? 'Average';
  if (aggregation.toLowerCase() !== 'average') {
    return armError(
      400,
      'BadRequest',
      `The sandbox serves the Average aggregation of ${METRIC} only (its default; it also has Minimum and Maximum, never Total), not ${aggregation}`,
    );
  }
  const interval = params.get('interval') ?? 'PT1H';
  const grainHours = GRAINS[interval.toUpperCase()];
  if (!grainHours) {
    return armError(
      400,
      'BadRequest',
      `Invalid interval ${interval}: ${METRIC} has time grains PT1M to PT12H (no P1D); the sandbox serves ${Object.keys(
        GRAINS,
      ).join(', ')}`,
    );
  }
  const grainMs = grainHours * HOUR_MS;
  const [start, end] = (params.get('timespan') ?? '')
    .split('/')
    .map(t => Date.parse(t));
  if (
    !Number.isFinite(start) ||
    !Number.isFinite(end) ||
    start >= end ||
    start % grainMs !== 0 ||
    end % grainMs !== 0
  ) {
    return armError(
      400,
      'BadRequest',
      `The sandbox needs a timespan of two ISO 8601 times (start/end), both on the ${interval} grain, the start first; got ${params.get(
        'timespan',
      )}`,
    );
  }

  const days = new Map(
    ctx.traffic
      .days(
        name,
        group.createdAt,
        group.until,
        Math.floor(start / DAY_MS) * DAY_MS,
        end,
      )
      .map(day => [day.start, day]),
  );
  const data: Array<{ timeStamp: string; average?: number }> = [];
  for (let grain = start; grain < end; grain += grainMs) {
    const timeStamp = new Date(grain).toISOString().replace('.000Z', 'Z');
    const day = days.get(Math.floor(grain / DAY_MS) * DAY_MS);
    const live = day
      ? Math.min(grain + grainMs, day.liveTo) - Math.max(grain, day.liveFrom)
      : 0;
    if (!day || live <= 0) {
      data.push({ timeStamp });
      continue;
    }
    const bytes = (day.amount * live) / (day.liveTo - day.liveFrom);
    data.push({ timeStamp, average: bytes / (grainMs / 1000) });
  }
  const id = containerGroupId(scope, name);
  return {
    status: 200,
    body: {
      cost: data.length,
      timespan: `${new Date(start).toISOString()}/${new Date(
        end,
      ).toISOString()}`,
      interval: interval.toUpperCase(),
      namespace: NAMESPACE,
      resourceregion: group.location,
      value: [
        {
          id: `${id}/providers/Microsoft.Insights/metrics/${METRIC}`,
          type: 'Microsoft.Insights/metrics',
          name: {
            value: METRIC,
            localizedValue: 'Network Bytes Received Per Second',
          },
          displayDescription: 'The network bytes received per second.',
          unit: 'Bytes',
          timeseries: [{ metadatavalues: [], data }],
          errorCode: 'Success',
        },
      ],
    },
  };
}
