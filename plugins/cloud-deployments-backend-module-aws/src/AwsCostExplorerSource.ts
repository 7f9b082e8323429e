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
import { createHash } from 'node:crypto';
import {
  CostExplorerClient,
  CostExplorerClientConfig,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  DailyActualCost,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ActualCostSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DEPLOYMENT_ID_TAG } from './deploymentTags';

/**
 * The Cost Explorer metrics the source can read: what was billed
 * (`UnblendedCost`), with upfront reservation and savings plan fees spread
 * over the days they cover (`AmortizedCost`), or billed after discounts
 * (`NetUnblendedCost`).
 *
 * @public
 */
export type AwsCostExplorerMetric =
  | 'UnblendedCost'
  | 'AmortizedCost'
  | 'NetUnblendedCost';

/**
 * The metrics {@link AwsCostExplorerSource} accepts, the default first.
 *
 * @public
 */
export const AWS_COST_EXPLORER_METRICS: readonly AwsCostExplorerMetric[] = [
  'UnblendedCost',
  'AmortizedCost',
  'NetUnblendedCost',
];

/**
 * Where {@link AwsCostExplorerSource} keeps its answers: Backstage's
 * `CacheService` (shared by replicas and kept across restarts when
 * `backend.cache` is an external store), or anything with its `get` and `set`.
 *
 * @public
 */
export type AwsCostExplorerCache = Pick<CacheService, 'get' | 'set'>;

/**
 * Options of {@link AwsCostExplorerSource}.
 *
 * @public
 */
export type AwsCostExplorerSourceOptions = {
  /** The cost metric to read. Default `UnblendedCost`. */
  metric?: AwsCostExplorerMetric;
  /**
   * How long an answer is reused for the same days and deployments, in
   * hours; 0 turns the cache off. Default 12. Each request to Cost Explorer
   * costs USD 0.01.
   */
  cacheHours?: number;
  /** Where answers are kept. Default: in this process's memory. */
  cache?: AwsCostExplorerCache;
  /**
   * The region of the Cost Explorer endpoint. Cost Explorer is a global
   * service whose endpoint is in `us-east-1` (the default).
   */
  region?: string;
  /** Overrides the Cost Explorer endpoint, e.g. for a proxy or a test server. */
  endpoint?: string;
  /**
   * Static credentials or a credential provider. Without them the SDK's
   * default credential chain is used.
   */
  credentials?: CostExplorerClientConfig['credentials'];
  /**
   * Attempts per request in all, including the first; throttling
   * (`LimitExceededException`, 429), 5xx, timeouts and network errors are
   * retried by the SDK's standard retry strategy. Default 4.
   */
  maxAttempts?: number;
  /** Time limit of one attempt, in milliseconds. Default 20 000. */
  requestTimeoutMs?: number;
  /** Receives a line per answer: pages read and requests made; never credentials. */
  logger?: LoggerService;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEY_PREFIX = `${DEPLOYMENT_ID_TAG}$`;

/** A cache in this process's memory, for when no other is given. */
class MemoryCache implements AwsCostExplorerCache {
  readonly #entries = new Map<string, { value: any; expiresAt: number }>();

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      return entry.value as T;
    }
    this.#entries.delete(key);
    return undefined;
  }

  async set(key: string, value: any, options?: { ttl?: unknown }) {
    const ttl = typeof options?.ttl === 'number' ? options.ttl : 0;
    for (const [k, entry] of this.#entries) {
      if (entry.expiresAt <= Date.now()) this.#entries.delete(k);
    }
    this.#entries.set(key, { value, expiresAt: Date.now() + ttl });
  }
}

/**
 * What SageMaker deployments really cost, from AWS Cost Explorer
 * (`GetCostAndUsage`), daily and grouped by the `cloud-deployments-id` tag
 * the provider puts on every resource. The tag must be activated as a cost
 * allocation tag in the billing console, and figures appear only from then
 * on; the credentials need `ce:GetCostAndUsage`.
 *
 * Cost Explorer charges USD 0.01 per request, so an answer is kept for
 * `cacheHours` per days, deployments and metric, and each answer logs how
 * many pages it read. Throttling is retried by the SDK's standard retry
 * strategy. A malformed answer fails the whole call: the source never
 * returns part of the figures as if they were all.
 *
 * @public
 */
