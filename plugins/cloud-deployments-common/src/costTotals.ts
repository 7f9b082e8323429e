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
  EstimateTotalKind,
  PriceKind,
} from './pricing';

/** Rounds to whole cents. */
const cents = (usd: number) => Math.round(usd * 100) / 100;

/**
 * What an estimate's lines add up to, and how sure that is.
 *
 * @public
 */
export type EstimateTotal = Pick<
  CostEstimate,
  | 'monthlyTotal'
  | 'pricedSubtotal'
  | 'totalKind'
  | 'complete'
  | 'missingLines'
  | 'approximateFrom'
>;

// Estimates stored before lines had a kind said so only in their note.
const LEGACY_FALLBACK_NOTE = / price used: no price for /;

/**
 * A line's kind, read from lines stored before `kind` existed too.
 *
 * @public
 */
export function lineKind(
  line: Omit<EstimateLine, 'kind'> & { kind?: PriceKind },
): PriceKind {
  // No price is missing, whatever a line says of itself.
  if (line.monthlyCost === null || line.unitPrice === null) return 'missing';
  if (line.kind) return line.kind;
  return line.note && LEGACY_FALLBACK_NOTE.test(line.note)
    ? 'approximate'
    : 'exact';
}

/**
 * Adds up lines: the total only when every line has a price, the priced
 * subtotal always, and the kind of the result.
 *
 * @public
 */
export function totalOfLines(lines: EstimateLine[]): EstimateTotal {
  let subtotal = 0;
  let missing = 0;
  let approximate = 0;
  const from = new Set<string>();
  for (const line of lines) {
    const kind = lineKind(line);
    if (kind === 'missing') {
      missing += 1;
      continue;
    }
    subtotal += (line.unitPrice ?? 0) * line.quantity;
    if (kind === 'approximate') {
      approximate += 1;
      from.add(line.region);
    }
  }
  const pricedSubtotal = cents(subtotal);
  let totalKind: EstimateTotalKind = 'exact';
  if (missing > 0) {
    totalKind = missing === lines.length ? 'unknown' : 'partial';
  } else if (approximate > 0) {
    totalKind = 'approximate';
  }
  return {
    monthlyTotal: missing > 0 ? null : pricedSubtotal,
    pricedSubtotal,
    totalKind,
    complete: missing === 0 && approximate === 0,
    missingLines: missing,
    approximateFrom: [...from].sort(),
  };
}

/**
 * An estimate as the current shape, whatever version stored it: every line
 * gets its kind, and the totals are derived from the lines again.
 *
 * @public
 */
export function normalizeEstimate(estimate: CostEstimate): CostEstimate {
  const lines = estimate.lines.map(line => ({ ...line, kind: lineKind(line) }));
  return { ...estimate, lines, ...totalOfLines(lines) };
}

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
});

/**
 * An amount of US dollars as text, to the cent: `$1,234.50`, `-$0.60` (a
 * credit).
 *
 * @public
 */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * A monthly cost as text that is never more certain than its data:
 * `$29.57`, `≈ $29.57 (priced from us-east-1)`, `≥ $12.00, 2 lines unpriced`,
 * or `unknown, 1 line unpriced` — never `$0` for a price nobody knows. `per`
 * follows the amount, e.g. ` a month`; `withoutEstimate` counts the parts of
 * a sum that had no estimate at all (a budget's deployments), said with the
 * unpriced lines.
 *
 * @public
 */
export function describeMonthlyCost(
  total: EstimateTotal,
  per = '',
  withoutEstimate = 0,
): string {
  const unpriced = plural(
    total.missingLines,
    'line unpriced',
    'lines unpriced',
  );
  const leftOut = withoutEstimate
    ? [
        plural(
          withoutEstimate,
          'deployment without an estimate',
          'deployments without an estimate',
        ),
        ...(total.missingLines ? [unpriced] : []),
      ].join(', ')
    : unpriced;
  const amount = `${usd.format(total.pricedSubtotal)}${per}`;
  const from = total.approximateFrom.join(', ');
  switch (total.totalKind) {
    case 'exact':
      return amount;
    case 'approximate':
      return `≈ ${amount} (priced from ${from})`;
    case 'partial':
      return `≥ ${amount}, ${leftOut}${
        from ? `, some priced from ${from}` : ''
      }`;
    default:
      return `unknown, ${leftOut}`;
  }
}

/**
 * Adds up several estimates' totals (a component's deployments, a summary):
 * the result is only as sure as its least sure part.
 *
 * @public
 */
export function combineTotals(totals: EstimateTotal[]): EstimateTotal {
  const from = new Set<string>();
  let subtotal = 0;
  let missing = 0;
  for (const t of totals) {
    subtotal += t.pricedSubtotal;
    missing += t.missingLines;
    t.approximateFrom.forEach(r => from.add(r));
  }
  const totalKind = combineTotalKinds(totals.map(t => t.totalKind));
  const pricedSubtotal = cents(subtotal);
  return {
    monthlyTotal: missing > 0 ? null : pricedSubtotal,
    pricedSubtotal,
    totalKind,
    complete: totalKind === 'exact',
    missingLines: missing,
    approximateFrom: [...from].sort(),
  };
}

/**
 * The kind of a sum of totals of these kinds: only as sure as its least sure
 * part, and `unknown` only when no part has a price. A sum of nothing is exact.
 *
 * @public
 */
export function combineTotalKinds(
  kinds: Iterable<EstimateTotalKind>,
): EstimateTotalKind {
  const seen = new Set(kinds);
  if (seen.size === 1 && seen.has('unknown')) return 'unknown';
  if (seen.has('partial') || seen.has('unknown')) return 'partial';
  return seen.has('approximate') ? 'approximate' : 'exact';
}
