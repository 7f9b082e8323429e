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
import { InfoCard, Link } from '@backstage/core-components';
import {
  CostForecast,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { deploymentRouteRef } from '../../routes';
import { cardHeading } from '../cardHeading';
import { formatDailyCost } from '../../utils/formatDailyCost';

const SURE: Record<CostForecast['forecastKind'], string> = {
  exact: '',
  approximate: '≈ ',
  partial: '≥ ',
  unknown: '',
};

/**
 * This month's cost so far and at month end, with the TTL expiries that
 * lower it.
 *
 * @internal
 */
export function ForecastCard(props: { forecast: CostForecast }) {
  const { forecast } = props;
  const link = useRouteRefIfMounted(deploymentRouteRef);
  const { monthToDate, rest } = forecast;
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title={`${forecast.month} forecast`}
      subheader="This month (UTC): so far, and what the live deployments add at their estimates"
    >
      <Typography variant="h5" component="p">
        {SURE[forecast.forecastKind]}
        {formatUsd(forecast.forecast)} by the end of the month
      </Typography>
      <Typography variant="body2" paragraph>
        {formatDailyCost(monthToDate.total)} so far (
        {formatDailyCost(monthToDate.actual)} actual
        {monthToDate.estimated > 0 &&
          `, ${formatUsd(
            monthToDate.estimated,
          )} estimated for days not read yet`}
        ), and {formatUsd(rest.total)} more from {rest.deployments} live{' '}
        {rest.deployments === 1 ? 'deployment' : 'deployments'}.
      </Typography>
      {(monthToDate.withoutFigure > 0 || rest.withoutEstimate > 0) && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Left out, so the forecast is a lower bound:
          {monthToDate.withoutFigure > 0 &&
            ` ${monthToDate.withoutFigure} deployment-days with no figure`}
          {monthToDate.withoutFigure > 0 && rest.withoutEstimate > 0 && ';'}
          {rest.withoutEstimate > 0 &&
            ` ${rest.withoutEstimate} live deployments with no priced estimate`}
          .
        </Typography>
      )}
      {rest.ttlEnding.length > 0 && (
        <>
          <Typography variant="subtitle2">
            TTL expiries this month save{' '}
            {formatUsd(rest.ttlEnding.reduce((sum, t) => sum + t.saves, 0))}
          </Typography>
          <ul>
            {rest.ttlEnding.slice(0, 5).map(t => (
              <li key={t.id}>
                <Typography variant="body2">
                  {link ? (
                    <Link to={link({ id: t.id })} underline="always">
                      {t.name}
                    </Link>
                  ) : (
                    t.name
                  )}
                  {`: ends ${t.expiresAt
                    .slice(0, 16)
                    .replace('T', ' ')} UTC, saves ${formatUsd(t.saves)}`}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
    </InfoCard>
  );
}
