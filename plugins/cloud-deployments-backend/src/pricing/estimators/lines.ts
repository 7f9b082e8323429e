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
  CostEstimate,
  EstimateLine,
  PriceKind,
  PriceProvider,
  PriceUnit,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceCatalog } from '../PriceCatalog';

/** Rounds to whole cents. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/**
 * One billed component: the price looked up in the catalogue, times the
 * quantity. A missing price gives a line with `null` cost and a note, never $0.
 */
export function priceLine(
  catalog: PriceCatalog,
  item: {
    provider: PriceProvider;
    service: string;
    region: string;
    sku: string;
    unit: PriceUnit;
    quantity: number;
    description: string;
    note?: string;
  },
): EstimateLine {
  const { point, note } = catalog.lookup(
    item.provider,
    item.service,
    item.region,
    item.sku,
  );
  const notes = [item.note, note].filter(Boolean);
  if (point && point.unit !== item.unit) {
    notes.push(`price is per ${point.unit}, not per ${item.unit}: not used`);
  }
  const usable = point && point.unit === item.unit ? point : undefined;
  // A caveated price is used, but the line says so (and so the estimate warns).
  if (usable?.caveat) notes.push(`price caveat: ${usable.caveat}`);
  let kind: PriceKind = 'missing';
  if (usable) kind = usable.region === item.region ? 'exact' : 'approximate';
  return {
    description: item.description,
    quantity: item.quantity,
    unit: item.unit,
    unitPrice: usable ? usable.usd : null,
    monthlyCost: usable ? cents(usable.usd * item.quantity) : null,
    sku: item.sku,
    region: usable?.region ?? item.region,
    kind,
    ...(kind === 'approximate'
      ? {
          approximation: {
            requestedRegion: item.region,
            reason: note ?? `${usable!.region} price used`,
          },
        }
      : {}),
    ...(usable
      ? {
          source: usable.source,
          origin: usable.origin,
          effectiveDate: usable.effectiveDate,
          ...(usable.dateNote ? { dateNote: usable.dateNote } : {}),
          ...(usable.caveat ? { caveat: usable.caveat } : {}),
        }
      : {}),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

/** Sums the lines into an estimate, with a warning per missing or borrowed price. */
export function toEstimate(
  lines: EstimateLine[],
  assumptions: CostEstimate['assumptions'],
  warnings: string[] = [],
): CostEstimate {
  const total = totalOfLines(lines);
  const allWarnings = [...warnings];
  for (const line of lines) {
    if (line.note) allWarnings.push(`${line.description}: ${line.note}`);
  }
  if (total.missingLines) {
    allWarnings.push(
      `Incomplete: ${total.missingLines} line(s) have no price and are not in the total`,
    );
  }
  return {
    currency: 'USD',
    ...total,
    lines,
    assumptions,
    warnings: allWarnings,
    estimatedAt: new Date().toISOString(),
  };
}
