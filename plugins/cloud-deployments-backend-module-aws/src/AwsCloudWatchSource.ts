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
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricDataCommandOutput,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DailyTraffic,
  resourceNameOf,
  UsageMetricsSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { SANDBOX_CREDENTIALS } from './sagemaker/createSageMakerClient';
import { SageMakerAccount } from './sagemaker/readSageMakerConfig';
import { VARIANT_NAME } from './sagemaker/resourceNames';
import { accountOf } from './sagemaker/validateSageMakerSpec';

/**
 * Options of {@link AwsCloudWatchSource}.
 *
 * @public
 */
export type AwsCloudWatchSourceOptions = {
  /**
   * The SageMaker provider's accounts: a deployment's metrics are read in
   * its account (`spec.account`, the first by default) and region, with that
   * account's static credentials, or the default AWS credential chain when
   * it has none.
   */
  accounts: readonly SageMakerAccount[];
  /**
   * The URL of the SageMaker sandbox, which answers CloudWatch too; the
   * accounts' credentials are not used then.
   */
  sandboxUrl?: string;
  /** Overrides the CloudWatch endpoint of every region, e.g. a proxy or a test server. */
  endpoint?: string;
  /**
   * Attempts per request in all, including the first; throttling
   * (`Throttling`, 429), 5xx, timeouts and network errors are retried by the
   * SDK's standard retry strategy, with backoff. Default 4.
   */
  maxAttempts?: number;
  /** Time limit of one attempt, in milliseconds. Default 20 000. */
  requestTimeoutMs?: number;
  /**
   * Data points per page of an answer (`MaxDatapoints`); CloudWatch's
   * default, 100 800, when absent.
   */
  maxDatapoints?: number;
  /** Receives a line per answer: requests made and metrics requested. */
  logger?: LoggerService;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_SECONDS = 86_400;
/** GetMetricData takes at most 500 queries. */
const MAX_QUERIES = 500;

/** The deployments of one account and region, and the client that reads them. */
type Group = {
  account: string;
  region: string;
  client: CloudWatchClient;
  deployments: Deployment[];
};

/**
 * How much traffic SageMaker deployments had, from Amazon CloudWatch: the
 * daily `Sum` of `AWS/SageMaker` `Invocations` of each endpoint's
 * `AllTraffic` variant (dimensions `EndpointName`, `VariantName`), read with
 * `GetMetricData` in the account and region of each deployment, up to 500
 * endpoints per request, following `NextToken`. The credentials need
 * `cloudwatch:GetMetricData`.
 *
 * CloudWatch charges for `GetMetricData` by the metric requested (USD 0.01
 * per 1,000 in us-east-1; it is outside the free tier), so every answer logs
 * the metrics it requested: one per deployment, again for each further page.
 * Throttling is retried by the SDK. A malformed or incomplete answer fails
 * the whole call: the source never returns part of the figures as if they
 * were all.
 *
 * @public
 */
export class AwsCloudWatchSource implements UsageMetricsSource {
  /** Stable id. */
  readonly id = 'aws-cloudwatch';
  /** Shown beside a recommendation. */
  readonly title: string;
  /** It reads SageMaker deployments only. */
  readonly providers: readonly string[] = ['aws-sagemaker'];
  /** Requests to the endpoint; a day without any is idle. */
  readonly metric = {
    name: 'Invocations',
    unit: 'requests',
    idleAtOrBelow: 0,
  } as const;

  readonly #options: AwsCloudWatchSourceOptions;
  readonly #clients = new Map<string, CloudWatchClient>();
  #requests = 0;

  constructor(options: AwsCloudWatchSourceOptions) {
    this.#options = options;
    this.title = options.sandboxUrl
      ? 'Amazon CloudWatch (sandbox)'
      : 'Amazon CloudWatch';
  }

  /** HTTP requests sent to CloudWatch so far, retries included. */
  get requestCount(): number {
    return this.#requests;
  }

  /**
   * Each deployment's invocations on each UTC day from `from` up to, not
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
    if (!DAY.test(from) || !DAY.test(to)) {
      throw new Error(
        `Amazon CloudWatch needs days as YYYY-MM-DD, got ${from} to ${to}`,
      );
    }
    if (deployments.length === 0 || from >= to) return [];
    const groups = this.#groups(deployments);
    const traffic: DailyTraffic[] = [];
    const requestsBefore = this.#requests;
    let metrics = 0;
    // One account and region after another: the rate limits are per both.
    for (const group of groups) {
      const read = await this.#read(group, from, to, signal);
      traffic.push(...read.traffic);
      metrics += read.metrics;
    }
    this.#options.logger?.info(
      `Amazon CloudWatch: ${traffic.length} daily figure(s) for ${deployments.length} deployment(s) in ${groups.length} account/region(s) from ${from} to ${to}; ` +
        `${
          this.#requests - requestsBefore
        } request(s), ${metrics} metric(s) requested`,
    );
    return traffic;
  }

  /** Releases the HTTP connections of the clients. */
  close(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }

  #groups(deployments: readonly Deployment[]): Group[] {
    const groups = new Map<string, Group>();
    for (const deployment of deployments) {
      const account = accountOf(deployment.spec, this.#options.accounts);
      if (!account) {
        // No figure would read as "no traffic".
        throw new Error(
          `Cannot read the CloudWatch metrics of deployment ${deployment.id}: ` +
            `its account '${deployment.spec.account}' is not among the configured AWS accounts`,
        );
      }
      const { region } = deployment.spec;
      const key = `${account.id}\u0000${region}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          account: account.id,
          region,
          client: this.#client(account, region),
          deployments: [],
        };
        groups.set(key, group);
      }
      group.deployments.push(deployment);
    }
    return [...groups.values()];
  }

  #client(account: SageMakerAccount, region: string): CloudWatchClient {
    const key = `${account.id}\u0000${region}`;
    let client = this.#clients.get(key);
    if (client) return client;
    const { sandboxUrl } = this.#options;
    const requestTimeout = this.#options.requestTimeoutMs ?? 20_000;
    client = new CloudWatchClient({
      region,
      endpoint: sandboxUrl ?? this.#options.endpoint,
      // Copies: the SDK marks the object it is given.
      credentials: sandboxUrl
        ? { ...SANDBOX_CREDENTIALS }
        : account.credentials && { ...account.credentials },
      maxAttempts: this.#options.maxAttempts ?? 4,
      retryMode: 'standard',
      requestHandler: {
        requestTimeout,
        throwOnRequestTimeout: true,
        socketTimeout: requestTimeout,
      },
    });
    // Innermost, so that every HTTP request is counted, retries included.
    client.middlewareStack.add(
      next => async args => {
        this.#requests += 1;
        return next(args);
      },
      {
        step: 'deserialize',
        priority: 'low',
        name: 'cloudDeploymentsRequestCountMiddleware',
      },
    );
    this.#clients.set(key, client);
    return client;
  }

  /** The traffic of one account and region's deployments, 500 at a time. */
  async #read(
    group: Group,
    from: string,
    to: string,
    signal?: AbortSignal,
  ): Promise<{ traffic: DailyTraffic[]; metrics: number }> {
    const traffic: DailyTraffic[] = [];
    let metrics = 0;
    for (let i = 0; i < group.deployments.length; i += MAX_QUERIES) {
      const batch = group.deployments.slice(i, i + MAX_QUERIES);
      const read = await this.#readBatch(group, batch, from, to, signal);
      traffic.push(...read.traffic);
      metrics += read.metrics;
    }
    return { traffic, metrics };
  }

  async #readBatch(
    group: Group,
    deployments: Deployment[],
    from: string,
    to: string,
    signal?: AbortSignal,
  ): Promise<{ traffic: DailyTraffic[]; metrics: number }> {
    const queries: MetricDataQuery[] = deployments.map((deployment, i) => ({
      Id: `q${i}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SageMaker',
          MetricName: 'Invocations',
          Dimensions: [
            { Name: 'EndpointName', Value: resourceNameOf(deployment) },
            { Name: 'VariantName', Value: VARIANT_NAME },
          ],
        },
        Period: DAY_SECONDS,
        Stat: 'Sum',
      },
      ReturnData: true,
    }));
    const byId = new Map(deployments.map((d, i) => [`q${i}`, d.id]));
    const start = new Date(`${from}T00:00:00Z`);
    const end = new Date(`${to}T00:00:00Z`);
    const where = `Amazon CloudWatch answer for account ${group.account}, region ${group.region}, from ${from} to ${to}`;

    const amounts = new Map<string, DailyTraffic>();
    const answered = new Set<string>();
    const seenTokens = new Set<string>();
    let metrics = 0;
    let nextToken: string | undefined;
    let page = 0;
    do {
      signal?.throwIfAborted();
      page += 1;
      metrics += queries.length;
      const output = await this.#getPage(group, queries, start, end, {
        nextToken,
        page,
        signal,
      });
      const results: unknown = output.MetricDataResults;
      if (!Array.isArray(results)) {
        throw new Error(
          `Malformed ${where}, page ${page}: no MetricDataResults`,
        );
      }
      nextToken = output.NextToken || undefined;
      const context = {
        where: `${where}, page ${page}`,
        byId,
        from,
        to,
        morePages: nextToken !== undefined,
        answered,
        amounts,
      };
      for (const result of results) readResult(result, context);
      if (nextToken !== undefined) {
        if (seenTokens.has(nextToken)) {
          throw new Error(
            `Amazon CloudWatch returned the same NextToken twice for account ${group.account}, region ${group.region} (page ${page})`,
          );
        }
        seenTokens.add(nextToken);
      }
    } while (nextToken !== undefined);

    const missing = [...byId.keys()].filter(id => !answered.has(id));
    if (missing.length > 0) {
      throw new Error(
        `Incomplete ${where}: no result for deployment(s) ${missing
          .map(id => byId.get(id))
          .join(', ')}`,
      );
    }
    return { traffic: [...amounts.values()], metrics };
  }

  async #getPage(
    group: Group,
    queries: MetricDataQuery[],
    start: Date,
    end: Date,
    options: { nextToken?: string; page: number; signal?: AbortSignal },
  ): Promise<GetMetricDataCommandOutput> {
    const { nextToken, page, signal } = options;
    try {
      return await group.client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
          MaxDatapoints: this.#options.maxDatapoints,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      const e = error as Error & { $metadata?: { attempts?: number } };
      const attempts = e.$metadata?.attempts;
      throw new Error(
        `Amazon CloudWatch GetMetricData for account ${group.account}, region ${
          group.region
        } (page ${page}) failed${
          attempts ? ` after ${attempts} attempt(s)` : ''
        }: ${e.name}: ${e.message}`,
        { cause: error },
      );
    }
  }
}

