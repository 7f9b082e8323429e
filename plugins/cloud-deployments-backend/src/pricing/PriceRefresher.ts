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
import { DatabasePriceCache } from './DatabasePriceCache';
import { PriceCatalog } from './PriceCatalog';

/** What one refresh did, per source. */
export type RefreshReport = Array<{
  source: string;
  prices?: number;
  error?: string;
}>;

/**
 * Keeps the catalogue's overlay current: `refresh` fetches every live source
 * and stores what it got in the database cache (run once across replicas by
 * the scheduler); `reload` reads the cache into this replica's catalogue. A
 * source that fails keeps its cached prices until they expire, then the
 * snapshot answers.
 */
export class PriceRefresher {
  readonly #sources: PriceSource[];
  readonly #cache: DatabasePriceCache;
  readonly #catalog: PriceCatalog;
  readonly #logger: LoggerService;
  readonly #ttlMs: number;

  constructor(options: {
    sources: PriceSource[];
    cache: DatabasePriceCache;
    catalog: PriceCatalog;
    logger: LoggerService;
    ttlMs: number;
  }) {
    this.#sources = options.sources;
    this.#cache = options.cache;
    this.#catalog = options.catalog;
    this.#logger = options.logger;
    this.#ttlMs = options.ttlMs;
  }

  get hasSources(): boolean {
    return this.#sources.length > 0;
  }

  async refresh(signal?: AbortSignal): Promise<RefreshReport> {
    const report: RefreshReport = [];
    const live: PricePoint[] = [];
    for (const source of this.#sources) {
      try {
        const points = await source.fetchPrices({
          regions: source.regions ?? [],
          signal,
        });
        await this.#cache.store(points, { ttlMs: this.#ttlMs });
        live.push(...points.map(p => ({ ...p, source: 'live' as const })));
        report.push({ source: source.id, prices: points.length });
        this.#logger.info(`Fetched ${points.length} prices from ${source.id}`);
      } catch (error) {
        const message = (error as Error).message;
        report.push({ source: source.id, error: message });
        this.#logger.warn(
          `Price refresh from ${source.id} failed, cached or snapshot prices stay in use: ${message}`,
        );
      }
    }
    await this.#cache.deleteExpired();
    await this.reload(live);
    return report;
  }

  /** Loads the unexpired cache into the catalogue; `live` points win over cached ones. */
  async reload(live: PricePoint[] = []): Promise<void> {
    const cached = await this.#cache.loadFresh();
    this.#catalog.replaceOverlay([...cached, ...live]);
  }
}
