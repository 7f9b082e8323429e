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
import { isError } from '@backstage/errors';
import {
  CostEstimate,
  EstimateLine,
  lineKind,
  PriceKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import type { CoverageChoice } from './matrix';

/** How one choice came out: its least sure line, or refused with a 400. */
export type CoverageOutcome = PriceKind | 'refused';

export const OUTCOMES: readonly CoverageOutcome[] = [
  'exact',
  'approximate',
  'missing',
  'refused',
];

/** One target's figures. */
export type TargetCoverage = {
  target: string;
  total: number;
  counts: Record<CoverageOutcome, number>;
  /** Estimates with a non-exact line that still said `complete: true`. */
  completeButNotExact: number;
};

/** Reads a line's kind; the before-run swaps in one for lines without `kind`. */
export type LineClassifier = (line: EstimateLine) => PriceKind;

/** An estimate's outcome: missing over approximate over exact. */
export function outcomeOf(
  estimate: CostEstimate,
  classify: LineClassifier = lineKind,
): PriceKind {
  const kinds = new Set(estimate.lines.map(classify));
  if (kinds.has('missing')) return 'missing';
  if (kinds.has('approximate')) return 'approximate';
  return 'exact';
}

/**
 * Prices every choice and counts the outcomes per target. An `InputError`
 * (the API's 400) counts as refused; any other error is a bug and is thrown.
 */
export function measureCoverage(
  choices: CoverageChoice[],
  estimate: (choice: CoverageChoice) => CostEstimate,
  classify: LineClassifier = lineKind,
): TargetCoverage[] {
  const byTarget = new Map<string, TargetCoverage>();
  for (const choice of choices) {
    let row = byTarget.get(choice.target);
    if (!row) {
      row = {
        target: choice.target,
        total: 0,
        counts: { exact: 0, approximate: 0, missing: 0, refused: 0 },
        completeButNotExact: 0,
      };
      byTarget.set(choice.target, row);
    }
    row.total += 1;
    let result: CostEstimate;
    try {
      result = estimate(choice);
    } catch (error) {
      if (isError(error) && error.name === 'InputError') {
        row.counts.refused += 1;
        continue;
      }
      throw error;
    }
    const outcome = outcomeOf(result, classify);
    row.counts[outcome] += 1;
    if (outcome !== 'exact' && result.complete) row.completeButNotExact += 1;
  }
  return [...byTarget.values()];
}

/** The checks `yarn pricing:coverage` fails on; empty when all pass. */
export function coverageFailures(
  rows: TargetCoverage[],
  options: { aksTarget: string; aksMinExact: number },
): string[] {
  const failures: string[] = [];
  for (const row of rows) {
    if (row.completeButNotExact > 0) {
      failures.push(
        `${row.target}: ${row.completeButNotExact} estimate(s) with a non-exact line said complete: true`,
      );
    }
  }
  const aks = rows.find(r => r.target === options.aksTarget);
  if (!aks) {
    failures.push(`${options.aksTarget}: not in the matrix`);
  } else if (aks.counts.exact / aks.total < options.aksMinExact) {
    failures.push(
      `${options.aksTarget}: ${percent(
        aks.counts.exact,
        aks.total,
      )} exact, under ${percent(options.aksMinExact, 1)}`,
    );
  }
  return failures;
}

/** A share as `42.1 %`. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}

/** The report as a Markdown table, one row per target and a row of totals. */
export function coverageTable(rows: TargetCoverage[]): string {
  const all: TargetCoverage = {
    target: '**All**',
    total: 0,
    counts: { exact: 0, approximate: 0, missing: 0, refused: 0 },
    completeButNotExact: 0,
  };
  for (const row of rows) {
    all.total += row.total;
    all.completeButNotExact += row.completeButNotExact;
    for (const o of OUTCOMES) all.counts[o] += row.counts[o];
  }
  const cells = (row: TargetCoverage) => [
    row.target,
    String(row.total),
    ...OUTCOMES.map(
      o => `${row.counts[o]} (${percent(row.counts[o], row.total)})`,
    ),
    String(row.completeButNotExact),
  ];
  const table = [
    ['Target', 'Choices', ...OUTCOMES, 'non-exact but `complete: true`'],
    ...[...rows, all].map(cells),
  ];
  const widths = table[0].map((_, i) =>
    Math.max(...table.map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(table[0]),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...table.slice(1).map(line),
  ].join('\n');
}
