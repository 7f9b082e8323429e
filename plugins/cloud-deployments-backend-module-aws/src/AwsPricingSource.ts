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
  GetProductsCommand,
  GetProductsCommandOutput,
  PricingClient,
  PricingClientConfig,
} from '@aws-sdk/client-pricing';
import { LoggerService } from '@backstage/backend-plugin-api';
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  normalizeUnit,
  PRICE_KEYS,
  PriceSource,
  RateLimiter,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

const ORIGIN = 'AWS Pricing API';
const PAGE_SIZE = 100;

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

type Attributes = Record<string, unknown>;

/** One kind of product this source prices and how to find it. */
type ProductQuery = {
  /** The Pricing API's service code. */
  serviceCode: string;
  /** Our service key. */
  service: string;
  /** TERM_MATCH filters besides `regionCode`. */
  filters: Record<string, string>;
  /** Our SKU for an in-scope product, undefined for products to skip. */
  skuOf(attributes: Attributes): string | undefined;
};

const QUERIES: readonly ProductQuery[] = [
  {
    serviceCode: 'AmazonSageMaker',
    service: PRICE_KEYS.aws.sagemaker,
    filters: { component: 'Hosting' },
    skuOf(attributes) {
      const name = attributes.instanceName;
      if (typeof name !== 'string' || !name.startsWith('ml.')) {
        return undefined;
      }
      // Real-time endpoints bill as `<region prefix>-Host:<instance>`;
      // serverless, asynchronous and storage hosting usage is billed under
      // other usage types and is not an instance hour of an endpoint.
      const usage = attributes.usagetype;
      if (typeof usage !== 'string') return undefined;
      const match = /^(?:[A-Z0-9]+-)?Host:(.+)$/.exec(usage);
      return match?.[1] === name ? name : undefined;
    },
  },
  {
    serviceCode: 'AmazonEC2',
    service: PRICE_KEYS.aws.ec2,
    filters: {
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      marketoption: 'OnDemand',
    },
    skuOf(attributes) {
      const type = attributes.instanceType;
      if (typeof type !== 'string' || type === '') return undefined;
      // On-demand instance hours are `BoxUsage`; the filters above already
      // exclude most other rows, this keeps out any that slip through.
      const usage = attributes.usagetype;
      if (typeof usage !== 'string' || !/^(?:[A-Z0-9]+-)?BoxUsage:/.test(usage))
        return undefined;
      const operation = attributes.operation;
      if (operation !== undefined && operation !== 'RunInstances') {
        return undefined;
      }
      return type;
    },
  },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one PriceList entry (a JSON document in a string). */
function parseEntry(raw: unknown, where: string): Record<string, unknown> {
  let item: unknown;
  try {
    item = JSON.parse(String(raw));
  } catch (error) {
    throw new Error(
      `Malformed ${where}: not valid JSON (${(error as Error).message})`,
    );
  }
  if (!isObject(item) || !isObject(item.product)) {
    throw new Error(`Malformed ${where}: no product`);
  }
  if (!isObject(item.product.attributes)) {
    throw new Error(`Malformed ${where}: no product attributes`);
  }
  return item;
}

/**
 * The on-demand hourly price of an entry: the USD price per hour of its
 * OnDemand term, and the term's effective date.
 */
function onDemandHourlyPrice(
  item: Record<string, unknown>,
  where: string,
): { usd: number; effectiveDate: string } {
  const onDemand = isObject(item.terms) ? item.terms.OnDemand : undefined;
  if (!isObject(onDemand) || Object.keys(onDemand).length === 0) {
    throw new Error(`Malformed ${where}: no OnDemand term`);
  }
  const found: Array<{ usd: number; effectiveDate: string }> = [];
  for (const term of Object.values(onDemand)) {
    if (!isObject(term) || !isObject(term.priceDimensions)) {
      throw new Error(
        `Malformed ${where}: OnDemand term has no priceDimensions`,
      );
    }
    const effectiveDate =
      typeof term.effectiveDate === 'string'
        ? /^\d{4}-\d{2}-\d{2}/.exec(term.effectiveDate)?.[0]
        : undefined;
    if (!effectiveDate) {
      throw new Error(
        `Malformed ${where}: OnDemand term has no effectiveDate (${JSON.stringify(
          term.effectiveDate,
        )})`,
      );
    }
    for (const dimension of Object.values(term.priceDimensions)) {
      if (!isObject(dimension)) {
        throw new Error(`Malformed ${where}: price dimension is not an object`);
      }
      const unit =
        typeof dimension.unit === 'string'
          ? normalizeUnit(dimension.unit, 'instance')
          : undefined;
      if (unit?.unit !== 'hour') {
        throw new Error(
          `Malformed ${where}: unexpected unit ${JSON.stringify(
            dimension.unit,
          )}, expected Hrs`,
        );
      }
      const text = isObject(dimension.pricePerUnit)
        ? dimension.pricePerUnit.USD
        : undefined;
      const usd =
        typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
      if (!Number.isFinite(usd) || usd < 0) {
        throw new Error(
          `Malformed ${where}: no USD price (pricePerUnit ${JSON.stringify(
            dimension.pricePerUnit,
          )})`,
        );
      }
      found.push({ usd: usd * unit.factor, effectiveDate });
    }
  }
  const prices = new Set(found.map(f => f.usd));
  if (prices.size !== 1) {
    throw new Error(
      `Malformed ${where}: expected one on-demand hourly price, found ${
        found.length === 0 ? 'none' : [...prices].join(', ')
      }`,
    );
  }
  return found[0];
}

/**
 * The price point of one PriceList entry, or why it has none: a product
 * outside the query's scope, or a $0 row.
 */
function toPricePoint(
  query: ProductQuery,
  region: string,
  raw: unknown,
  where: string,
): PricePoint | 'out-of-scope' | 'zero' {
  const item = parseEntry(raw, where);
  const attributes = (item.product as { attributes: Attributes }).attributes;
  const sku = query.skuOf(attributes);
  if (!sku) {
    return 'out-of-scope';
  }
  if (attributes.regionCode !== undefined && attributes.regionCode !== region) {
    throw new Error(
      `Unexpected ${where}: ${sku} is priced for region ${String(
        attributes.regionCode,
      )}`,
    );
  }
  const { usd, effectiveDate } = onDemandHourlyPrice(item, `${where} (${sku})`);
  // No EC2 on-demand or SageMaker real-time instance hour is free (the free
  // tier is an account credit, not a list price); the price list carries $0
  // rows as placeholders. Storing one would price a deployment at $0 instead
  // of letting the snapshot answer.
  if (usd === 0) {
    return 'zero';
  }
  return {
    provider: 'aws',
    service: query.service,
    region,
    sku,
    unit: 'hour',
    usd,
    effectiveDate,
    source: 'live',
    origin: ORIGIN,
  };
}

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
      const output = await this.#getProducts(
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

  async #getProducts(
    serviceCode: string,
    region: string,
    filters: Filter[],
    nextToken: string | undefined,
    signal?: AbortSignal,
  ): Promise<GetProductsCommandOutput> {
    try {
      return await this.#client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          Filters: filters,
          MaxResults: PAGE_SIZE,
          NextToken: nextToken,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      const e = error as Error & { $metadata?: { attempts?: number } };
      const attempts = e.$metadata?.attempts;
      throw new Error(
        `AWS Pricing API GetProducts for ${serviceCode} in ${region} failed${
          attempts ? ` after ${attempts} attempt(s)` : ''
        }: ${e.name}: ${e.message}`,
        { cause: error },
      );
    }
  }
}
