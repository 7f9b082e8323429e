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
import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { CostEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from '../../utils/formatMonthlyCost';

/** Why the form values could not be priced: a 400 is the values, anything else the service. */
export function EstimateError(props: { error: Error }) {
  const { error } = props;
  if (error instanceof ResponseError && error.statusCode === 400) {
    return (
      <WarningPanel
        severity="error"
        title="These values cannot be priced"
        message={error.cause.message}
        defaultExpanded
      />
    );
  }
  return (
    <ResponseErrorPanel title="The estimate is unavailable" error={error} />
  );
}

/** The estimate against the template's budget, as sure as the estimate is. */
export function OverBudget(props: {
  estimate: CostEstimate;
  monthlyBudget: number;
}) {
  const { estimate, monthlyBudget } = props;
  if (estimate.totalKind === 'unknown') {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        No price is known, so the budget of {formatUsd(monthlyBudget)} per month
        cannot be checked.
      </Typography>
    );
  }
  if (estimate.pricedSubtotal <= monthlyBudget) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        {estimate.totalKind === 'partial'
          ? `The priced part is within the budget of ${formatUsd(
              monthlyBudget,
            )} per month; the unpriced lines may not be.`
          : `Within the budget of ${formatUsd(monthlyBudget)} per month.`}
      </Typography>
    );
  }
  return (
    <Box mb={2}>
      <WarningPanel
        severity="warning"
        title="Over budget"
        message={`Estimated at ${
          {
            exact: '',
            approximate: 'about ',
            partial: 'at least ',
            unknown: '',
          }[estimate.totalKind]
        }${formatUsd(
          estimate.pricedSubtotal,
        )} per month, above the budget of ${formatUsd(
          monthlyBudget,
        )} per month.`}
        defaultExpanded
      />
    </Box>
  );
}
