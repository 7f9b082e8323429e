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
import { EmissionsEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { emissionsPrefix, formatGrams } from '../../utils/formatEmissions';

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/** Why the total is less than certain, in the words the price total uses. */
function explain(emissions: EmissionsEstimate): string[] {
  const { totalKind, missingLines, approximateFrom } = emissions;
  const noFigure = plural(missingLines, 'line has', 'lines have');
  const from = approximateFrom.join(', ');
  switch (totalKind) {
    case 'approximate':
      // Each line says what stands in for what, and why.
      return [
        from
          ? `Approximate: some coefficients are from ${from}, not this region's own.`
          : 'Approximate: some coefficients stand in for unknown ones; the lines say which.',
      ];
    case 'partial':
      return [
        `A lower bound: ${noFigure} no figure and ${
          missingLines === 1 ? 'is' : 'are'
        } not included.`,
        ...(from ? [`Some lines are from ${from}.`] : []),
      ];
    case 'unknown':
      return [`No figure is known: ${noFigure} no coefficients.`];
    default:
      return [];
  }
}

/**
 * The monthly emissions in large type, never more certain than their
 * coefficients: `≈` when some stand in for others, `≥` when some are
 * missing, and no figure at all when none is known.
 *
 * @internal
 */
export function EmissionsTotal(props: { emissions: EmissionsEstimate }) {
  const { emissions } = props;
  const kind = emissions.totalKind;
  return (
    <Box mb={2}>
      <Typography variant="h5" component="p">
        {kind === 'unknown'
          ? 'Unknown'
          : `${emissionsPrefix[kind]}${formatGrams(
              emissions.knownSubtotalGrams,
            )}`}
        <Typography variant="body1" component="span" color="textSecondary">
          {' '}
          per month
        </Typography>
      </Typography>
      {explain(emissions).map(note => (
        <Typography key={note} variant="body2" color="textSecondary">
          {note}
        </Typography>
      ))}
    </Box>
  );
}
