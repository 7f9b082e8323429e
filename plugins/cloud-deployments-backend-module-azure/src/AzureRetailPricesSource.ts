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
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AZURE_REGION_PATTERN } from './azureRegion';
import { effectiveDateOf, parseItem } from './retailPrices/retailItem';
import { Query, QUERIES } from './retailPrices/retailPriceQueries';
import {
  ORIGIN,
  RetailPricesApi,
  retailPricePages,
  retailPricesApi,
} from './retailPrices/retailPricesApi';

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

  readonly #api: RetailPricesApi;
  readonly #logger?: LoggerService;

  constructor(options: AzureRetailPricesSourceOptions = {}) {
    this.#api = retailPricesApi(options);
    if (options.regions) {
      AzureRetailPricesSource.#checkRegions(options.regions);
    }
    this.regions = options.regions;
    this.#logger = options.logger;
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
    const bySku = new Map<string, Candidate>();
    let items = 0;
    let pages = 0;
    for await (const page of retailPricePages(
      this.#api,
      query.serviceName,
      region,
      signal,
    )) {
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
}
