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
  ACI_SKUS,
  fetchWithRetry,
  normalizeUnit,
  PRICE_KEYS,
  PriceSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

const ORIGIN = 'Azure Retail Prices API';
const DEFAULT_BASE_URL = 'https://prices.azure.com';
const API_VERSION = '2023-01-01-preview';
/** A guard against a server that keeps handing out new page links. */
const MAX_PAGES = 1000;

/**
 * What an Azure region name (`armRegionName`) looks like, e.g. `eastus` or
 * `australiacentral2`. Also what keeps a region from breaking out of the
 * OData string it is quoted in.
 */
export const AZURE_REGION_PATTERN = /^[a-z0-9]+$/;

/**
 * Options of {@link AzureRetailPricesSource}.
 *
 * @public
 */
export type AzureRetailPricesSourceOptions = {
  /** The regions to price (`armRegionName`, e.g. `eastus`); what the refresh asks for. */
  regions?: readonly string[];
  /**
   * The API's origin, optionally with a path prefix, e.g. for a proxy or a
   * test server. Page links are only followed within its origin. Default
   * `https://prices.azure.com`.
   */
  baseUrl?: string;
  /** Time limit of one attempt, in milliseconds. Default 20 000. */
  timeoutMs?: number;
  /** Attempts per request in all, including the first. Default 4. */
  attempts?: number;
  /** Base of the exponential backoff between attempts, in milliseconds. Default 500. */
  backoffMs?: number;
  /** Receives a debug line per region and query. */
  logger?: LoggerService;
};

/** The fields of a Retail Prices API item that this source reads. */
type RetailItem = {
  retailPrice: number;
  unitOfMeasure: string;
  armRegionName: string;
  armSkuName: string;
  productName: string;
  skuName: string;
  meterName: string;
  type: string;
  effectiveStartDate: unknown;
  tierMinimumUnits: number;
  isPrimaryMeterRegion: boolean;
  reservationTerm: unknown;
};

/** What an item prices in our terms. */
type Mapped = { sku: string; unit: PriceUnit; usd: number };

/** One query per region: a service of the API and how to read its items. */
type Query = {
  /** The API's `serviceName`. */
  serviceName: string;
  /** Our service key. */
  service: string;
  /** Our SKU, unit and price of an in-scope item, undefined for items to skip. */
  map(item: RetailItem, where: string): Mapped | undefined;
};

type Measure = 'vcpu' | 'memory' | 'gpu';

/** The meters of the `Standard` Container Instances SKU, by lower-case name. */
const ACI_STANDARD_METERS: Record<
  string,
  { sku: string; measure: Measure; unit: PriceUnit }
> = {
  'standard vcpu duration': {
    sku: ACI_SKUS.vcpu,
    measure: 'vcpu',
    unit: 'vcpu-hour',
  },
  'standard memory duration': {
    sku: ACI_SKUS.memory,
    measure: 'memory',
    unit: 'gib-hour',
  },
  'standard windows software duration': {
    sku: ACI_SKUS.windowsSoftware,
    measure: 'vcpu',
    unit: 'vcpu-second',
  },
};

const SECONDS_PER_HOUR = 3600;

/** The same measure per second and per hour. */
const PER_SECOND_TO_PER_HOUR: Partial<Record<PriceUnit, PriceUnit>> = {
  'vcpu-second': 'vcpu-hour',
  'gib-second': 'gib-hour',
};

/** Lower case with single spaces, for loose comparisons of names. */
function loose(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}

/** Drops float noise such as 0.040499999999999994 from unit conversions. */
function tidy(usd: number): number {
  return Number(usd.toPrecision(12));
}

/**
 * Converts an item's price per its `unitOfMeasure` ("1 Hour", "1 GB Hour",
 * "1 Second", "100 Seconds", "100 GB Seconds", …) to a price per `target`,
 * converting between per-second and per-hour when needed. Undefined when the
 * unit does not measure what `target` does.
 *
 * @internal
 */
