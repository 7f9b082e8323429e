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
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CostTimeline,
  EstimateVsActualGroup,
  EstimateVsActualReport,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { deploymentRouteRef } from '../../routes';
import { cardHeading } from '../cardHeading';
import { describeComparison } from '../CostHistory/ComparisonSummary';
import { GroupedCostChart } from './GroupedCostChart';
import { lastDayOf } from '../../utils/formatDailyCost';
import { EmissionsCard } from './EmissionsCard';
import { ForecastCard } from './ForecastCard';
import { RecommendationsCard } from '../Recommendations';
import { BudgetBarsCard } from './BudgetBarsCard';
import { TopMoversCard } from './TopMoversCard';
import { TtlSavingsCard } from './TtlSavingsCard';

type GroupBy = CostTimeline['groupBy'];

const GROUPS: Array<{ value: GroupBy; label: string }> = [
  { value: 'owner', label: 'Owner' },
  { value: 'provider', label: 'Provider' },
  { value: 'environment', label: 'Environment' },
];

const ratioText = (ratio: number | null) =>
  ratio === null ? '—' : `${ratio.toFixed(2)}×`;

const groupColumns = (label: string): TableColumn<EstimateVsActualGroup>[] => [
  { title: label, field: 'key' },
  { title: 'Deployments', field: 'deployments', align: 'right' },
  {
    title: 'Estimated',
    align: 'right',
    render: g =>
      g.comparison.estimated === null ? '—' : formatUsd(g.comparison.estimated),
  },
  {
    title: 'Actual',
    align: 'right',
    render: g =>
      g.comparison.actual === null ? '—' : formatUsd(g.comparison.actual),
  },
  {
    title: 'Ratio',
    align: 'right',
    render: g => (
      <Typography
        variant="body2"
        color={g.comparison.flagged ? 'error' : 'textPrimary'}
      >
        {ratioText(g.comparison.ratio)}
        {g.comparison.flagged ? ' (beyond ±20 %)' : ''}
      </Typography>
    ),
  },
];

/** Days with deployments whose figures are missing, said, not hidden. */
function MissingFigures(props: { timeline: CostTimeline }) {
  const days = props.timeline.days;
  const withoutActual = days.filter(d => d.withoutActual > 0).length;
  const withoutEstimate = days.filter(d => d.withoutEstimate > 0).length;
  if (!withoutActual && !withoutEstimate) return null;
  return (
    <Typography variant="body2" color="textSecondary">
      {withoutActual > 0 &&
        `On ${withoutActual} of ${days.length} days some deployments have no actual cost (no billing source, or not read yet): the bars leave them out. `}
      {withoutEstimate > 0 &&
        `On ${withoutEstimate} days some deployments have no priced estimate: the line leaves them out.`}
    </Typography>
  );
}

function Flagged(props: { report: EstimateVsActualReport }) {
  const link = useRouteRefIfMounted(deploymentRouteRef);
  if (!props.report.flagged.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No deployment costs more than 20 % above or below its estimate over
        these days.
      </Typography>
    );
  }
  return (
    <ul>
      {props.report.flagged.map(f => (
        <li key={f.id}>
          <Typography variant="body2">
            {link ? (
              <Link to={link({ id: f.id })} underline="always">
                {f.name}
              </Link>
            ) : (
              f.name
            )}{' '}
            ({f.environment}, {f.owner}): {describeComparison(f.comparison)}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

const useStyles = makeStyles(
  theme => ({
    // On the page's grey the default grey label is under 4.5:1.
    label: { color: theme.palette.text.primary },
  }),
  { name: 'CloudDeploymentsCostOverviewPage' },
);

/**
 * The cost overview: daily estimated and actual cost over 30 days grouped by
 * owner, provider or environment, the month-end forecast, budgets against
 * this month's spend, TTL savings, top movers, estimate against actual per
 * group over the last 7 full days, and the deployments that cost more than
 * 20 % off their estimate.
 *
 * @internal
 */
export function CostOverviewPage() {
  const classes = useStyles();
  const api = useApi(cloudDeploymentsApiRef);
  const [groupBy, setGroupBy] = useState<GroupBy>('owner');
  const data = useAsync(async () => {
    const [timeline, report, forecast] = await Promise.all([
      api.getCostTimeline({ groupBy, days: 30 }),
      api.getEstimateVsActual({ groupBy, days: 7 }),
      api.getCostForecast(),
    ]);
    return { timeline, report, forecast };
  }, [api, groupBy]);
  const label = GROUPS.find(g => g.value === groupBy)!.label;

  let body;
  if (data.loading && !data.value) body = <Progress />;
  else if (data.error) body = <ResponseErrorPanel error={data.error} />;
  else if (data.value) {
    const { timeline, report, forecast } = data.value;
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={4}>
          <ForecastCard forecast={forecast} />
        </Grid>
        <Grid item xs={12} md={8}>
          <InfoCard
            titleTypographyProps={cardHeading}
            title={`Daily cost by ${label.toLowerCase()}`}
            subheader={`Actual cost stacked by ${label.toLowerCase()}, the estimate as a line; ${
              timeline.from
            } to today so far (UTC), in USD`}
          >
            {timeline.days.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No day of cost is recorded yet: costs are worked out every few
                minutes from a deployment's first billing hour.
              </Typography>
            ) : (
              <>
                <GroupedCostChart timeline={timeline} />
                <MissingFigures timeline={timeline} />
              </>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <BudgetBarsCard />
        </Grid>
        <Grid item xs={12} md={5}>
          <TtlSavingsCard />
        </Grid>
        <Grid item xs={12}>
          <TopMoversCard />
        </Grid>
        <Grid item xs={12} md={7}>
          <Table
            title={`Estimate vs actual by ${label.toLowerCase()}, last 7 full days`}
            options={{
              paging: false,
              search: false,
              padding: 'dense',
              // Drag handles inside sortable headers nest interactive controls.
              draggable: false,
            }}
            columns={groupColumns(label)}
            data={report.groups}
          />
        </Grid>
        <Grid item xs={12} md={5}>
          <InfoCard
            titleTypographyProps={cardHeading}
            title="Off their estimate"
            subheader={`${report.from} to ${lastDayOf(report.to)} (UTC)`}
          >
            <Flagged report={report} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <EmissionsCard />
        </Grid>
        <Grid item xs={12}>
          <RecommendationsCard />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Costs"
        subtitle="What deployments really cost, beside what their estimates said"
      />
      <Content>
        <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
          <InputLabel id="cost-group-by" classes={{ root: classes.label }}>
            Group by
          </InputLabel>
          <Select
            labelId="cost-group-by"
            // Named by its label and the value it shows (the value is what a
            // speech-input user says).
            SelectDisplayProps={{ id: 'cost-group-by-value' }}
            label="Group by"
            value={groupBy}
            onChange={e => setGroupBy(e.target.value as GroupBy)}
          >
            {GROUPS.map(g => (
              <MenuItem key={g.value} value={g.value}>
                {g.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <div style={{ height: 16 }} />
        {body}
      </Content>
    </Page>
  );
}
