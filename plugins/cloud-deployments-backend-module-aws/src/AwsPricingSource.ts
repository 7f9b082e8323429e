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
  Filter,
  PricingClient,
  PricingClientConfig,
} from '@aws-sdk/client-pricing';
import { LoggerService } from '@backstage/backend-plugin-api';
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  PriceSource,
  RateLimiter,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { getProducts } from './priceList/getProducts';
import { toPricePoint } from './priceList/priceListEntry';
import { ProductQuery, QUERIES } from './priceList/productQueries';

/**
 * Options of {@link AwsPricingSource}.
 *
 * @public
 */
export type AwsPricingSourceOptions = {
  /** The regions to price, e.g. `us-east-1`; what the refresh asks for. */
  regions?: readonly string[];
  /**
   * The region of the Pricing API endpoint itself (`us-east-1`,
   * `eu-central-1` or `ap-south-1`). Default `us-east-1`.
   */
  region?: string;
  /** Overrides the Pricing API endpoint, e.g. for a proxy or a test server. */
  endpoint?: string;
  /**
   * Static credentials or a credential provider. Without them the SDK's
   * default credential chain (environment, shared config, SSO, web identity,
   * container or instance metadata) is used.
   */
  credentials?: PricingClientConfig['credentials'];
  /**
   * Attempts per request in all, including the first; throttling, 5xx,
   * timeouts and network errors are retried by the SDK's adaptive retry
   * strategy. Default 4.
   */
  maxAttempts?: number;
  /** Time limit of one attempt, in milliseconds. Default 20 000. */
  requestTimeoutMs?: number;
  /**
   * Requests per second, retries included; the Pricing API refills 5 a
   * second. Default 5. Ignored when `rateLimiter` is given.
   */
  requestsPerSecond?: number;
  /** The limiter every HTTP request of this source waits on. */
  rateLimiter?: Pick<RateLimiter, 'take'>;
  /** Receives a debug line per region and service; never credentials. */
  logger?: LoggerService;
};

/**
 * Live prices of SageMaker real-time hosting instances and EC2 on-demand
 * Linux instances from the AWS Price List Query API (`GetProducts`).
 *
 * Retries of throttling (`ThrottlingException`, 429), 5xx, timeouts and
 * network errors are the SDK's: its adaptive mode also slows the client down
 * after throttling, which happens when other replicas or tools share the
 * account's quota. What the SDK does not do is pace requests before any
 * throttling: every HTTP request, retries included, first waits on one rate
 * limiter per instance, set to the API's documented rate.
 * A malformed price list entry fails the whole fetch.
 *
 * @public
 */
export class AwsPricingSource implements PriceSource {
  readonly id = 'aws-pricing-api';
  readonly provider = 'aws' as const;
  readonly regions?: readonly string[];

  readonly #client: PricingClient;
  readonly #logger?: LoggerService;

  constructor(options: AwsPricingSourceOptions = {}) {
    this.regions = options.regions;
    this.#logger = options.logger;
    const requestTimeout = options.requestTimeoutMs ?? 20_000;
    this.#client = new PricingClient({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      credentials: options.credentials,
      maxAttempts: options.maxAttempts ?? 4,
      retryMode: 'adaptive',
      requestHandler: {
        requestTimeout,
        // Without this, this SDK version only logs a warning when the
        // request timeout is exceeded.
        throwOnRequestTimeout: true,
        // Also covers a response body that stalls after the headers.
        socketTimeout: requestTimeout,
      },
    });
    const limiter =
      options.rateLimiter ??
      new RateLimiter({ perSecond: options.requestsPerSecond ?? 5 });
    // In the deserialize step, the innermost one, so that each attempt the
    // retry middleware makes waits for a token, not only the first.
    this.#client.middlewareStack.add(
      next => async args => {
        await limiter.take();
        return next(args);
      },
      {
        step: 'deserialize',
        priority: 'low',
        name: 'cloudDeploymentsRateLimitMiddleware',
      },
    );
  }

  async fetchPrices(request: {
    regions: readonly string[];
    signal?: AbortSignal;
  }): Promise<PricePoint[]> {
    const prices: PricePoint[] = [];
    for (const region of new Set(request.regions)) {
      for (const query of QUERIES) {
        prices.push(...(await this.#fetchQuery(query, region, request.signal)));
      }
    }
    return prices;
  }

  async #fetchQuery(
    query: ProductQuery,
    region: string,
    signal?: AbortSignal,
  ): Promise<PricePoint[]> {
    const filters: Filter[] = Object.entries({
      regionCode: region,
      ...query.filters,
    }).map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value }));
    const bySku = new Map<string, PricePoint>();
    const seenTokens = new Set<string>();
    let skipped = 0;
    let zeroPriced = 0;
    let nextToken: string | undefined;
    let page = 0;
    do {
      signal?.throwIfAborted();
      page += 1;
      const output = await getProducts(
        this.#client,
        query.serviceCode,
        region,
        filters,
        nextToken,
        signal,
      );
      const where = `${query.serviceCode} price list in ${region}, page ${page}`;
      if (output.FormatVersion && output.FormatVersion !== 'aws_v1') {
        throw new Error(
          `Unsupported ${where}: FormatVersion ${output.FormatVersion}`,
        );
      }
      const entries: unknown = output.PriceList ?? [];
      if (!Array.isArray(entries)) {
        throw new Error(`Malformed ${where}: PriceList is not a list`);
      }
      for (const [index, raw] of entries.entries()) {
        const entry = toPricePoint(
          query,
          region,
          raw,
          `entry ${index + 1} of the ${where}`,
        );
        if (entry === 'out-of-scope') {
          skipped += 1;
        } else if (entry === 'zero') {
          zeroPriced += 1;
        } else {
          const existing = bySku.get(entry.sku);
          if (existing && existing.usd !== entry.usd) {
            throw new Error(
              `Ambiguous ${query.serviceCode} price list in ${region}: ${entry.sku} costs both ${existing.usd} and ${entry.usd} USD an hour`,
            );
          }
          bySku.set(entry.sku, entry);
        }
      }
      nextToken = output.NextToken || undefined;
      if (nextToken !== undefined) {
        if (seenTokens.has(nextToken)) {
          throw new Error(
            `The AWS Pricing API returned the same NextToken twice for the ${where}`,
          );
        }
        seenTokens.add(nextToken);
      }
    } while (nextToken !== undefined);

    this.#logger?.debug(
      `AWS Pricing API: ${bySku.size} ${query.serviceCode} prices in ${region} from ${page} page(s); skipped ${skipped} other products and ${zeroPriced} $0 rows`,
    );
    return [...bySku.values()];
  }
}
