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
import { MonitorClient, Response as MetricsResponse } from '@azure/arm-monitor';
import { TokenCredential } from '@azure/core-auth';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DailyTraffic,
  resourceNameOf,
  UsageMetricsSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Agent } from 'https';
import {
  AciSandboxConnection,
  createCredential,
  createSandboxAgent,
} from '../containerInstances/createAciClient';
import { AciSubscription } from '../containerInstances/readAciConfig';
import { subscriptionFor } from '../containerInstances/validateAciSpec';

/** The metric read: what a container group receives over the network. */
export const NETWORK_BYTES_RECEIVED = 'NetworkBytesReceivedPerSecond';

/**
 * The bytes a day at or below which a container group counts as idle, by
 * default: 10 MiB. A group that serves nothing still receives its health
 * probes (an HTTP probe every 10 s is some 8,640 requests a day, a few MiB
 * with their TCP handshakes), so the metric is never 0.
 *
 * @public
 */
export const DEFAULT_IDLE_BYTES_PER_DAY = 10 * 2 ** 20;

const NAMESPACE = 'Microsoft.ContainerInstance/containerGroups';
/** The grain asked for; the metric has none longer than PT12H (no P1D). */
const INTERVAL = 'PT1H';
const DEFAULT_ENDPOINT = 'https://management.azure.com';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Options of {@link AzureMonitorSource}.
 *
 * @public
 */
export type AzureMonitorSourceOptions = {
  /**
   * The subscriptions of the Container Instances provider: a deployment's
   * container group is read in its subscription (`spec.account`, the first
   * by default) and resource group, with that subscription's credentials and
   * endpoint.
   */
  subscriptions: AciSubscription[];
  /** The sandbox to read instead of Azure; the subscriptions' credentials are not used then. */
  sandbox?: AciSandboxConnection;
  /**
   * The bytes a day at or below which a day counts as idle. Default
   * {@link DEFAULT_IDLE_BYTES_PER_DAY}.
   */
  idleBytesPerDay?: number;
  /** Container groups read at once. Default 4. */
  concurrency?: number;
  /**
   * Retries of a request by the SDK's pipeline: throttling (HTTP 429,
   * honouring Retry-After), HTTP 5xx and network errors. Default 4.
   */
  maxRetries?: number;
  /** Time limit of one request, in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** The credentials of a subscription; default its service principal or the default chain. */
  credential?: (subscription: AciSubscription) => TokenCredential;
  /** The https agent of the clients, e.g. one trusting a test server. */
  agent?: Agent;
  /** Receives a line per answer: requests made. */
  logger?: LoggerService;
};

/**
 * How much traffic Azure Container Instances deployments had, from Azure
 * Monitor: the bytes each container group received a UTC day. Container
 * groups have no request count, so this is a proxy: their
 * `NetworkBytesReceivedPerSecond` metric (unit bytes, aggregations Average,
 * Minimum and Maximum, time grains PT1M to PT12H), read with
 * `metrics.list` on the group's resource id as hourly averages; an hour's
 * average bytes per second times 3,600 is what it received that hour, and
 * the hours of a UTC day add up to the day. Health probes keep it above 0,
 * so a day counts as idle at or below `idleBytesPerDay`. The credentials
 * need `Microsoft.Insights/metrics/read` on the container groups (e.g.
 * Monitoring Reader on their resource group).
 *
 * One request per container group, a few at once; throttling is retried by
 * the SDK's pipeline after the Retry-After ARM asks for. A container group
 * that cannot be read (gone, forbidden) or a malformed answer fails the
 * whole call: the source never returns part of the figures as if they were
 * all.
 *
 * @public
 */
export class AzureMonitorSource implements UsageMetricsSource {
  /** Stable id. */
  readonly id = 'azure-monitor';
  /** Shown beside a recommendation. */
  readonly title: string;
  /** The Container Instances deployment target's deployments. */
  readonly providers: readonly string[] = ['azure-container-instances'];
  /** Bytes received, a proxy for traffic; idle at or below `idleBytesPerDay`. */
  readonly metric: UsageMetricsSource['metric'];

  readonly #options: AzureMonitorSourceOptions;
  readonly #clients = new Map<string, MonitorClient>();
  readonly #agent?: Agent;

