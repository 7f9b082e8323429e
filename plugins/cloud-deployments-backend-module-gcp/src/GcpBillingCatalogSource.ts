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
import {
  PricePoint,
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  fetchWithRetry,
  GoogleMoney,
  moneyToUsd,
  PRICE_KEYS,
  PriceSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  classifyCloudRunSku,
  classifyComputeSku,
  SkuCategory,
  SkuMapping,
} from './skus';
import { usageUnitFactor } from './usageUnits';

const ORIGIN = 'Google Cloud Billing Catalog API';
const DEFAULT_BASE_URL = 'https://cloudbilling.googleapis.com';
/** The largest page the API serves. */
const PAGE_SIZE = 5000;
/** A guard against a server that keeps handing out new page tokens. */
const MAX_PAGES = 1000;

/**
 * What a Google Cloud region looks like, e.g. `us-central1` or
 * `northamerica-northeast2`.
 */
export const GCP_REGION_PATTERN = /^[a-z]+(?:-[a-z]+)+\d+$/;

/**
 * Options of {@link GcpBillingCatalogSource}.
 *
 * @public
 */
export type GcpBillingCatalogSourceOptions = {
  /**
   * An API key of a project with the Cloud Billing API enabled. It is sent
   * as the `key` query parameter and kept out of every error and log line.
   */
  apiKey: string;
  /** The regions to price, e.g. `us-central1`; what the refresh asks for. */
  regions?: readonly string[];
  /**
   * The API's base URL, e.g. for a proxy or a test server. Default
   * `https://cloudbilling.googleapis.com`.
   */
  baseUrl?: string;
  /** Time limit of one attempt, in milliseconds. Default 30 000 (pages are large). */
  timeoutMs?: number;
  /** Attempts per request in all, including the first. Default 4. */
  attempts?: number;
  /** Base of the exponential backoff between attempts, in milliseconds. Default 500. */
  backoffMs?: number;
  /** Receives a debug line per catalog; never the API key. */
  logger?: LoggerService;
};

/** A Catalog API service and how to read its SKUs. */
type Catalog = {
  serviceId: string;
  name: string;
  /** Our service key. */
  service: string;
  classify(description: string, category: SkuCategory): SkuMapping | undefined;
};