export function convertRetailPrice(
  retailPrice: number,
  unitOfMeasure: string,
  measure: Measure,
  target: PriceUnit,
): number | undefined {
  const normalized = normalizeUnit(unitOfMeasure, measure);
  if (!normalized) return undefined;
  const usd = retailPrice * normalized.factor;
  if (normalized.unit === target) return tidy(usd);
  if (PER_SECOND_TO_PER_HOUR[normalized.unit] === target) {
    return tidy(usd * SECONDS_PER_HOUR);
  }
  if (PER_SECOND_TO_PER_HOUR[target] === normalized.unit) {
    return tidy(usd / SECONDS_PER_HOUR);
  }
  return undefined;
}

function priceIn(
  item: RetailItem,
  measure: Measure,
  unit: PriceUnit,
  where: string,
): number {
  const usd = convertRetailPrice(
    item.retailPrice,
    item.unitOfMeasure,
    measure,
    unit,
  );
  if (usd === undefined) {
    throw new Error(
      `Unexpected ${where}: meter '${item.meterName}' is measured in ` +
        `'${item.unitOfMeasure}', which cannot be priced per ${unit}`,
    );
  }
  return usd;
}

const QUERIES: readonly Query[] = [
  {
    serviceName: 'Container Instances',
    service: PRICE_KEYS.azure.containerInstances,
    map(item, where) {
      const product = loose(item.productName);
      const skuName = loose(item.skuName);
      const meter = loose(item.meterName);
      if (product === 'container instances') {
        // Only `Standard`: `Standard Spot` and `Confidential containers ACI`
        // are other SKUs with their own meters and prices.
        if (skuName !== 'standard') return undefined;
        const spec = ACI_STANDARD_METERS[meter];
        if (!spec) return undefined;
        return {
          sku: spec.sku,
          unit: spec.unit,
          usd: priceIn(item, spec.measure, spec.unit, where),
        };
      }
      if (product === 'container instances with gpu') {
        // skuName is the GPU model (K80, P100, V100); each has a GPU meter
        // besides its own vCPU and memory meters, which are not priced here.
        if (!/^[a-z0-9]+$/.test(skuName)) return undefined;
        if (meter !== `${skuName} gpu duration`) return undefined;
        return {
          sku: `${ACI_SKUS.gpuPrefix}${skuName}`,
          unit: 'gpu-hour',
          usd: priceIn(item, 'gpu', 'gpu-hour', where),
        };
      }
      return undefined;
    },
  },
  {
    serviceName: 'Virtual Machines',
    service: PRICE_KEYS.azure.virtualMachines,
    map(item) {
      if (/\b(spot|low priority)\b/.test(loose(item.skuName))) {
        return undefined;
      }
      if (/\b(spot|low priority)\b/.test(loose(item.meterName))) {
        return undefined;
      }
      if (item.armSkuName.trim() === '') return undefined;
      if (item.reservationTerm !== undefined && item.reservationTerm !== null) {
        return undefined;
      }
      const unit = normalizeUnit(item.unitOfMeasure, 'instance');
      if (unit?.unit !== 'hour') return undefined;
      const windows = /\bwindows\b/.test(loose(item.productName));
      return {
        sku: windows ? `${item.armSkuName}:windows` : item.armSkuName,
        unit: 'hour',
        usd: tidy(item.retailPrice * unit.factor),
      };
    },
  },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Quotes a string as an OData literal. */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function parseItem(raw: unknown, where: string): RetailItem {
  if (!isObject(raw)) {
    throw new Error(`Malformed ${where}: not an object`);
  }
  const { retailPrice, tierMinimumUnits, currencyCode } = raw;
  if (
    typeof retailPrice !== 'number' ||
    !Number.isFinite(retailPrice) ||
    retailPrice < 0
  ) {
    throw new Error(
      `Malformed ${where}: retailPrice ${JSON.stringify(
        retailPrice,
      )} is not a price`,
    );
  }
  if (
    tierMinimumUnits !== undefined &&
    (typeof tierMinimumUnits !== 'number' || !Number.isFinite(tierMinimumUnits))
  ) {
    throw new Error(
      `Malformed ${where}: tierMinimumUnits ${JSON.stringify(
        tierMinimumUnits,
      )} is not a number`,
    );
  }
  if (currencyCode !== undefined && currencyCode !== 'USD') {
    throw new Error(
      `Unexpected ${where}: priced in ${JSON.stringify(currencyCode)}, not USD`,
    );
  }
  return {
    retailPrice,
    unitOfMeasure: stringField(raw.unitOfMeasure),
    armRegionName: stringField(raw.armRegionName),
    armSkuName: stringField(raw.armSkuName),
    productName: stringField(raw.productName),
    skuName: stringField(raw.skuName),
    meterName: stringField(raw.meterName),
    type: stringField(raw.type),
    effectiveStartDate: raw.effectiveStartDate,
    tierMinimumUnits: tierMinimumUnits ?? 0,
    isPrimaryMeterRegion: raw.isPrimaryMeterRegion !== false,
    reservationTerm: raw.reservationTerm,
  };
}

function effectiveDateOf(item: RetailItem, where: string): string {
  const match =
    typeof item.effectiveStartDate === 'string'
      ? /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(item.effectiveStartDate)
      : null;
  if (!match || Number.isNaN(Date.parse(match[1]))) {
    throw new Error(
      `Malformed ${where}: effectiveStartDate ${JSON.stringify(
        item.effectiveStartDate,
      )} is not a date`,
    );
  }
  return match[1];
}

/** A price found for a SKU, with what decides between several for it. */
type Candidate = {
  point: PricePoint;
  /** Primary meter region before non-primary, then higher tier, then newer. */
  rank: [number, number, string];
  conflict?: number;
};

function compareRank(a: Candidate['rank'], b: Candidate['rank']): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  if (a[2] === b[2]) return 0;
  return a[2] < b[2] ? -1 : 1;
}