  constructor(options: AzureMonitorSourceOptions) {
    const idle = options.idleBytesPerDay ?? DEFAULT_IDLE_BYTES_PER_DAY;
    if (!(idle >= 0)) {
      throw new Error(`idleBytesPerDay must be 0 or more, got ${idle}`);
    }
    this.#options = options;
    this.title = options.sandbox ? 'Azure Monitor (sandbox)' : 'Azure Monitor';
    this.metric = {
      name: NETWORK_BYTES_RECEIVED,
      unit: 'bytes',
      idleAtOrBelow: idle,
    };
    this.#agent =
      options.agent ??
      (options.sandbox ? createSandboxAgent(options.sandbox) : undefined);
  }

  /**
   * The bytes each deployment's container group received on each UTC day
   * from `from` up to, not including, `to`. See {@link
   * @cloud-deployments-for-backstage/plugin-cloud-deployments-node#UsageMetricsSource.dailyTraffic}.
   */
  async dailyTraffic(request: {
    deployments: readonly Deployment[];
    from: string;
    to: string;
    signal?: AbortSignal;
  }): Promise<DailyTraffic[]> {
    const { deployments, from, to, signal } = request;
    for (const day of [from, to]) {
      if (!isDay(day)) throw new Error(`'${day}' is not a day (YYYY-MM-DD)`);
    }
    if (deployments.length === 0 || from >= to) return [];
    // Every deployment's place first, so that none is asked for in vain.
    const targets = deployments.map(deployment => {
      const subscription = subscriptionFor(
        deployment.spec,
        this.#options.subscriptions,
      );
      if (!subscription) {
        // No figure would read as "no traffic".
        throw new Error(
          `Cannot read the Azure Monitor metrics of deployment ${deployment.id}: ` +
            `its account '${deployment.spec.account}' is not among the configured subscriptions`,
        );
      }
      return { deployment, subscription };
    });

    const results: DailyTraffic[][] = new Array(targets.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
      // Once one fails the call fails: the others ask nothing more.
      while (next < targets.length && !failed) {
        const index = next++;
        const { deployment, subscription } = targets[index];
        try {
          signal?.throwIfAborted();
          results[index] = await this.#read(
            deployment,
            subscription,
            from,
            to,
            signal,
          );
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    const concurrency = Math.max(1, this.#options.concurrency ?? 4);
    await Promise.all(
      Array.from({ length: Math.min(concurrency, targets.length) }, worker),
    );
    const traffic = results.flat();
    this.#options.logger?.info(
      `Azure Monitor: ${traffic.length} daily figure(s) for ${deployments.length} deployment(s) from ${from} to ${to}; ${deployments.length} request(s)`,
    );
    return traffic;
  }

  /** Releases the connections kept open. */
  close(): void {
    if (!this.#options.agent) this.#agent?.destroy();
  }

  async #read(
    deployment: Deployment,
    subscription: AciSubscription,
    from: string,
    to: string,
    signal?: AbortSignal,
  ): Promise<DailyTraffic[]> {
    const name = resourceNameOf(deployment);
    // Without a leading slash: the SDK's path template adds it.
    const resourceUri = `subscriptions/${subscription.subscriptionId}/resourceGroups/${subscription.resourceGroup}/providers/${NAMESPACE}/${name}`;
    const where = `Azure Monitor metrics of container group ${name} (deployment ${deployment.id}) from ${from} to ${to}`;
    let response: MetricsResponse;
    try {
      response = await this.#client(subscription).metrics.list(resourceUri, {
        timespan: `${from}T00:00:00.000Z/${to}T00:00:00.000Z`,
        interval: INTERVAL,
        metricnames: NETWORK_BYTES_RECEIVED,
        aggregation: 'Average',
        metricnamespace: NAMESPACE,
        abortSignal: signal,
        requestOptions: { timeout: this.#options.timeoutMs ?? 30_000 },
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw failure(where, error);
    }
    return bytesByDay(response, {
      where,
      deploymentId: deployment.id,
      from,
      to,
    });
  }

  #client(subscription: AciSubscription): MonitorClient {
    let client = this.#clients.get(subscription.id);
    if (!client) {
      const { sandbox } = this.#options;
      const endpoint =
        sandbox?.url ?? subscription.endpoint ?? DEFAULT_ENDPOINT;
      const credential = sandbox
        ? sandbox.credential
        : (this.#options.credential ?? createCredential)(subscription);
      client = new MonitorClient(credential, subscription.subscriptionId, {
        endpoint,
        retryOptions: { maxRetries: this.#options.maxRetries ?? 4 },
        userAgentOptions: { userAgentPrefix: 'backstage-cloud-deployments' },
        ...(this.#agent ? { agent: this.#agent } : {}),
      });
      this.#clients.set(subscription.id, client);
    }
    return client;
  }
}

/**
 * The bytes of each UTC day in the answer: each grain's average bytes per
 * second times the grain's seconds, added up per day. Grains without an
 * average had no data; a day without any has no figure.
 */
function bytesByDay(
  response: MetricsResponse,
  context: { where: string; deploymentId: string; from: string; to: string },
): DailyTraffic[] {
  const { where, deploymentId, from, to } = context;
  const metrics: unknown = response?.value;
  const metric = Array.isArray(metrics)
    ? metrics.find(
        m =>
          String(m?.name?.value).toLowerCase() ===
          NETWORK_BYTES_RECEIVED.toLowerCase(),
      )
    : undefined;
  if (!metric) {
    throw new Error(`Malformed ${where}: no ${NETWORK_BYTES_RECEIVED} in it`);
  }
  if (metric.errorCode && metric.errorCode !== 'Success') {
    throw new Error(
      `${where} failed: ${metric.errorCode}${
        metric.errorMessage ? `: ${metric.errorMessage}` : ''
      }`,
    );
  }
  const grainSeconds = durationSeconds(response.interval ?? INTERVAL);
  if (!grainSeconds || grainSeconds > 86_400 || 86_400 % grainSeconds !== 0) {
    throw new Error(
      `Unexpected ${where}: a time grain of ${response.interval}, which does not divide a day`,
    );
  }
  const timeseries: unknown = metric.timeseries ?? [];
  if (!Array.isArray(timeseries)) {
    throw new Error(`Malformed ${where}: timeseries is not a list`);
  }
  const days = new Map<string, number>();
  for (const series of timeseries) {
    // Series of one metric split by dimension share their times; one does not repeat them.
    const seen = new Set<number>();
    const data: unknown = series?.data ?? [];
    if (!Array.isArray(data)) {
      throw new Error(`Malformed ${where}: a time series' data is not a list`);
    }
    for (const datum of data) {
      const at = datum?.timeStamp;
      const time =
        at instanceof Date ? at.getTime() : Date.parse(String(at ?? ''));
      const day = Number.isNaN(time)
        ? undefined
        : new Date(time).toISOString().slice(0, 10);
      if (
        !day ||
        day < from ||
        day >= to ||
        (time / 1000) % grainSeconds !== 0
      ) {
        throw new Error(
          `Malformed ${where}: a data point at ${JSON.stringify(
            at,
          )}, not the start of a ${
            response.interval ?? INTERVAL
          } grain from ${from} to ${to}`,
        );
      }
      const average = datum.average;
      if (average === undefined || average === null) continue;
      if (
        typeof average !== 'number' ||
        !Number.isFinite(average) ||
        average < 0
      ) {
        throw new Error(
          `Malformed ${where}: ${JSON.stringify(
            average,
          )} bytes per second at ${new Date(time).toISOString()}`,
        );
      }
      if (seen.has(time)) {
        throw new Error(
          `Malformed ${where}: ${new Date(time).toISOString()} twice`,
        );
      }
      seen.add(time);
      days.set(day, (days.get(day) ?? 0) + average * grainSeconds);
    }
  }
  return [...days].map(([day, bytes]) => ({
    deploymentId,
    day,
    amount: Math.round(bytes),
  }));
}

/** The seconds of an ISO 8601 duration of hours and minutes (`PT1H`, `PT30M`). */
function durationSeconds(duration: string): number | undefined {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/i.exec(duration);
  if (!match || (!match[1] && !match[2])) return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60;
}

function isDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
  );
}

/** An error of the SDK (RestError) named with the request it failed. */
function failure(where: string, error: unknown): Error {
  const e = error as Error & { statusCode?: number; code?: string };
  const status = e?.statusCode ? `HTTP ${e.statusCode}` : undefined;
  const throttled =
    e?.statusCode === 429 ? 'throttled, and the retries ran out' : undefined;
  return new Error(
    `${where} failed: ${[status, throttled, e?.code, e?.message]
      .filter(Boolean)
      .join(': ')}`,
    { cause: error },
  );
}
