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
import {
  BillingCatalogApi,
  billingCatalogApi,
  catalogSkuPages,
  ORIGIN,
} from './billingCatalog/billingCatalogApi';
import { Catalog, CATALOGS } from './billingCatalog/catalogs';
import { isObject, priceOf } from './billingCatalog/skuPrice';
import { GCP_REGION_PATTERN } from './gcpRegion';
import { GcpRequestAuth } from './gcpRequestAuth';

/**
 * Options of {@link GcpBillingCatalogSource}: an `apiKey` or an `auth`.
 *
 * @public
 */
export type GcpBillingCatalogSourceOptions = {
  /**
   * An API key of a project with the Cloud Billing API enabled. It is sent
   * as the `key` query parameter and kept out of every error and log line.
   */
  apiKey?: string;
  /**
   * Authenticates each request with its headers instead of an API key, e.g.
   * Application Default Credentials; the token is kept out of every error
   * and log line.
   */
  auth?: GcpRequestAuth;
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

type Candidate = { point: PricePoint; rank: number; conflict?: number };

/**
 * Live prices of Cloud Run (request- and instance-based billing) and of the
 * predefined on-demand core and RAM of Compute Engine machine families (E2,
 * N1, N2, N2D, C2, C3, T2D) from the Cloud Billing Catalog API, with an API
 * key or a bearer token (e.g. of Application Default Credentials).
 *
 * Each refresh reads both services' whole catalogs (the API cannot filter
 * by region) and keeps the requested regions. Throttling (429), 5xx,
 * timeouts and network errors are retried with backoff and jitter; a
 * malformed page or SKU fails the whole fetch. Neither the API key nor the
 * token ever appears in an error message or a log line.
 *
 * @public
 */
export class GcpBillingCatalogSource implements PriceSource {
  readonly id = 'gcp-cloud-billing-catalog';
  readonly provider = 'gcp' as const;
  readonly regions?: readonly string[];

  readonly #api: BillingCatalogApi;
  readonly #logger?: LoggerService;

  constructor(options: GcpBillingCatalogSourceOptions) {
    this.#api = billingCatalogApi(options);
    if (options.regions) {
      GcpBillingCatalogSource.#checkRegions(options.regions);
    }
    this.regions = options.regions;
    this.#logger = options.logger;
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
    for await (const page of catalogSkuPages(this.#api, catalog, signal)) {
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
}