export class AwsCostExplorerSource implements ActualCostSource {
  /** Stored with each figure. */
  readonly id = 'aws-cost-explorer';
  /** Shown beside the figures. */
  readonly title = 'AWS Cost Explorer';
  /** It reads SageMaker deployments only. */
  readonly providers: readonly string[] = ['aws-sagemaker'];
  /** The cloud's own billing data, read by tag. */
  readonly kind = 'billed' as const;
  /** The Cost Explorer metric it reads. */
  readonly metric: AwsCostExplorerMetric;

  readonly #client: CostExplorerClient;
  readonly #cache: AwsCostExplorerCache;
  readonly #cacheMs: number;
  readonly #logger?: LoggerService;
  #requests = 0;

  constructor(options: AwsCostExplorerSourceOptions = {}) {
    this.metric = options.metric ?? 'UnblendedCost';
    if (!AWS_COST_EXPLORER_METRICS.includes(this.metric)) {
      throw new Error(
        `Unsupported AWS Cost Explorer metric ${
          this.metric
        }; use one of ${AWS_COST_EXPLORER_METRICS.join(', ')}`,
      );
    }
    const cacheHours = options.cacheHours ?? 12;
    if (!(cacheHours >= 0)) {
      throw new Error(`cacheHours must be 0 or more, got ${cacheHours}`);
    }
    this.#cacheMs = cacheHours * 3_600_000;
    this.#cache = options.cache ?? new MemoryCache();
    this.#logger = options.logger;
    const requestTimeout = options.requestTimeoutMs ?? 20_000;
    this.#client = new CostExplorerClient({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      credentials: options.credentials,
      maxAttempts: options.maxAttempts ?? 4,
      retryMode: 'standard',
      requestHandler: {
        requestTimeout,
        throwOnRequestTimeout: true,
        socketTimeout: requestTimeout,
      },
    });
    // Innermost, so that every HTTP request is counted, retries included.
    this.#client.middlewareStack.add(
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
  }

  /** HTTP requests sent to Cost Explorer so far, retries included. */
  get requestCount(): number {
    return this.#requests;
  }

  /**
   * The cost of each deployment on each day from `from` up to, not
   * including, `to`, in the account's billing currency; from the cache when
   * the same days and deployments were asked for within `cacheHours`.
   */
  async dailyCosts(request: {
    deployments: readonly Deployment[];
    from: string;
    to: string;
    signal?: AbortSignal;
  }): Promise<DailyActualCost[]> {
    const { from, to, signal } = request;
    if (!DAY.test(from) || !DAY.test(to)) {
      throw new Error(
        `AWS Cost Explorer needs days as YYYY-MM-DD, got ${from} to ${to}`,
      );
    }
    const ids = [...new Set(request.deployments.map(d => d.id))].sort();
    if (ids.length === 0 || from >= to) {
      return [];
    }
    const key = this.#cacheKey(from, to, ids);
    if (this.#cacheMs > 0) {
      const cached = await this.#cache
        .get<DailyActualCost[]>(key)
        .catch(error => {
          this.#logger?.warn(
            `AWS Cost Explorer: could not read the cache, asking Cost Explorer: ${error}`,
          );
          return undefined;
        });
      if (cached) {
        this.#logger?.info(
          `AWS Cost Explorer: ${cached.length} daily figure(s) for ${ids.length} deployment(s) from ${from} to ${to} from the cache; no request made`,
        );
        return cached;
      }
    }

    const costs = await this.#read(from, to, ids, signal);

    if (this.#cacheMs > 0) {
      await this.#cache.set(key, costs, { ttl: this.#cacheMs }).catch(error => {
        this.#logger?.warn(
          `AWS Cost Explorer: could not keep the answer in the cache: ${error}`,
        );
      });
    }
    return costs;
  }

  #cacheKey(from: string, to: string, ids: string[]): string {
    const hash = createHash('sha256')
      .update(JSON.stringify([this.metric, from, to, ids]))
      .digest('hex');
    return `${this.id}:${hash}`;
  }

  async #read(
    from: string,
    to: string,
    ids: string[],
    signal?: AbortSignal,
  ): Promise<DailyActualCost[]> {
    const wanted = new Set(ids);
    const costs = new Map<string, DailyActualCost>();
    const seenTokens = new Set<string>();
    const requestsBefore = this.#requests;
    let unit: string | undefined;
    let nextToken: string | undefined;
    let page = 0;
    do {
      signal?.throwIfAborted();
      page += 1;
      const where = `AWS Cost Explorer answer from ${from} to ${to}, page ${page}`;
      const output = await this.#getPage(
        from,
        to,
        ids,
        nextToken,
        page,
        signal,
      );
      const results: unknown = output.ResultsByTime;
      if (!Array.isArray(results)) {
        throw new Error(`Malformed ${where}: no ResultsByTime`);
      }
      for (const result of results) {
        const day = result?.TimePeriod?.Start;
        if (typeof day !== 'string' || !DAY.test(day)) {
          throw new Error(
            `Malformed ${where}: a result's TimePeriod.Start is ${JSON.stringify(
              day,
            )}, not a day`,
          );
        }
        if (day < from || day >= to) {
          throw new Error(
            `Malformed ${where}: a result for ${day}, outside the days asked for`,
          );
        }
        const groups: unknown = result.Groups ?? [];
        if (!Array.isArray(groups)) {
          throw new Error(`Malformed ${where}: Groups of ${day} is not a list`);
        }
        for (const group of groups) {
          const groupKey = group?.Keys?.[0];
          if (
            typeof groupKey !== 'string' ||
            group.Keys.length !== 1 ||
            !groupKey.startsWith(KEY_PREFIX)
          ) {
            throw new Error(
              `Malformed ${where}: a group of ${day} has keys ${JSON.stringify(
                group?.Keys,
              )}, not ${KEY_PREFIX}<id>`,
            );
          }
          const figure = group.Metrics?.[this.metric];
          const amount = Number(figure?.Amount);
          if (
            typeof figure?.Amount !== 'string' ||
            figure.Amount.trim() === '' ||
            !Number.isFinite(amount)
          ) {
            throw new Error(
              `Malformed ${where}: ${
                this.metric
              } of ${groupKey} on ${day} has Amount ${JSON.stringify(
                figure?.Amount,
              )}, not a number`,
            );
          }
          if (typeof figure.Unit !== 'string' || figure.Unit === '') {
            throw new Error(
              `Malformed ${where}: ${this.metric} of ${groupKey} on ${day} has no Unit`,
            );
          }
          if (unit !== undefined && figure.Unit !== unit) {
            throw new Error(
              `Unexpected ${where}: amounts in both ${unit} and ${figure.Unit}`,
            );
          }
          unit = figure.Unit;
          // `cloud-deployments-id$` alone is what carries no tag.
          const deploymentId = groupKey.slice(KEY_PREFIX.length);
          if (!wanted.has(deploymentId)) continue;
          const costKey = `${deploymentId} ${day}`;
          if (costs.has(costKey)) {
            throw new Error(
              `Malformed ${where}: ${deploymentId} on ${day} appears twice`,
            );
          }
          costs.set(costKey, {
            deploymentId,
            day,
            amount,
            currency: figure.Unit,
          });
        }
      }
      nextToken = output.NextPageToken || undefined;
      if (nextToken !== undefined) {
        if (seenTokens.has(nextToken)) {
          throw new Error(
            `AWS Cost Explorer returned the same NextPageToken twice from ${from} to ${to} (page ${page})`,
          );
        }
        seenTokens.add(nextToken);
      }
    } while (nextToken !== undefined);

    this.#logger?.info(
      `AWS Cost Explorer: ${costs.size} daily figure(s) for ${ids.length} deployment(s) from ${from} to ${to} (${this.metric}); ` +
        `${page} page(s) read in ${this.#requests - requestsBefore} request(s)`,
    );
    return [...costs.values()];
  }

  async #getPage(
    from: string,
    to: string,
    ids: string[],
    nextToken: string | undefined,
    page: number,
    signal?: AbortSignal,
  ): Promise<GetCostAndUsageCommandOutput> {
    try {
      return await this.#client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: from, End: to },
          Granularity: 'DAILY',
          Metrics: [this.metric],
          GroupBy: [{ Type: 'TAG', Key: DEPLOYMENT_ID_TAG }],
          Filter: {
            Tags: {
              Key: DEPLOYMENT_ID_TAG,
              Values: ids,
              MatchOptions: ['EQUALS'],
            },
          },
          NextPageToken: nextToken,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      const e = error as Error & { $metadata?: { attempts?: number } };
      const attempts = e.$metadata?.attempts;
      throw new Error(
        `AWS Cost Explorer GetCostAndUsage from ${from} to ${to} (page ${page}) failed${
          attempts ? ` after ${attempts} attempt(s)` : ''
        }: ${e.name}: ${e.message}`,
        { cause: error },
      );
    }
  }
}
