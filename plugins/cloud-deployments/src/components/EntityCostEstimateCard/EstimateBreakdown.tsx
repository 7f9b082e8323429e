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
import { CostEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { PriceContext } from '../../utils/priceIssues';
import { CostBars } from '../CostBars';
import { EmissionsSection } from '../EmissionsSection';
import { EstimateLinesTable } from './EstimateLinesTable';
import { otherWarnings } from './otherWarnings';
import { PriceNotes } from './PriceNotes';

/**
 * An estimate line by line (optionally with a chart of its lines), then
 * where its prices come from and what to know about them, then its
 * emissions. The part every cost view shares under its total.
 *
 * @internal
 */
export function EstimateBreakdown(props: {
  estimate: CostEstimate;
  context: PriceContext;
  /** Title of a bar chart of the lines, shown above the table when given. */
  chartTitle?: string;
  /** The emissions section's heading: one level below the view's own. */
  emissionsHeading?: 'h3' | 'h4';
}) {
  const { estimate, context, chartTitle, emissionsHeading } = props;
  return (
    <>
      {estimate.lines.length === 0 ? (
        <Typography variant="body2">
          This estimate has no billed lines.
        </Typography>
      ) : (
        <>
          {chartTitle && (
            <CostBars
              title={chartTitle}
              bars={estimate.lines.map((l, i) => ({
                key: `${l.sku}-${i}`,
                label: l.description,
                monthly: l.monthlyCost,
              }))}
            />
          )}
          <EstimateLinesTable lines={estimate.lines} />
        </>
      )}
      <PriceNotes
        groups={[{ lines: estimate.lines, context }]}
        notes={otherWarnings(estimate)}
        estimatedAt={estimate.estimatedAt}
      />
      <EmissionsSection
        emissions={estimate.emissions}
        headingLevel={emissionsHeading}
      />
    </>
  );
}
