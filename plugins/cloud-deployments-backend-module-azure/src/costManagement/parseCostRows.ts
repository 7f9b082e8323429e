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
import { QueryResult } from '@azure/arm-costmanagement';

/** One tag value's cost on one day, summed over the pages. */
export type CostRow = {
  tagValue: string;
  /** `YYYY-MM-DD`. */
  day: string;
  amount: number;
  currency: string;
};

const TAG_KEY = 'cloud-deployments-id';

/**
 * The rows of the pages of a Cost Management query grouped by the
 * deployment id tag, found by column name (the API chooses the order), and
 * summed per tag value, day and currency. Rows of days outside `from` up to
 * `to` are left out. Throws on anything malformed (a missing column, a
 * cost that is not a number, a date that is not a day), so that a partial
 * answer never passes for a whole one.
 */
export function parseCostRows(
  pages: QueryResult[],
  options: { from: string; to: string; where: string },
): CostRow[] {
  const { from, to, where } = options;
  const malformed = (detail: string) =>
    new Error(`${where} gave a malformed answer: ${detail}`);
  const sums = new Map<string, CostRow>();
  for (const [p, page] of pages.entries()) {
    if (!Array.isArray(page?.columns) || !Array.isArray(page?.rows)) {
      throw malformed(`page ${p + 1} has no columns or no rows`);
    }
    const names = page.columns.map(c =>
      typeof c?.name === 'string' ? c.name.toLowerCase() : '',
    );
    const column = (...candidates: string[]) => {
      for (const name of candidates) {
        const index = names.indexOf(name.toLowerCase());
        if (index >= 0) return index;
      }
      throw malformed(
        `page ${p + 1} has no ${candidates.join(' or ')} column (it has ${
          names.join(', ') || 'none'
        })`,
      );
    };
    const cost = column('Cost', 'PreTaxCost');
    const date = column('UsageDate');
    const tagValue = column('TagValue');
    const currency = column('Currency');
    const tagKey = names.indexOf('tagkey');

    for (const [r, row] of page.rows.entries()) {
      const at = `page ${p + 1} row ${r + 1}`;
      if (!Array.isArray(row)) throw malformed(`${at} is not a list`);
      const amount = row[cost];
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        throw malformed(`${at} has cost ${JSON.stringify(amount)}`);
      }
      const day = usageDay(row[date]);
      if (!day) {
        throw malformed(
          `${at} has usage date ${JSON.stringify(row[date])}, not a day`,
        );
      }
      const code = row[currency];
      if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) {
        throw malformed(`${at} has currency ${JSON.stringify(code)}`);
      }
      const value = row[tagValue];
      if (typeof value !== 'string') {
        throw malformed(`${at} has tag value ${JSON.stringify(value)}`);
      }
      // Untagged costs (an empty value) and other tags are not asked for.
      if (
        value === '' ||
        (tagKey >= 0 && String(row[tagKey]).toLowerCase() !== TAG_KEY)
      ) {
        continue;
      }
      if (day < from || day >= to) continue;
      const key = JSON.stringify([value, day, code]);
      const sum = sums.get(key);
      if (sum) sum.amount += amount;
      else sums.set(key, { tagValue: value, day, amount, currency: code });
    }
  }
  return [...sums.values()];
}

/** `YYYY-MM-DD` of a UsageDate such as 20261205, or undefined. */
function usageDay(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === day
    ? day
    : undefined;
}
