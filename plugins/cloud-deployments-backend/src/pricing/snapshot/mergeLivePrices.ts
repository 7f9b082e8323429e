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
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceDataset, PriceSnapshot } from './PriceSnapshot';

/**
 * Folds prices fetched from the live APIs into a snapshot: each fetched
 * (provider, service, region, SKU) replaces the snapshot's price, and the
 * fetched prices form datasets of their own, one per provider, service, unit
 * and date, so every value keeps its source and date.
 */
export function mergeLivePrices(
  snapshot: PriceSnapshot,
  points: PricePoint[],
  fetchedAt: Date,
): PriceSnapshot {
  const fetched = new Set(
    points.map(p => `${p.provider}|${p.service}|${p.region}|${p.sku}`),
  );
  const kept: PriceDataset[] = [];
  for (const dataset of snapshot.datasets) {
    const prices: PriceDataset['prices'] = {};
    for (const [region, skus] of Object.entries(dataset.prices)) {
      for (const [sku, usd] of Object.entries(skus)) {
        const k = `${dataset.provider}|${dataset.service}|${region}|${sku}`;
        if (fetched.has(k)) continue;
        (prices[region] ??= {})[sku] = usd;
      }
    }
    if (Object.keys(prices).length) kept.push({ ...dataset, prices });
  }

  const added = new Map<string, PriceDataset>();
  for (const p of points) {
    const id =
      `live-${p.provider}-${p.service}-${p.unit}-${p.effectiveDate}`.toLocaleLowerCase(
        'en-US',
      );
    let dataset = added.get(id);
    if (!dataset) {
      dataset = {
        id,
        provider: p.provider,
        service: p.service,
        unit: p.unit,
        effectiveDate: p.effectiveDate,
        origin: `${p.origin}, fetched ${fetchedAt.toISOString().slice(0, 10)}`,
        prices: {},
      };
      added.set(id, dataset);
    }
    (dataset.prices[p.region] ??= {})[p.sku] = p.usd;
  }

  return {
    ...snapshot,
    builtAt: fetchedAt.toISOString(),
    datasets: [...kept, ...added.values()].sort((a, b) =>
      a.id.localeCompare(b.id),
    ),
  };
}
