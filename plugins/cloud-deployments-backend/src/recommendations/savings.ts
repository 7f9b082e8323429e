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
  describeMonthlyCost,
  EstimateTotal,
  lineKind,
  normalizeEstimate,
  PriceKind,
  RecommendationSavings,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const cents = (usd: number) => Math.round(usd * 100) / 100;

function countKinds(estimates: CostEstimate[]): Record<PriceKind, number> {
  const counts: Record<PriceKind, number> = {
    exact: 0,
    approximate: 0,
    missing: 0,
  };
  for (const estimate of estimates) {
    for (const line of estimate.lines) counts[lineKind(line)] += 1;
  }
  return counts;
}

function withText(
  total: EstimateTotal,
  lineKinds: Record<PriceKind, number>,
  note?: string,
): RecommendationSavings {
  return {
    currency: 'USD',
    ...total,
    description: describeMonthlyCost(total, ' a month'),
    lineKinds,
    ...(note ? { note } : {}),
  };
}

/**
 * What removing everything an estimate prices saves a month (an idle
 * deployment that expires, an orphan deleted): the estimate's own total, as
 * sure as its lines; with lines unpriced, the priced part is a lower bound.
 */
export function wholeSavings(estimate: CostEstimate): RecommendationSavings {
  const normal = normalizeEstimate(estimate);
  return withText(totalOfLines(normal.lines), countKinds([normal]));
}

/**
 * What replacing `before` with `after` saves a month. Known only when both
 * have every line priced: a difference with an unpriced line on either side
 * could be anything, so it is `unknown`, never a figure.
 */
export function differenceSavings(
  before: CostEstimate,
  after: CostEstimate,
): RecommendationSavings {
  const [b, a] = [normalizeEstimate(before), normalizeEstimate(after)];
  const lineKinds = countKinds([b, a]);
  const approximateFrom = [
    ...new Set([...b.approximateFrom, ...a.approximateFrom]),
  ].sort();
  if (b.monthlyTotal === null || a.monthlyTotal === null) {
    const missingLines = b.missingLines + a.missingLines;
    return withText(
      {
        monthlyTotal: null,
        pricedSubtotal: 0,
        totalKind: 'unknown',
        complete: false,
        missingLines,
        approximateFrom,
      },
      lineKinds,
      `the ${
        b.monthlyTotal === null ? 'current' : 'proposed'
      } estimate has a line without a price`,
    );
  }
  const saved = cents(b.monthlyTotal - a.monthlyTotal);
  const approximate =
    b.totalKind === 'approximate' || a.totalKind === 'approximate';
  return withText(
    {
      monthlyTotal: saved,
      pricedSubtotal: saved,
      totalKind: approximate ? 'approximate' : 'exact',
      complete: !approximate,
      missingLines: 0,
      approximateFrom,
    },
    lineKinds,
  );
}

/**
 * Savings the price data cannot put a figure on (a commitment whose terms it
 * does not have), with the reason.
 */
export function unknownSavings(note: string): RecommendationSavings {
  return {
    currency: 'USD',
    monthlyTotal: null,
    pricedSubtotal: 0,
    totalKind: 'unknown',
    complete: false,
    missingLines: 0,
    approximateFrom: [],
    description: `unknown: ${note}`,
    lineKinds: { exact: 0, approximate: 0, missing: 0 },
    note,
  };
}
