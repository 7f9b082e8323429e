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
import { DailyActualCost } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * An in-memory cache of a billing source's answers, for sources whose API
 * charges or throttles per request: answers are kept per (from, to, set of
 * deployments) for a time, failures are not kept, and expired entries are
 * dropped on each read so the map stays as small as the recent questions.
 * One per source and process; use Backstage's cache service instead to share
 * answers between replicas.
 *
 * @public
 */
export class ActualCostCache {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<
    string,
    { expires: number; costs: DailyActualCost[] }
  >();

  /**
   * @param ttlMs - how long an answer is kept
   * @param now - the clock, in milliseconds
   */
  constructor(ttlMs: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /**
   * The answer kept for these days and deployments, or what `read` answers
   * (kept unless it throws). Callers get copies.
   */
  async get(
    from: string,
    to: string,
    deploymentIds: readonly string[],
    read: () => Promise<DailyActualCost[]>,
  ): Promise<DailyActualCost[]> {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expires <= now) this.#entries.delete(key);
    }
    const key = JSON.stringify([from, to, [...new Set(deploymentIds)].sort()]);
    const hit = this.#entries.get(key);
    if (hit) return hit.costs.map(c => ({ ...c }));
    const costs = await read();
    this.#entries.set(key, { expires: now + this.#ttlMs, costs });
    return costs.map(c => ({ ...c }));
  }
}
