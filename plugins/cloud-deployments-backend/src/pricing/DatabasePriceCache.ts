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
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';

type PriceRow = {
  provider: string;
  service: string;
  region: string;
  sku: string;
  unit: string;
  usd: number;
  effective_date: string;
  origin: string;
  fetched_at: string | Date;
  expires_at: string | Date;
};

// Keeps each INSERT under SQLite's bound-parameter limit (10 columns a row).
const CHUNK = 80;

/**
 * The `prices` table: what the live sources fetched, shared by every replica,
 * with an expiry after which a price is no longer served from the cache.
 */
export class DatabasePriceCache {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Upserts fetched prices, all expiring `ttlMs` from `now`, in one transaction. */
  async store(
    points: PricePoint[],
    options: { ttlMs: number; now?: Date },
  ): Promise<void> {
    const now = options.now ?? new Date();
    const fetchedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + options.ttlMs).toISOString();
    const rows: PriceRow[] = points.map(p => ({
      provider: p.provider,
      service: p.service,
      region: p.region,
      sku: p.sku,
      unit: p.unit,
      usd: p.usd,
      effective_date: p.effectiveDate,
      origin: p.origin.slice(0, 255),
      fetched_at: fetchedAt,
      expires_at: expiresAt,
    }));
    await this.#db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx<PriceRow>('prices')
          .insert(rows.slice(i, i + CHUNK))
          .onConflict(['provider', 'service', 'region', 'sku'])
          .merge();
      }
    });
  }

  /** Every price that has not expired, marked as coming from the cache. */
  async loadFresh(now: Date = new Date()): Promise<PricePoint[]> {
    const rows = await this.#db<PriceRow>('prices').where(
      'expires_at',
      '>',
      now.toISOString(),
    );
    return rows.map(row => ({
      provider: row.provider as PriceProvider,
      service: row.service,
      region: row.region,
      sku: row.sku,
      unit: row.unit as PriceUnit,
      usd: Number(row.usd),
      effectiveDate: row.effective_date,
      source: 'cache',
      origin: row.origin,
    }));
  }

  /** Deletes expired prices; returns how many. */
  async deleteExpired(now: Date = new Date()): Promise<number> {
    return this.#db('prices')
      .where('expires_at', '<=', now.toISOString())
      .delete();
  }
}
