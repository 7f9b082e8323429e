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

/* Helpers of scripts/build-price-snapshot.ts. */
import fs from 'fs';
import path from 'path';

export const PACKAGE_DIR = path.resolve(__dirname, '../..');
export const REPO_DIR = path.resolve(PACKAGE_DIR, '../..');
export const DEFAULT_PRICING_DIR = path.resolve(REPO_DIR, '../shared/pricing');
export const DEFAULT_OUT = path.join(PACKAGE_DIR, 'snapshot', 'prices.json');

// When the shared data was assembled (PROVENANCE.md: sources "read on
// 2026-08"): the latest date by which an undated value was certainly seen.
export const FIRST_READ_BY = '2026-08-31';

/** The dateNote of values whose source states no date. */
export function undatedNote(from: string, to: string, why: string) {
  return `undated: ${why}; observed between ${from} and ${to}`;
}

export const DATE_RE = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/;

// ---------------------------------------------------------------------------
// Helpers

export function fail(message: string): never {
  throw new Error(`build-price-snapshot: ${message}`);
}

export function readJson(pricingDir: any, relPath: any) {
  const file = path.join(pricingDir, relPath);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The first YYYY-MM-DD in a string, or a failure naming what was expected. */
export function dateIn(text: any, what: any) {
  const match = DATE_RE.exec(String(text ?? ''));
  if (!match) fail(`no YYYY-MM-DD date in ${what}: ${JSON.stringify(text)}`);
  return match[1];
}

export function shortCommit(commit: any, what: any) {
  if (!/^[0-9a-f]{7,40}$/.test(String(commit))) {
    fail(`${what} has no commit hash: ${JSON.stringify(commit)}`);
  }
  return commit.slice(0, 7);
}

export function price(value: any, what: any) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(`${what} is not a price: ${JSON.stringify(value)}`);
  }
  return value;
}

/** `{ region: { sku: number } }` checked to hold only prices. */
export function priceTable(table: any, what: any) {
  if (!table || typeof table !== 'object') fail(`${what} is missing`);
  const out: any = {};
  for (const [region, skus] of Object.entries(table)) {
    if (!skus || typeof skus !== 'object') fail(`${what}.${region} is empty`);
    out[region] = {};
    for (const [sku, usd] of Object.entries(skus)) {
      out[region][sku] = price(usd, `${what}.${region}.${sku}`);
    }
  }
  return out;
}

export const byCodePoint = (a: string, b: string) => {
  if (a < b) return -1;
  return a > b ? 1 : 0;
};

/**
 * Copies a value with plain objects' keys sorted (arrays keep their order), so
 * that JSON.stringify gives the same bytes whatever order the input had.
 * Objects listed in `keepOrder` (the snapshot and its datasets) keep their
 * insertion order, which follows the PriceSnapshot type.
 */
export function sortKeys(value: any, keepOrder: Set<unknown>): any {
  if (Array.isArray(value)) return value.map(v => sortKeys(v, keepOrder));
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (!keepOrder.has(value)) keys.sort(byCodePoint);
  const out: any = {};
  for (const key of keys) out[key] = sortKeys(value[key], keepOrder);
  return out;
}

export function countPrices(ds: any) {
  return Object.values(ds.prices).reduce(
    (sum: number, skus: any) => sum + Object.keys(skus).length,
    0,
  );
}

export function dataset(fields: any) {
  // Field order follows the PriceDataset type.
  const {
    id,
    provider,
    service,
    unit,
    effectiveDate,
    dateNote,
    origin,
    caveat,
    prices,
  } = fields;
  if (/code-search|index id/i.test(origin)) {
    fail(`dataset ${id} cites a research index id a user cannot open`);
  }
  if (!DATE_RE.test(effectiveDate) || effectiveDate.length !== 10) {
    fail(`dataset ${id} has no YYYY-MM-DD effectiveDate: ${effectiveDate}`);
  }
  return {
    id,
    provider,
    service,
    unit,
    effectiveDate,
    ...(dateNote ? { dateNote } : {}),
    origin,
    ...(caveat ? { caveat } : {}),
    prices,
  };
}

// ---------------------------------------------------------------------------