const CATALOGS: readonly Catalog[] = [
  {
    serviceId: '152E-C115-5142',
    name: 'Cloud Run',
    service: PRICE_KEYS.gcp.cloudRun,
    classify: classifyCloudRunSku,
  },
  {
    serviceId: '6F81-5844-456A',
    name: 'Compute Engine',
    service: PRICE_KEYS.gcp.computeEngine,
    classify: classifyComputeSku,
  },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops float noise such as 0.000018000000000000002 from unit conversions. */
function tidy(usd: number): number {
  return Number(usd.toPrecision(12));
}

/**
 * The list price of a SKU per `unit`: the rate of the tier with the highest
 * `startUsageAmount` of its current pricing (free tiers are accounted for by
 * the estimators), and the date it took effect.
 */
function priceOf(
  sku: Record<string, unknown>,
  unit: PriceUnit,
  where: string,
): { usd: number; effectiveDate: string } {
  const info = Array.isArray(sku.pricingInfo) ? sku.pricingInfo[0] : undefined;
  if (!isObject(info)) {
    throw new Error(`Malformed ${where}: no pricingInfo`);
  }
  const expression = info.pricingExpression;
  if (!isObject(expression)) {
    throw new Error(`Malformed ${where}: no pricingExpression`);
  }
  const rates = expression.tieredRates;
  if (!Array.isArray(rates) || rates.length === 0) {
    throw new Error(`Malformed ${where}: no tieredRates`);
  }
  let top: { start: number; rate: Record<string, unknown> } | undefined;
  for (const rate of rates) {
    // Proto3 JSON leaves out zero values, such as the first tier's start.
    const start = isObject(rate) ? rate.startUsageAmount ?? 0 : undefined;
    if (
      !isObject(rate) ||
      typeof start !== 'number' ||
      !Number.isFinite(start)
    ) {
      throw new Error(
        `Malformed ${where}: tiered rate ${JSON.stringify(
          rate,
        )} has no startUsageAmount`,
      );
    }
    if (!top || start > top.start) top = { start, rate };
  }
  const money = top!.rate.unitPrice;
  if (!isObject(money)) {
    throw new Error(`Malformed ${where}: tiered rate has no unitPrice`);
  }
  if (money.currencyCode !== undefined && money.currencyCode !== 'USD') {
    throw new Error(
      `Unexpected ${where}: priced in ${JSON.stringify(
        money.currencyCode,
      )}, not USD`,
    );
  }
  let usd: number;
  try {
    usd = moneyToUsd(money as GoogleMoney);
  } catch (error) {
    throw new Error(`Malformed ${where}: ${(error as Error).message}`);
  }
  if (usd < 0) {
    throw new Error(`Malformed ${where}: negative price ${usd}`);
  }
  const usageUnit = expression.usageUnit;
  const factor =
    typeof usageUnit === 'string'
      ? usageUnitFactor(usageUnit, unit)
      : undefined;
  if (factor === undefined) {
    throw new Error(
      `Unexpected ${where}: usageUnit ${JSON.stringify(
        usageUnit,
      )} cannot be priced per ${unit}`,
    );
  }
  const effectiveTime = info.effectiveTime;
  const date =
    typeof effectiveTime === 'string'
      ? /^(\d{4}-\d{2}-\d{2})T/.exec(effectiveTime)?.[1]
      : undefined;
  if (!date || Number.isNaN(Date.parse(date))) {
    throw new Error(
      `Malformed ${where}: effectiveTime ${JSON.stringify(
        effectiveTime,
      )} is not a time`,
    );
  }
  return { usd: tidy(usd * factor), effectiveDate: date };
}

type Candidate = { point: PricePoint; rank: number; conflict?: number };

/**
 * Live prices of Cloud Run (request- and instance-based billing) and of the
 * predefined on-demand core and RAM of Compute Engine machine families (E2,
 * N1, N2, N2D, C2, C3, T2D) from the Cloud Billing Catalog API, with an API
 * key.
 *
 * Each refresh reads both services' whole catalogs (the API cannot filter
 * by region) and keeps the requested regions. Throttling (429), 5xx,
 * timeouts and network errors are retried with backoff and jitter; a
 * malformed page or SKU fails the whole fetch. The API key never appears in
 * an error message or a log line.
 *
 * @public
 */
export class GcpBillingCatalogSource implements PriceSource {
  readonly id = 'gcp-cloud-billing-catalog';
  readonly provider = 'gcp' as const;
  readonly regions?: readonly string[];

  readonly #apiKey: string;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #logger?: LoggerService;

  constructor(options: GcpBillingCatalogSourceOptions) {
    if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
      throw new Error('The Cloud Billing Catalog API needs an API key');
    }
    this.#apiKey = options.apiKey;
    this.#baseUrl = GcpBillingCatalogSource.#parseBaseUrl(
      options.baseUrl ?? DEFAULT_BASE_URL,
    );
    if (options.regions) {
      GcpBillingCatalogSource.#checkRegions(options.regions);
    }
    this.regions = options.regions;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#attempts = options.attempts ?? 4;
    this.#backoffMs = options.backoffMs ?? 500;
    this.#logger = options.logger;
  }

  static #parseBaseUrl(baseUrl: string): string {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error(
        `Invalid Cloud Billing Catalog API base URL '${baseUrl}'`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(
        `Invalid Cloud Billing Catalog API base URL '${baseUrl}': not http(s)`,
      );
    }
    if (url.search || url.hash) {
      throw new Error(
        `Invalid Cloud Billing Catalog API base URL '${baseUrl}': no query or fragment allowed`,
      );
    }
    return url.href.replace(/\/+$/, '');
  }

  static #checkRegions(regions: readonly string[]): void {
    for (const region of regions) {
      if (typeof region !== 'string' || !GCP_REGION_PATTERN.test(region)) {
        throw new Error(
          `Invalid Google Cloud region ${JSON.stringify(
            region,
          )}: expected a region such as us-central1`,
        );
      }
    }
  }

  async fetchPrices(request: {
    regions: readonly string[];
    signal?: AbortSignal;
  }): Promise<PricePoint[]> {
    GcpBillingCatalogSource.#checkRegions(request.regions);
    const wanted = new Set(request.regions);
    if (wanted.size === 0) return [];
    const prices: PricePoint[] = [];
    for (const catalog of CATALOGS) {
      prices.push(
        ...(await this.#fetchCatalog(catalog, wanted, request.signal)),
      );
    }
    return prices;
  }

  async #fetchCatalog(
    catalog: Catalog,
    wanted: ReadonlySet<string>,
    signal?: AbortSignal,
  ): Promise<PricePoint[]> {
    const byKey = new Map<string, Candidate>();
    let skus = 0;
    let matched = 0;
    let pages = 0;
    for await (const page of this.#pages(catalog, signal)) {
      pages += 1;
      for (const [index, raw] of page.skus.entries()) {
        skus += 1;
        const where = `SKU ${index + 1} of ${page.where}`;
        if (!isObject(raw) || typeof raw.description !== 'string') {
          throw new Error(`Malformed ${where}: no description`);
        }
        const category = isObject(raw.category) ? raw.category : {};
        const mapping = catalog.classify(raw.description, category);
        if (!mapping) continue;
        matched += 1;
        const skuWhere = `${where} ('${raw.description}')`;
        const serviceRegions = raw.serviceRegions;
        if (
          !Array.isArray(serviceRegions) ||
          !serviceRegions.every(r => typeof r === 'string')
        ) {
          throw new Error(`Malformed ${skuWhere}: no serviceRegions list`);
        }
        const { usd, effectiveDate } = priceOf(raw, mapping.unit, skuWhere);
        // Some SKUs, such as Cloud Run's "Requests", are one global price.
        const regions = serviceRegions.includes('global')
          ? [...wanted]
          : serviceRegions.filter(r => wanted.has(r));
        for (const region of regions) {
          const candidate: Candidate = {
            point: {
              provider: 'gcp',
              service: catalog.service,
              region,
              sku: mapping.sku,
              unit: mapping.unit,
              usd,
              effectiveDate,
              source: 'live',
              origin: ORIGIN,
            },
            rank: mapping.rank,
          };
          const key = `${mapping.sku}\u0000${region}`;
          const existing = byKey.get(key);
          if (!existing || candidate.rank > existing.rank) {
            byKey.set(key, candidate);
          } else if (
            candidate.rank === existing.rank &&
            candidate.point.usd !== existing.point.usd
          ) {
            existing.conflict = candidate.point.usd;
          }
        }
      }
    }

    if (matched === 0) {
      throw new Error(
        `The ${catalog.name} catalog (service ${catalog.serviceId}) lists ` +
          `none of the SKUs this source prices among its ${skus} SKUs; ` +
          `their descriptions may have changed`,
      );
    }
    const ambiguous = [...byKey.values()].filter(c => c.conflict !== undefined);
    if (ambiguous.length > 0) {
      throw new Error(
        `Ambiguous ${catalog.name} prices: ${ambiguous
          .slice(0, 5)
          .map(
            c =>
              `${c.point.sku} in ${c.point.region} costs both ${c.point.usd} and ${c.conflict}`,
          )
          .join('; ')}`,
      );
    }
    // A $0 list price is a placeholder, not a free resource; storing it would
    // price a deployment at $0 instead of letting the snapshot answer.
    const points = [...byKey.values()].map(c => c.point).filter(p => p.usd > 0);
    this.#logger?.debug(
      `${ORIGIN}: ${points.length} ${catalog.name} prices in ` +
        `${[...wanted].join(', ')} from ${matched} of ${skus} SKUs on ` +
        `${pages} page(s); ${byKey.size - points.length} $0 prices skipped`,
    );
    return points;
  }

  async *#pages(
    catalog: Catalog,
    signal?: AbortSignal,
  ): AsyncGenerator<{ skus: unknown[]; where: string }> {
    const seen = new Set<string>();
    let pageToken = '';
    for (let page = 1; ; page++) {
      signal?.throwIfAborted();
      const where = `the ${catalog.name} catalog, page ${page}`;
      const url = new URL(
        `${this.#baseUrl}/v1/services/${catalog.serviceId}/skus`,
      );
      url.searchParams.set('key', this.#apiKey);
      url.searchParams.set('currencyCode', 'USD');
      url.searchParams.set('pageSize', String(PAGE_SIZE));
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const body = await this.#get(url.href, where, signal);
      if (!isObject(body)) {
        throw new Error(
          `Malformed ${ORIGIN} response for ${where}: not an object`,
        );
      }
      // Proto3 JSON leaves out an empty list.
      const skus = body.skus ?? [];
      if (!Array.isArray(skus)) {
        throw new Error(
          `Malformed ${ORIGIN} response for ${where}: skus is not a list`,
        );
      }
      yield { skus, where };

      const next = body.nextPageToken ?? '';
      if (typeof next !== 'string') {
        throw new Error(
          `Malformed ${ORIGIN} response for ${where}: nextPageToken is not a string`,
        );
      }
      if (next === '') return;
      if (seen.has(next)) {
        throw new Error(
          `The ${ORIGIN} returned a nextPageToken it had already given for ${where}`,
        );
      }
      if (page >= MAX_PAGES) {
        throw new Error(
          `The ${ORIGIN} returned more than ${MAX_PAGES} pages for ${where}`,
        );
      }
      seen.add(next);
      pageToken = next;
    }
  }

  async #get(url: string, where: string, signal?: AbortSignal) {
    try {
      return await fetchWithRetry<unknown>(
        url,
        { headers: { accept: 'application/json' } },
        {
          timeoutMs: this.#timeoutMs,
          attempts: this.#attempts,
          backoffMs: this.#backoffMs,
          signal,
        },
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      // No `cause`: the underlying error may carry the URL, and with it the
      // API key, into a log line.
      throw new Error(
        this.#redact(
          `${ORIGIN} request for ${where} failed: ${(error as Error).message}`,
        ),
      );
    }
  }

  /**
   * Removes the API key from a text, however it was encoded, including the
   * start of a key cut off at the end of the text (error messages quote the
   * first bytes of a response body).
   */
  #redact(text: string): string {
    let redacted = text.replace(/([?&]key=)[^&#\s]*/g, '$1<redacted>');
    for (const form of new Set([
      this.#apiKey,
      encodeURIComponent(this.#apiKey),
      new URLSearchParams({ k: this.#apiKey }).toString().slice(2),
    ])) {
      redacted = redacted.split(form).join('<redacted>');
      for (let length = form.length - 1; length >= 4; length--) {
        if (redacted.endsWith(form.slice(0, length))) {
          redacted = `${redacted.slice(0, -length)}<redacted>`;
          break;
        }
      }
    }
    return redacted;
  }
}