/**
 * Live prices of Azure Container Instances (the `Standard` SKU: vCPU,
 * memory, Windows software, and GPU hours) and pay-as-you-go virtual machines
 * (Linux and Windows) from the Azure Retail Prices API, which needs no
 * credentials.
 *
 * Each region costs two paginated queries. Throttling (429), 5xx, timeouts
 * and network errors are retried with backoff and jitter; a malformed page
 * fails the whole fetch.
 *
 * @public
 */
export class AzureRetailPricesSource implements PriceSource {
  readonly id = 'azure-retail-prices-api';
  readonly provider = 'azure' as const;
  readonly regions?: readonly string[];

  readonly #baseUrl: string;
  readonly #origin: string;
  readonly #timeoutMs: number;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #logger?: LoggerService;

  constructor(options: AzureRetailPricesSourceOptions = {}) {
    const base = AzureRetailPricesSource.#parseBaseUrl(
      options.baseUrl ?? DEFAULT_BASE_URL,
    );
    this.#baseUrl = base.href.replace(/\/+$/, '');
    this.#origin = base.origin;
    if (options.regions) {
      AzureRetailPricesSource.#checkRegions(options.regions);
    }
    this.regions = options.regions;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#attempts = options.attempts ?? 4;
    this.#backoffMs = options.backoffMs ?? 500;
    this.#logger = options.logger;
  }

  static #parseBaseUrl(baseUrl: string): URL {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error(`Invalid Azure Retail Prices API base URL '${baseUrl}'`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(
        `Invalid Azure Retail Prices API base URL '${baseUrl}': not http(s)`,
      );
    }
    if (url.search || url.hash) {
      throw new Error(
        `Invalid Azure Retail Prices API base URL '${baseUrl}': no query or fragment allowed`,
      );
    }
    return url;
  }

  static #checkRegions(regions: readonly string[]): void {
    for (const region of regions) {
      if (typeof region !== 'string' || !AZURE_REGION_PATTERN.test(region)) {
        throw new Error(
          `Invalid Azure region ${JSON.stringify(
            region,
          )}: expected an armRegionName such as eastus`,
        );
      }
    }
  }

  async fetchPrices(request: {
    regions: readonly string[];
    signal?: AbortSignal;
  }): Promise<PricePoint[]> {
    AzureRetailPricesSource.#checkRegions(request.regions);
    const prices: PricePoint[] = [];
    for (const region of new Set(request.regions)) {
      for (const query of QUERIES) {
        prices.push(...(await this.#fetchQuery(query, region, request.signal)));
      }
    }
    return prices;
  }

  async #fetchQuery(
    query: Query,
    region: string,
    signal?: AbortSignal,
  ): Promise<PricePoint[]> {
    const filter = [
      `serviceName eq ${odataString(query.serviceName)}`,
      `armRegionName eq ${odataString(region)}`,
      `priceType eq 'Consumption'`,
    ].join(' and ');
    const bySku = new Map<string, Candidate>();
    let items = 0;
    let pages = 0;
    for await (const page of this.#pages(query, region, filter, signal)) {
      pages += 1;
      for (const [index, raw] of page.items.entries()) {
        items += 1;
        const where = `item ${index + 1} of ${page.where}`;
        const item = parseItem(raw, where);
        if (item.armRegionName !== region) {
          throw new Error(
            `Unexpected ${where}: priced for region '${item.armRegionName}'`,
          );
        }
        if (item.type !== 'Consumption') continue;
        const mapped = query.map(item, where);
        if (!mapped) continue;
        const effectiveDate = effectiveDateOf(item, where);
        const candidate: Candidate = {
          point: {
            provider: 'azure',
            service: query.service,
            region,
            sku: mapped.sku,
            unit: mapped.unit,
            usd: mapped.usd,
            effectiveDate,
            source: 'live',
            origin: ORIGIN,
          },
          rank: [
            item.isPrimaryMeterRegion ? 1 : 0,
            item.tierMinimumUnits,
            String(item.effectiveStartDate),
          ],
        };
        const existing = bySku.get(mapped.sku);
        const order = existing ? compareRank(candidate.rank, existing.rank) : 1;
        if (order > 0) {
          bySku.set(mapped.sku, candidate);
        } else if (
          order === 0 &&
          existing &&
          existing.point.usd !== candidate.point.usd
        ) {
          existing.conflict = candidate.point.usd;
        }
      }
    }

    const ambiguous = [...bySku.values()].filter(c => c.conflict !== undefined);
    if (ambiguous.length > 0) {
      throw new Error(
        `Ambiguous ${query.serviceName} prices in ${region}: ${ambiguous
          .slice(0, 5)
          .map(
            c => `${c.point.sku} costs both ${c.point.usd} and ${c.conflict}`,
          )
          .join('; ')}`,
      );
    }
    // A $0 list price is a placeholder, not a free resource; storing it would
    // price a deployment at $0 instead of letting the snapshot answer.
    const points = [...bySku.values()].map(c => c.point).filter(p => p.usd > 0);
    this.#logger?.debug(
      `${ORIGIN}: ${points.length} ${query.serviceName} prices in ${region} ` +
        `from ${items} items on ${pages} page(s); ` +
        `${bySku.size - points.length} $0 prices skipped`,
    );
    return points;
  }

  async *#pages(
    query: Query,
    region: string,
    filter: string,
    signal?: AbortSignal,
  ): AsyncGenerator<{ items: unknown[]; where: string }> {
    let url =
      `${this.#baseUrl}/api/retail/prices?api-version=${API_VERSION}` +
      `&$filter=${encodeURIComponent(filter)}`;
    const seen = new Set<string>([url]);
    for (let page = 1; ; page++) {
      signal?.throwIfAborted();
      const where = `the ${query.serviceName} prices in ${region}, page ${page}`;
      const body = await this.#get(url, where, signal);
      if (!isObject(body) || !Array.isArray(body.Items)) {
        throw new Error(
          `Malformed ${ORIGIN} response for ${where}: no Items array`,
        );
      }
      yield { items: body.Items, where };

      const next = body.NextPageLink;
      if (next === undefined || next === null || next === '') return;
      let nextUrl: URL | undefined;
      try {
        nextUrl = typeof next === 'string' ? new URL(next) : undefined;
      } catch {
        nextUrl = undefined;
      }
      if (!nextUrl) {
        throw new Error(
          `Malformed ${ORIGIN} response for ${where}: NextPageLink ${JSON.stringify(
            next,
          )} is not a URL`,
        );
      }
      if (nextUrl.origin !== this.#origin) {
        throw new Error(
          `Refusing to follow the NextPageLink of ${where}: it points at ` +
            `${nextUrl.origin}, not at ${this.#origin}`,
        );
      }
      if (seen.has(nextUrl.href)) {
        throw new Error(
          `The ${ORIGIN} returned a NextPageLink it had already given for ${where}`,
        );
      }
      if (page >= MAX_PAGES) {
        throw new Error(
          `The ${ORIGIN} returned more than ${MAX_PAGES} pages for ${where}`,
        );
      }
      seen.add(nextUrl.href);
      url = nextUrl.href;
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
      throw new Error(
        `${ORIGIN} request for ${where} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}