/**
 * Adds the daily figures of one query's result to `amounts`; throws on
 * anything malformed, or on a result that is not complete when no page
 * follows.
 */
function readResult(
  result: any,
  context: {
    where: string;
    byId: Map<string, string>;
    from: string;
    to: string;
    morePages: boolean;
    answered: Set<string>;
    amounts: Map<string, DailyTraffic>;
  },
): void {
  const { where, byId, from, to, amounts } = context;
  const id = result?.Id;
  const deploymentId = byId.get(id);
  if (!deploymentId) {
    throw new Error(
      `Malformed ${where}: a result for ${JSON.stringify(
        id,
      )}, which was not asked for`,
    );
  }
  context.answered.add(id);
  const status = result.StatusCode;
  // PartialData says that the rest comes on the next page.
  if (
    status !== 'Complete' &&
    !(status === 'PartialData' && context.morePages)
  ) {
    throw new Error(
      `Incomplete ${where}: the metric of deployment ${deploymentId} has status ${status}${messagesOf(
        result.Messages,
      )}`,
    );
  }
  const timestamps: unknown = result.Timestamps ?? [];
  const values: unknown = result.Values ?? [];
  if (
    !Array.isArray(timestamps) ||
    !Array.isArray(values) ||
    timestamps.length !== values.length
  ) {
    throw new Error(
      `Malformed ${where}: the timestamps and values of deployment ${deploymentId} do not pair up`,
    );
  }
  timestamps.forEach((timestamp: unknown, index: number) => {
    const day = dayOf(timestamp);
    const amount = values[index];
    if (!day || day < from || day >= to) {
      throw new Error(
        `Malformed ${where}: deployment ${deploymentId} has a figure at ${String(
          timestamp,
        )}, not a UTC day from ${from} to ${to}`,
      );
    }
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      throw new Error(
        `Malformed ${where}: deployment ${deploymentId} has ${JSON.stringify(
          amount,
        )} invocations on ${day}`,
      );
    }
    const key = `${deploymentId} ${day}`;
    if (amounts.has(key)) {
      throw new Error(
        `Malformed ${where}: deployment ${deploymentId} has ${day} twice`,
      );
    }
    amounts.set(key, { deploymentId, day, amount });
  });
}

/** The UTC day a timestamp at midnight names; undefined for any other. */
function dayOf(timestamp: unknown): string | undefined {
  if (!(timestamp instanceof Date) || Number.isNaN(timestamp.getTime())) {
    return undefined;
  }
  const iso = timestamp.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : undefined;
}

function messagesOf(messages: unknown): string {
  if (!Array.isArray(messages) || messages.length === 0) return '';
  return ` (${messages
    .map(m => `${m?.Code ?? '?'}: ${m?.Value ?? ''}`)
    .join('; ')})`;
}
