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
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  BudgetSpend,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { budgetsRouteRef } from '../../routes';
import { cardHeading } from '../cardHeading';
import { formatSureAmount } from './sureAmount';

const scopeOf = (b: BudgetSpend['budget']) =>
  [b.owner, b.system, b.environment].filter(Boolean).join(' · ');

const percentText = (percent: number | undefined, kind: string) => {
  if (percent === undefined) return 'share unknown';
  if (kind === 'approximate') return `≈ ${percent} %`;
  return kind === 'partial' ? `≥ ${percent} %` : `${percent} %`;
};

/**
 * A bar of the amount: the month so far filled, the forecast beyond it
 * lighter, and a mark at each threshold. Past 100 % the scale grows, so that
 * an overrun shows as one.
 */
function SpendBar(props: { spend: BudgetSpend; label: string }) {
  const theme = useTheme();
  const { spend } = props;
  const toDate = spend.monthToDatePercent ?? 0;
  const forecast = spend.forecastPercent ?? toDate;
  const scale = Math.min(200, Math.max(100, toDate, forecast));
  const at = (percent: number) =>
    `${(Math.min(percent, scale) / scale) * 100}%`;
  const over = spend.overToDate || spend.overByForecast;
  const color = over ? theme.palette.error.main : theme.palette.primary.main;
  return (
    <Box
      role="img"
      aria-label={props.label}
      position="relative"
      height={14}
      bgcolor={theme.palette.action.hover}
      borderRadius={2}
      my={0.5}
    >
      <Box
        position="absolute"
        left={0}
        top={0}
        bottom={0}
        width={at(forecast)}
        bgcolor={color}
        style={{ opacity: 0.35 }}
      />
      <Box
        position="absolute"
        left={0}
        top={0}
        bottom={0}
        width={at(toDate)}
        bgcolor={color}
      />
      {[...spend.budget.thresholds, 100].map(t => (
        <Box
          key={t}
          position="absolute"
          top={-3}
          bottom={-3}
          left={at(t)}
          width={2}
          bgcolor={
            t === 100
              ? theme.palette.text.primary
              : theme.palette.text.secondary
          }
          title={`${t} %`}
        />
      ))}
    </Box>
  );
}

/**
 * One budget: its scope and amount, the bar, the figures and the flags.
 *
 * @internal
 */
export function BudgetSpendRow(props: { spend: BudgetSpend }) {
  const { spend } = props;
  const { budget, monthToDate } = spend;
  const toDate = `${formatSureAmount(
    monthToDate.total,
    monthToDate.kind,
  )} so far (${percentText(spend.monthToDatePercent, monthToDate.kind)})`;
  const forecast = `${formatSureAmount(
    spend.forecast,
    spend.forecastKind,
  )} forecast by month end (${percentText(
    spend.forecastPercent,
    spend.forecastKind,
  )})`;
  const flags: string[] = [];
  if (spend.overToDate) flags.push('Over budget');
  else if (spend.overByForecast) flags.push('Forecast over budget');
  const lastToDate = spend.crossedToDate[spend.crossedToDate.length - 1];
  const lastForecast =
    spend.crossedByForecast[spend.crossedByForecast.length - 1];
  if (lastToDate !== undefined && lastToDate < 100) {
    flags.push(`${lastToDate} % reached`);
  } else if (
    lastForecast !== undefined &&
    lastForecast < 100 &&
    !spend.overByForecast
  ) {
    flags.push(`Forecast reaches ${lastForecast} %`);
  }
  return (
    <Box mb={2}>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Typography variant="subtitle2" component="h3">
          {scopeOf(budget)}: {formatUsd(budget.amount)} a month
        </Typography>
        {flags.map(f => (
          <Chip
            key={f}
            size="small"
            label={f}
            color={
              f.startsWith('Over') || f.startsWith('Forecast over')
                ? 'secondary'
                : 'default'
            }
            style={{ marginLeft: 8 }}
          />
        ))}
      </Box>
      <SpendBar spend={spend} label={`${toDate}; ${forecast}`} />
      <Typography variant="body2">
        {toDate}; {forecast}.
      </Typography>
      <Typography variant="caption" color="textSecondary">
        Thresholds {budget.thresholds.join(', ')} %. Current estimates:{' '}
        {budget.use.description}.
        {monthToDate.withoutFigure > 0 &&
          ` ${monthToDate.withoutFigure} deployment-days with no figure are left out.`}
      </Typography>
    </Box>
  );
}

/**
 * Every budget the user sees against this month's spend: the month so far
 * from the daily costs, the month-end forecast, and the estimate-based use.
 *
 * @internal
 */
export function BudgetBarsCard() {
  const api = useApi(cloudDeploymentsApiRef);
  const budgetsLink = useRouteRefIfMounted(budgetsRouteRef);
  const { value, loading, error } = useAsync(() => api.getBudgetSpend(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && value.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No budget is set.{' '}
        {budgetsLink && (
          <Link to={budgetsLink()} underline="always">
            Set one on the budgets page.
          </Link>
        )}
      </Typography>
    );
  } else if (value) {
    body = value.items.map(spend => (
      <BudgetSpendRow key={spend.budget.id} spend={spend} />
    ));
  }
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title={value ? `Budgets in ${value.month}` : 'Budgets'}
      subheader="The month so far (filled) and the forecast (lighter) against each amount; marks at the thresholds (UTC)"
      {...(budgetsLink
        ? { deepLink: { title: 'All budgets', link: budgetsLink() } }
        : {})}
    >
      {body}
    </InfoCard>
  );
}
