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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DailyTraffic,
  resourceNameOf,
  UsageMetricsSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { MetricServiceClient, protos } from '@google-cloud/monitoring';
import { AuthClient } from 'google-auth-library';
import { parseApiEndpoint } from '../cloudRun/apiEndpoint';
import { sandboxAuthClient } from '../cloudRun/createServicesClient';
import { CloudRunAccount } from '../cloudRun/readCloudRunConfig';

type ListTimeSeriesRequest = protos.google.monitoring.v3.IListTimeSeriesRequest;
type ListTimeSeriesResponse =
  protos.google.monitoring.v3.IListTimeSeriesResponse;
type TimeSeries = protos.google.monitoring.v3.ITimeSeries;

/** The metric of Cloud Run's requests, per revision. */
export const REQUEST_COUNT_METRIC = 'run.googleapis.com/request_count';

/**
 * Options of {@link GcpMonitoringSource}.
 *
 * @public
 */
export type GcpMonitoringSourceOptions = {
  /**
   * The Cloud Run provider's projects: a deployment's metrics are read in
   * its project (`spec.account`, the first by default), with that project's
   * credentials, or Application Default Credentials when it has none.
   */
  accounts: readonly CloudRunAccount[];
  /**
   * The URL of the Cloud Run sandbox, which answers Cloud Monitoring too,
   * with a fixed token; the accounts' credentials are not used then.
   */
  sandboxUrl?: string;
  /**
   * The Cloud Monitoring API endpoint: a host, `host:port` or URL; default
   * `monitoring.googleapis.com`.
   */
  apiEndpoint?: string;
  /** An authenticated client for every project, e.g. with a fixed token in tests. */
  authClient?: AuthClient;
  /** Services per request (a `one_of` of their names). Default 100. */
  servicesPerRequest?: number;
  /** Points per page of an answer; Cloud Monitoring's default (100 000) when absent. */
  pageSize?: number;
  /**
   * Retries of a request by the client, with exponential backoff:
   * throttling (`RESOURCE_EXHAUSTED`, HTTP 429), `UNAVAILABLE` and
   * `DEADLINE_EXCEEDED`. Default 4.
   */
  maxRetries?: number;
  /** Time limit of one attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Receives a line per answer: requests made and pages read. */
  logger?: LoggerService;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_SECONDS = 86_400;
// google.rpc.Code
const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/** One project's deployments, and the client that reads them. */
type Project = {
  account: CloudRunAccount;
  client: MetricServiceClient;
  deployments: Deployment[];
};

/**
 * How much traffic Cloud Run deployments had, from Google Cloud Monitoring:
 * `run.googleapis.com/request_count` of each service (resource
 * `cloud_run_revision`, label `service_name`), summed per UTC day
 * (`ALIGN_SUM` over 86400s) and across revisions and response codes
 * (`REDUCE_SUM` by service and location), with `projects.timeSeries.list`
 * in each deployment's project, up to 100 services per request, following
 * `nextPageToken`. The credentials need `monitoring.timeSeries.list` (e.g.
 * `roles/monitoring.viewer`).
 *
 * The client talks REST (`fallback: true`), retries throttling with backoff,
 * and a malformed or partial answer (one with `executionErrors`) fails the
 * whole call: the source never returns part of the figures as if they were
 * all.
 *
 * @public
 */
export class GcpMonitoringSource implements UsageMetricsSource {
  /** Stable id. */
  readonly id = 'gcp-cloud-monitoring';
  /** Shown beside a recommendation. */
  readonly title: string;
  /** The Cloud Run deployment target's deployments. */
  readonly providers: readonly string[] = ['gcp-cloud-run'];
  /** Requests served; a day without any is idle. */
  readonly metric = {
    name: REQUEST_COUNT_METRIC,
    unit: 'requests',
    idleAtOrBelow: 0,
  } as const;

  readonly #options: GcpMonitoringSourceOptions;
  readonly #clients = new Map<string, MetricServiceClient>();

  constructor(options: GcpMonitoringSourceOptions) {
    this.#options = options;
    this.title = options.sandboxUrl
      ? 'Google Cloud Monitoring (sandbox)'
      : 'Google Cloud Monitoring';
  }

  /**
   * Each deployment's requests on each UTC day from `from` up to, not
   * including, `to`. See {@link
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
      if (!isDay(day)) {
        throw new Error(`'${day}' is not a day (YYYY-MM-DD)`);
      }
    }
    if (deployments.length === 0 || from >= to) return [];
    const projects = this.#projects(deployments);
    const traffic: DailyTraffic[] = [];
    let pages = 0;
    // One project after another: the read quota is per project.
    for (const project of projects) {
      const perRequest = this.#options.servicesPerRequest ?? 100;
      for (let i = 0; i < project.deployments.length; i += perRequest) {
        const batch = project.deployments.slice(i, i + perRequest);
        const read = await this.#read(project, batch, from, to, signal);
        traffic.push(...read.traffic);
        pages += read.pages;
      }
    }
    this.#options.logger?.info(
      `Google Cloud Monitoring: ${traffic.length} daily figure(s) for ${deployments.length} deployment(s) in ${projects.length} project(s) from ${from} to ${to}; ${pages} page(s) read`,
    );
    return traffic;
  }

  /** Closes the clients. */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(client => client.close()));
  }

  #projects(deployments: readonly Deployment[]): Project[] {
    const { accounts } = this.#options;
    const projects = new Map<string, Project>();
    for (const deployment of deployments) {
      const { account: id } = deployment.spec;
      const account =
        id === undefined ? accounts[0] : accounts.find(a => a.id === id);
      if (!account) {
        // No figure would read as "no traffic".
        throw new Error(
          `Cannot read the Cloud Monitoring metrics of deployment ${deployment.id}: ` +
            `its account '${id}' is not among the configured Google Cloud projects`,
        );
      }
      let project = projects.get(account.id);
      if (!project) {
        project = { account, client: this.#client(account), deployments: [] };
        projects.set(account.id, project);
      }
      project.deployments.push(deployment);
    }
    return [...projects.values()];
  }

  #client(account: CloudRunAccount): MetricServiceClient {
    let client = this.#clients.get(account.id);
    if (client) return client;
    const { sandboxUrl, apiEndpoint, authClient } = this.#options;
    if (sandboxUrl) {
      client = new MetricServiceClient({
        ...parseApiEndpoint(sandboxUrl),
        projectId: account.projectId,
        fallback: true,
        authClient: sandboxAuthClient(),
      });
    } else {
      client = new MetricServiceClient({
        ...(apiEndpoint ? parseApiEndpoint(apiEndpoint) : {}),
        projectId: account.projectId,
        fallback: true,
        ...(authClient ? { authClient } : {}),
        ...(!authClient && account.credentials
          ? { credentials: account.credentials as any }
          : {}),
        ...(!authClient && account.keyFilename
          ? { keyFilename: account.keyFilename }
          : {}),
      });
    }
    this.#clients.set(account.id, client);
    return client;
  }

  /** The traffic of some of a project's deployments, page by page. */
  async #read(
    project: Project,
    deployments: Deployment[],
    from: string,
    to: string,
    signal?: AbortSignal,
  ): Promise<{ traffic: DailyTraffic[]; pages: number }> {
    const { projectId } = project.account;
    // A service is named by its deployment's cloud name, in its region.
    const byService = new Map<string, string>();
    for (const d of deployments) {
      byService.set(`${resourceNameOf(d)}\u0000${d.spec.region}`, d.id);
    }
    const names = [...new Set(deployments.map(d => resourceNameOf(d)))];
    let request: ListTimeSeriesRequest | null | undefined = {
      name: `projects/${projectId}`,
      filter: [
        `metric.type = "${REQUEST_COUNT_METRIC}"`,
        'resource.type = "cloud_run_revision"',
        `resource.labels.service_name = one_of(${names.map(quote).join(', ')})`,
      ].join(' AND '),
      interval: {
        startTime: { seconds: Date.parse(`${from}T00:00:00Z`) / 1000 },
        endTime: { seconds: Date.parse(`${to}T00:00:00Z`) / 1000 },
      },
      aggregation: {
        alignmentPeriod: { seconds: DAY_SECONDS },
        perSeriesAligner: 'ALIGN_SUM',
        crossSeriesReducer: 'REDUCE_SUM',
        groupByFields: [
          'resource.labels.service_name',
          'resource.labels.location',
        ],
      },
      view: 'FULL',
      ...(this.#options.pageSize ? { pageSize: this.#options.pageSize } : {}),
    };
    const where = `Google Cloud Monitoring answer for project ${projectId} from ${from} to ${to}`;
    const amounts = new Map<string, DailyTraffic>();
    const seenTokens = new Set<string>();
    let pages = 0;
    while (request) {
      signal?.throwIfAborted();
      pages += 1;
      const [series, next, response] = await this.#list(
        project.client,
        request,
        `${where} (page ${pages})`,
        signal,
      );
      const page = `${where}, page ${pages}`;
      const errors = response?.executionErrors ?? [];
      if (errors.length > 0) {
        throw new Error(
          `Incomplete ${page}: ${errors
            .map(e => `${e.code ?? '?'} ${e.message ?? ''}`.trim())
            .join('; ')}`,
        );
      }
      if (!Array.isArray(series)) {
        throw new Error(`Malformed ${page}: no timeSeries`);
      }
      for (const one of series) {
        readSeries(one, { where: page, byService, from, to, amounts });
      }
      const token = next?.pageToken;
      if (token) {
        if (seenTokens.has(token)) {
          throw new Error(
            `Google Cloud Monitoring returned the same nextPageToken twice for project ${projectId} (page ${pages})`,
          );
        }
        seenTokens.add(token);
      }
      request = token ? next : undefined;
    }
    return { traffic: [...amounts.values()], pages };
  }

  async #list(
    client: MetricServiceClient,
    request: ListTimeSeriesRequest,
    where: string,
    signal?: AbortSignal,
  ): Promise<
    [TimeSeries[], ListTimeSeriesRequest | null, ListTimeSeriesResponse]
  > {
    const timeout = this.#options.timeoutMs ?? 60_000;
    const call = client.listTimeSeries(request, {
      autoPaginate: false,
      timeout,
      retry: {
        retryCodes: [RESOURCE_EXHAUSTED, UNAVAILABLE, DEADLINE_EXCEEDED],
        backoffSettings: {
          initialRetryDelayMillis: 1_000,
          retryDelayMultiplier: 2,
          maxRetryDelayMillis: 30_000,
          initialRpcTimeoutMillis: timeout,
          rpcTimeoutMultiplier: 1,
          maxRpcTimeoutMillis: timeout,
          // gax counts the first attempt among its "retries".
          maxRetries: (this.#options.maxRetries ?? 4) + 1,
        },
      },
    }) as Promise<any> & { cancel?: () => void };
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        call.cancel?.();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([call, aborted]);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw failure(where, error);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Adds the daily figures of one series to `amounts`; throws on anything
 * malformed. Series of services not asked for are ignored.
 */
function readSeries(
  series: TimeSeries,
  context: {
    where: string;
    byService: Map<string, string>;
    from: string;
    to: string;
    amounts: Map<string, DailyTraffic>;
  },
): void {
  const { where, byService, from, to, amounts } = context;
  const labels = series?.resource?.labels ?? {};
  const service = labels.service_name;
  const location = labels.location;
  if (typeof service !== 'string' || typeof location !== 'string') {
    throw new Error(
      `Malformed ${where}: a series without service_name and location labels (${JSON.stringify(
        labels,
      )})`,
    );
  }
  const deploymentId = byService.get(`${service}\u0000${location}`);
  if (!deploymentId) return;
  const points: unknown = series.points;
  if (!Array.isArray(points)) {
    throw new Error(
      `Malformed ${where}: the series of ${service} in ${location} has no points`,
    );
  }
  // Oldest first, as the other sources answer.
  for (const point of [...points].reverse()) {
    const end = secondsOf(point?.interval?.endTime?.seconds);
    const day =
      end !== undefined && end % DAY_SECONDS === 0
        ? new Date((end - DAY_SECONDS) * 1000).toISOString().slice(0, 10)
        : undefined;
    if (!day || day < from || day >= to) {
      throw new Error(
        `Malformed ${where}: ${service} in ${location} has a point ending ${JSON.stringify(
          point?.interval?.endTime,
        )}, not the end of a UTC day from ${from} to ${to}`,
      );
    }
    const value = point.value ?? {};
    const amount =
      value.int64Value !== undefined && value.int64Value !== null
        ? Number(String(value.int64Value))
        : value.doubleValue;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      throw new Error(
        `Malformed ${where}: ${service} in ${location} has ${JSON.stringify(
          value,
        )} requests on ${day}`,
      );
    }
    const key = `${deploymentId} ${day}`;
    if (amounts.has(key)) {
      throw new Error(
        `Malformed ${where}: ${service} in ${location} has ${day} twice`,
      );
    }
    amounts.set(key, { deploymentId, day, amount });
  }
}

/** Seconds as the client decodes them: a number, a string or a Long. */
function secondsOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = Number(String(value));
  return Number.isInteger(seconds) ? seconds : undefined;
}

/** A filter string literal. */
function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function isDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
  );
}

/** An error of the client (GoogleError) named with the request it failed. */
function failure(where: string, error: unknown): Error {
  const e = error as Error & { code?: number; statusDetails?: unknown };
  const code = typeof e?.code === 'number' ? `code ${e.code}` : undefined;
  return new Error(
    `${where} failed: ${[code, e?.message].filter(Boolean).join(': ')}`,
    { cause: error },
  );
}
