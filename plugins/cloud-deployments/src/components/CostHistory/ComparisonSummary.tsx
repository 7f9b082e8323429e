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
  CostComparison,
  COST_COMPARISON_TOLERANCE,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';

const percent = (ratio: number) => `${Math.round(Math.abs(ratio - 1) * 100)} %`;

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/** How actual compares with the estimate, as a sentence. */
export function describeComparison(comparison: CostComparison): string {
  const { ratio, actual, estimated, daysCompared } = comparison;
  if (ratio === null || actual === null || estimated === null) {
    return comparison.note ?? 'Nothing to compare yet.';
  }
  const over = `${plural(daysCompared, 'day', 'days')}: actual ${formatUsd(
    actual,
  )} against ${formatUsd(estimated)} estimated`;
  if (Math.abs(ratio - 1) < 0.005) return `${over}, as estimated.`;
  return `${over}, ${percent(ratio)} ${
    ratio > 1 ? 'above' : 'below'
  } the estimate${
    comparison.flagged ? ` (beyond ±${COST_COMPARISON_TOLERANCE * 100} %)` : ''
  }.`;
}

/** What a reader must know about the comparison's data. */
export function comparisonCaveats(comparison: CostComparison): string[] {
  const caveats: string[] = [];
  if (comparison.daysWithoutActual > 0) {
    caveats.push(
      `${plural(
        comparison.daysWithoutActual,
        'day has',
        'days have',
      )} no actual cost yet and ${
        comparison.daysWithoutActual === 1 ? 'is' : 'are'
      } not compared.`,
    );
  }
  if (comparison.daysWithoutEstimate > 0) {
    caveats.push(
      `${plural(
        comparison.daysWithoutEstimate,
        'day has',
        'days have',
      )} no priced estimate and ${
        comparison.daysWithoutEstimate === 1 ? 'is' : 'are'
      } not compared.`,
    );
  }
  if (comparison.daysInOtherCurrency > 0) {
    caveats.push(
      `${plural(
        comparison.daysInOtherCurrency,
        'day is',
        'days are',
      )} billed in another currency than the estimate (USD) and not compared.`,
    );
  }
  if (comparison.daysCompared > 0 && comparison.estimateKind === 'partial') {
    caveats.push(
      'Some lines of the estimate have no price, so the estimate is a lower bound.',
    );
  }
  if (
    comparison.daysCompared > 0 &&
    comparison.estimateKind === 'approximate'
  ) {
    caveats.push("Some of the estimate's prices are another region's.");
  }
  return caveats;
}

/**
 * Actual against estimate over the last full days, flagged beyond ±20 %.
 *
 * @internal
 */
export function ComparisonSummary(props: {
  comparison: CostComparison;
  /** Shorter, for cards. */
  dense?: boolean;
}) {
  const { comparison, dense } = props;
  return (
    <>
      <Typography
        variant={dense ? 'body2' : 'body1'}
        color={comparison.flagged ? 'error' : 'textPrimary'}
        paragraph={!dense}
      >
        {describeComparison(comparison)}
      </Typography>
      {!dense &&
        comparisonCaveats(comparison).map(caveat => (
          <Typography
            key={caveat}
            variant="body2"
            color="textSecondary"
            paragraph
          >
            {caveat}
          </Typography>
        ))}
    </>
  );
}
