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
  PricePoint,
  PriceProvider,
  PriceSourceKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceAllowance, PriceSnapshot } from './snapshot/PriceSnapshot';

/** The answer to a price look-up: the price used, and why if it is not the region's own. */
export type PriceLookup = {
  point?: PricePoint;
  /** Set when the price is another region's, or missing. */
  note?: string;
};

/** A filter of {@link PriceCatalog.list}. */
export type PriceFilter = {
  provider?: PriceProvider;
  service?: string;
  region?: string;
  sku?: string;
};

const key = (provider: string, service: string, region: string, sku: string) =>
  `${provider}\u0000${service}\u0000${region}\u0000${sku}`;

const layerName: Record<PriceSourceKind, string> = {
  live: 'live prices',
  cache: 'price cache',
  snapshot: 'snapshot',
};

/**
 * The price catalogue, in memory so that an estimate never waits on a network:
 * the embedded snapshot underneath, overlaid by prices from the live sources
 * (fetched by this process) or from the database cache (fetched by any
 * replica). A look-up prefers the overlay, then the snapshot, then the
 * provider's fallback region, and says so when it falls back.
 */
export class PriceCatalog {
  readonly #snapshot = new Map<string, PricePoint>();
  #overlay = new Map<string, PricePoint>();
  readonly #skus = new Map<string, Set<string>>();
  readonly #regions = new Map<string, Set<string>>();
  readonly #snapshotInfo: PriceSnapshot;

  static fromSnapshot(snapshot: PriceSnapshot): PriceCatalog {
    return new PriceCatalog(snapshot);
  }

  private constructor(snapshot: PriceSnapshot) {
    this.#snapshotInfo = snapshot;
    for (const dataset of snapshot.datasets) {
      for (const [region, prices] of Object.entries(dataset.prices)) {
        for (const [sku, usd] of Object.entries(prices)) {
          const point: PricePoint = {
            provider: dataset.provider,
            service: dataset.service,
            region,
            sku,
            unit: dataset.unit,
            usd,
            effectiveDate: dataset.effectiveDate,
            ...(dataset.dateNote ? { dateNote: dataset.dateNote } : {}),
            source: 'snapshot',
            origin: dataset.origin,
            // Kept apart from the origin, so that lines priced from it warn.
            ...(dataset.caveat ? { caveat: dataset.caveat } : {}),
          };
          this.#snapshot.set(
            key(point.provider, point.service, region, sku),
            point,
          );
          this.#index(point);
        }
      }
    }
  }

  #index(point: PricePoint) {
    const service = `${point.provider}\u0000${point.service}`;
    if (!this.#skus.has(service)) this.#skus.set(service, new Set());
    if (!this.#regions.has(service)) this.#regions.set(service, new Set());
    this.#skus.get(service)!.add(point.sku);
    this.#regions.get(service)!.add(point.region);
  }

  /** Replaces every live or cached price with these (a completed refresh or cache load). */
  replaceOverlay(points: PricePoint[]): void {
    const overlay = new Map<string, PricePoint>();
    for (const point of points) {
      overlay.set(
        key(point.provider, point.service, point.region, point.sku),
        point,
      );
      this.#index(point);
    }
    this.#overlay = overlay;
  }

  /** Number of prices in each layer. */
  get size(): { snapshot: number; overlay: number } {
    return { snapshot: this.#snapshot.size, overlay: this.#overlay.size };
  }

  /** When the snapshot underneath was built. */
  get snapshotBuiltAt(): string {
    return this.#snapshotInfo.builtAt;
  }

  #exact(
    provider: PriceProvider,
    service: string,
    region: string,
    sku: string,
  ) {
    const k = key(provider, service, region, sku);
    return this.#overlay.get(k) ?? this.#snapshot.get(k);
  }

  /** The price of one SKU in a region, falling back to the provider's reference region. */
  lookup(
    provider: PriceProvider,
    service: string,
    region: string,
    sku: string,
  ): PriceLookup {
    const exact = this.#exact(provider, service, region, sku);
    if (exact) return { point: exact };
    const fallbackRegion =
      this.#snapshotInfo.fallbackRegions[provider]?.[service];
    if (fallbackRegion && fallbackRegion !== region) {
      const point = this.#exact(provider, service, fallbackRegion, sku);
      if (point) {
        return {
          point,
          note: `${fallbackRegion} price used: no price for ${region} in the ${
            layerName[point.source]
          }`,
        };
      }
    }
    return { note: `no price for ${sku} in ${region}` };
  }

  /** Every SKU of a service the catalogue has a price for, in any region. */
  skus(provider: PriceProvider, service: string): ReadonlySet<string> {
    return this.#skus.get(`${provider}\u0000${service}`) ?? new Set();
  }

  /** Every region of a service the catalogue has a price for. */
  regions(provider: PriceProvider, service: string): ReadonlySet<string> {
    return this.#regions.get(`${provider}\u0000${service}`) ?? new Set();
  }

  /** vCPU and memory of a machine type, if the snapshot knows them. */
  machineSpec(provider: PriceProvider, machineType: string) {
    return this.#snapshotInfo.machineSpecs[provider]?.[machineType];
  }

  /** A service's free monthly allowances of one scope. */
  allowances(
    provider: PriceProvider,
    service: string,
    scope: string,
  ): PriceAllowance[] {
    return this.#snapshotInfo.allowances.filter(
      a =>
        a.provider === provider && a.service === service && a.scope === scope,
    );
  }

  /** Prices matching a filter, overlay first, for the prices API. */
  list(filter: PriceFilter, limit: number): PricePoint[] {
    const result: PricePoint[] = [];
    const seen = new Set<string>();
    const matches = (p: PricePoint) =>
      (!filter.provider || p.provider === filter.provider) &&
      (!filter.service || p.service === filter.service) &&
      (!filter.region || p.region === filter.region) &&
      (!filter.sku || p.sku === filter.sku);
    for (const layer of [this.#overlay, this.#snapshot]) {
      for (const [k, point] of layer) {
        if (result.length >= limit) return result;
        if (seen.has(k) || !matches(point)) continue;
        seen.add(k);
        result.push(point);
      }
    }
    return result;
  }
}
