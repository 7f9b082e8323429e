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
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CostForecast,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { costsRouteRef } from '../../routes';

const KIND_PREFIX: Record<CostForecast['forecastKind'], string> = {
  exact: '',
  approximate: '≈ ',
  partial: '≥ ',
  unknown: '',
};

function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * This month's spend: what the deployments the user can see cost so far,
 * split into actual costs (billed, allocated, or a sandbox's usage) and
 * estimates for the days no actual figure covers yet, and the month-end
 * forecast.
 *
 * @public
 */
export function MonthSpendContent() {
  const api = useApi(cloudDeploymentsApiRef);
  const costsLink = useRouteRefIfMounted(costsRouteRef);
  const { value, loading, error } = useAsync(
    () => api.getCostForecast(),
    [api],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;

  const { monthToDate: mtd, rest } = value;
  const actualOnly = mtd.estimated === 0;
  return (
    <Box>
      <Typography variant="overline" component="p">
        {monthName(value.month)} so far
      </Typography>
      <Typography variant="h4" component="p">
        {formatUsd(mtd.total)}
      </Typography>
      <Typography variant="body2" paragraph>
        {actualOnly
          ? 'All of it actual cost (billed, allocated, or sandbox usage).'
          : `${formatUsd(
              mtd.actual,
            )} actual (billed, allocated, or sandbox usage) + ${formatUsd(
              mtd.estimated,
            )} estimated for the days no actual figure covers yet.`}
        {mtd.withoutFigure > 0 &&
          ` Not counted: ${mtd.withoutFigure} deployment-days with neither an actual cost nor a priced estimate.`}
      </Typography>
      <Typography variant="body2">
        Month-end forecast:{' '}
        <strong>
          {value.forecastKind === 'unknown'
            ? 'unknown (no prices)'
            : `${KIND_PREFIX[value.forecastKind]}${formatUsd(value.forecast)}`}
        </strong>
        , the {rest.deployments} live deployments at their estimates
        {rest.withoutEstimate > 0 &&
          ` (${rest.withoutEstimate} without a priced estimate left out)`}
        .
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Over the deployments you can see.{' '}
        {costsLink && (
          <Link to={costsLink()} underline="always">
            Cost overview
          </Link>
        )}
      </Typography>
    </Box>
  );
}
