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
  EstimateLine,
  lineKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The lines of an estimate whose price a reader should not take at face
 * value.
 *
 * @internal
 */
export type PriceIssues = {
  /** Lines with no price: the total leaves them out. */
  missing: EstimateLine[];
  /** Lines priced with another region's price, for lack of one in theirs. */
  otherRegion: EstimateLine[];
  /**
   * Lines priced from the dated snapshot shipped with the backend while
   * others of the same estimate have current (live or cached) prices: for
   * them the snapshot was a fallback. An estimate priced from the snapshot
   * alone (no price source configured) has nothing to warn about; its
   * caption says where the prices come from and as of when.
   */
  snapshot: EstimateLine[];
  /** Lines whose price its source marks as needing a check. */
  caveat: EstimateLine[];
};

/** Where the deployment runs, to tell a borrowed regional price from its own. */
export type PriceContext = {
  provider?: string;
  region?: string;
};

// A Kubernetes line is priced in its cluster's cloud region, which is not the
// deployment's region, so only the line's kind tells there.
function isOtherRegion(line: EstimateLine, context: PriceContext): boolean {
  const kind = lineKind(line);
  if (kind === 'missing') return false;
  if (kind === 'approximate') return true;
  return Boolean(
    context.region &&
      context.provider !== 'kubernetes' &&
      line.region !== context.region,
  );
}

/**
 * Finds the lines priced from a fallback (missing, other region, snapshot).
 *
 * @internal
 */
export function findPriceIssues(
  lines: EstimateLine[],
  context: PriceContext = {},
): PriceIssues {
  const priced = lines.filter(l => l.unitPrice !== null);
  const current = priced.some(l => l.source === 'live' || l.source === 'cache');
  return {
    missing: lines.filter(l => lineKind(l) === 'missing'),
    otherRegion: lines.filter(l => isOtherRegion(l, context)),
    snapshot: current ? priced.filter(l => l.source === 'snapshot') : [],
    caveat: priced.filter(l => l.caveat),
  };
}

/**
 * Whether any price of the lines comes from a fallback or is missing.
 *
 * @internal
 */
export function hasPriceIssues(issues: PriceIssues): boolean {
  return (
    issues.missing.length > 0 ||
    issues.otherRegion.length > 0 ||
    issues.snapshot.length > 0 ||
    issues.caveat.length > 0
  );
}

const unique = (values: (string | undefined)[]) =>
  Array.from(new Set(values.filter((v): v is string => Boolean(v))));

const listOf = (lines: EstimateLine[]) =>
  unique(lines.map(l => l.description)).join(', ');

/**
 * One sentence per kind of issue, for a warning.
 *
 * @internal
 */
export function describePriceIssues(
  issues: PriceIssues,
  context: PriceContext = {},
): string[] {
  const messages: string[] = [];
  if (issues.missing.length) {
    messages.push(
      `No price is known for ${listOf(
        issues.missing,
      )}; the total leaves it out and is a lower bound.`,
    );
  }
  if (issues.otherRegion.length) {
    const regions = unique(issues.otherRegion.map(l => l.region)).join(', ');
    messages.push(
      `${listOf(issues.otherRegion)} priced with ${regions} prices${
        context.region ? `, as none are known for ${context.region}` : ''
      }.`,
    );
  }
  if (issues.snapshot.length) {
    const dates = unique(issues.snapshot.map(l => l.effectiveDate)).sort();
    messages.push(
      `${listOf(issues.snapshot)} priced from the price snapshot${
        dates.length ? ` of ${dates[0]}` : ''
      } shipped with the backend, as no current price was fetched for it; it may be out of date.`,
    );
  }
  for (const line of issues.caveat) {
    messages.push(
      `${line.description}: the price needs checking (${line.caveat?.replace(
        /^VERIFY:\s*/,
        '',
      )}).`,
    );
  }
  return messages;
}

/**
 * The title of a warning about these issues: what kind of trouble, in a
 * few words.
 *
 * @internal
 */
export function priceIssuesTitle(issues: PriceIssues): string {
  const parts: string[] = [];
  const n = issues.missing.length;
  if (n) parts.push(n === 1 ? 'A price is missing' : `${n} prices are missing`);
  if (issues.otherRegion.length) parts.push("another region's prices used");
  if (issues.snapshot.length) parts.push('some prices are not current');
  if (issues.caveat.length) parts.push('a price needs checking');
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where the prices of some lines come from, and the date of the oldest.
 *
 * @internal
 */
export type PriceSources = {
  /** E.g. `AWS Pricing API (live)`, one per dataset and layer. */
  sources: string[];
  /** The full provenance of each price used, once each. */
  provenance: string[];
  /** The oldest effective date of a price used, `YYYY-MM-DD`. */
  asOf?: string;
};

/**
 * Sums up where the prices of the lines come from.
 *
 * @internal
 */
export function summarizePriceSources(lines: EstimateLine[]): PriceSources {
  const priced = lines.filter(l => l.unitPrice !== null);
  const sources = unique(
    priced.map(l => {
      const dataset = l.origin ? datasetOf(l.origin) : 'unknown origin';
      return l.source ? `${dataset} (${l.source})` : dataset;
    }),
  );
  const provenance = unique(priced.map(l => l.origin));
  const dates = unique(priced.map(l => l.effectiveDate)).sort();
  return { sources, provenance, asOf: dates[0] };
}

/**
 * The dataset an origin names, without its detail: `AWS Pricing API, usage
 * type …` is `AWS Pricing API`, `prices.json (tier-1 rates): S1 …` is
 * `prices.json`. Lines of one dataset differ only in the detail.
 */
export function datasetOf(origin: string): string {
  const cut = [' (', ': ', ', ']
    .map(separator => origin.indexOf(separator))
    .filter(i => i > 0);
  return cut.length ? origin.slice(0, Math.min(...cut)) : origin;
}
