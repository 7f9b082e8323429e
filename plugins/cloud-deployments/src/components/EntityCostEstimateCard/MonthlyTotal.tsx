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
import { EstimateTotal } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from '../../utils/formatMonthlyCost';

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

function explain(total: EstimateTotal, extra: string[]): string[] {
  const notes: string[] = [];
  const unpriced = plural(total.missingLines, 'line has', 'lines have');
  if (total.totalKind === 'approximate') {
    notes.push(
      `Approximate: priced from ${total.approximateFrom.join(
        ', ',
      )}, not this region's own prices.`,
    );
  } else if (total.totalKind === 'partial') {
    notes.push(
      `A lower bound: ${unpriced} no price and ${
        total.missingLines === 1 ? 'is' : 'are'
      } not included.`,
    );
    if (total.approximateFrom.length) {
      notes.push(
        `Some lines are priced from ${total.approximateFrom.join(', ')}.`,
      );
    }
  } else if (total.totalKind === 'unknown') {
    notes.push(`No price is known: ${unpriced} no price.`);
  }
  return [...notes, ...extra];
}

/**
 * A monthly total in large type, never more certain than its prices: `≈` when
 * some are another region's, `≥` when some are missing, and no figure at all
 * when none is known.
 *
 * @internal
 */
export function MonthlyTotal(props: {
  total: EstimateTotal;
  /** Why the figure leaves something out, beyond its lines (e.g. deployments without an estimate). */
  lowerBoundBecause?: string[];
}) {
  const { total, lowerBoundBecause = [] } = props;
  const kind =
    lowerBoundBecause.length && total.totalKind !== 'unknown'
      ? 'partial'
      : total.totalKind;
  const prefix = { exact: '', approximate: '≈ ', partial: '≥ ', unknown: '' }[
    kind
  ];
  const notes = explain({ ...total, totalKind: kind }, lowerBoundBecause);
  return (
    <Box mb={2}>
      <Typography variant="h4" component="p">
        {kind === 'unknown'
          ? 'Unknown'
          : `${prefix}${formatUsd(total.pricedSubtotal)}`}
        <Typography variant="body1" component="span" color="textSecondary">
          {' '}
          per month
        </Typography>
      </Typography>
      {notes.map(note => (
        <Typography key={note} variant="body2" color="textSecondary">
          {note}
        </Typography>
      ))}
    </Box>
  );
}
