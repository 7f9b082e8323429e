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
import { WarningPanel } from '@backstage/core-components';
import { EstimateLine } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  describePriceIssues,
  findPriceIssues,
  hasPriceIssues,
  PriceContext,
  PriceIssues,
  priceIssuesTitle,
  summarizePriceSources,
} from '../../utils/priceIssues';

/**
 * Lines priced in one place: a deployment's lines and where it runs.
 *
 * @internal
 */
export type PricedLines = { lines: EstimateLine[]; context: PriceContext };

/**
 * Props of {@link PriceNotes}.
 *
 * @internal
 */
export type PriceNotesProps = {
  groups: PricedLines[];
  /** Other things a reader must know, e.g. the estimator's own warnings. */
  notes?: string[];
  /** When the estimate was made (ISO 8601), if it is one estimate. */
  estimatedAt?: string;
};

const merge = (all: PriceIssues[]): PriceIssues => ({
  missing: all.flatMap(i => i.missing),
  otherRegion: all.flatMap(i => i.otherRegion),
  snapshot: all.flatMap(i => i.snapshot),
  caveat: all.flatMap(i => i.caveat),
});

/**
 * Where the prices come from and how old they are, and a warning when any
 * price is missing or comes from a fallback (another region, the snapshot).
 *
 * @internal
 */
export function PriceNotes(props: PriceNotesProps) {
  const { groups, notes = [], estimatedAt } = props;
  const issues = merge(groups.map(g => findPriceIssues(g.lines, g.context)));
  const messages = [
    ...describePriceIssues(
      issues,
      groups.length === 1 ? groups[0].context : {},
    ),
    ...notes,
  ];
  const { sources, provenance, asOf } = summarizePriceSources(
    groups.flatMap(g => g.lines),
  );

  return (
    <Box mt={2}>
      {messages.length > 0 && (
        <WarningPanel
          severity="warning"
          title={
            hasPriceIssues(issues)
              ? priceIssuesTitle(issues)
              : 'About this estimate'
          }
          defaultExpanded
        >
          <Typography component="ul" variant="body2">
            {messages.map(m => (
              <li key={m}>{m}</li>
            ))}
          </Typography>
        </WarningPanel>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        Prices from {sources.length ? sources.join(', ') : 'no source'}
        {asOf && `, as of ${asOf}`}
        {estimatedAt && `. Estimated ${estimatedAt.slice(0, 10)}`}. List prices
        in USD; discounts and taxes are not included.
      </Typography>
      {provenance.length > 0 && (
        // A native disclosure: keyboard-operable, and closed by default.
        <Typography variant="caption" color="textSecondary" component="details">
          <summary>Price provenance</summary>
          <ul>
            {provenance.map(p => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Typography>
      )}
    </Box>
  );
}
