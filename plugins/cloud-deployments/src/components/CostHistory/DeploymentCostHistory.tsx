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
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ActualCostKind,
  DailyCostRecord,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import {
  formatDailyCost,
  formatHours,
  lastDayOf,
} from '../../utils/formatDailyCost';
import { cardHeading } from '../cardHeading';
import { CostHistoryChart } from './CostHistoryChart';
import { ComparisonSummary } from './ComparisonSummary';

const KIND_LABEL: Record<ActualCostKind, string> = {
  billed: 'billed',
  allocation: 'allocation',
  sandbox: 'sandbox, synthetic',
};

const money = (value: number | null) =>
  value === null ? 'not known' : formatDailyCost(value);

const columns: TableColumn<DailyCostRecord>[] = [
  {
    title: 'Day (UTC)',
    render: row => (row.complete ? row.day : `${row.day} (so far)`),
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Hours billing',
    render: row => formatHours(row.billingHours),
    align: 'right',
  },
  {
    title: 'Estimated',
    render: row =>
      row.estimated === null
        ? 'no price'
        : `${formatDailyCost(row.estimated)}${
            row.estimateKind === 'exact' ? '' : ` (${row.estimateKind})`
          }`,
    align: 'right',
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Actual',
    render: row =>
      `${money(row.actual)}${
        row.actualKind && row.actualKind !== 'billed'
          ? ` (${KIND_LABEL[row.actualKind]})`
          : ''
      }`,
    align: 'right',
    cellStyle: { whiteSpace: 'nowrap' },
  },
];

/**
 * A deployment's costs per day, estimated and actual, and how they compare
 * over the last full days; for the deployment page's Costs tab.
 *
 * @internal
 */
export function DeploymentCostHistory(props: { deployment: Deployment }) {
  const { deployment } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getDeploymentCosts(deployment.id, { days: 30 }),
    [api, deployment.id],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const source = value.actualSource;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <InfoCard
          titleTypographyProps={cardHeading}
          title="Estimate vs actual"
          subheader={`Last 7 full days: ${value.comparison.from} to ${lastDayOf(
            value.comparison.to,
          )} (UTC)`}
        >
          <ComparisonSummary comparison={value.comparison} />
          <Typography variant="body2" color="textSecondary">
            {source
              ? `Actual cost: ${source.title} (${KIND_LABEL[source.kind]}). `
              : ''}
            {value.actualNote}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          titleTypographyProps={cardHeading}
          title="Daily cost"
          subheader={`From ${value.from} to today so far (UTC), in USD`}
        >
          {value.days.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No day of cost is recorded yet: the portal works out its figures
              every few minutes and reads bills once a day.
            </Typography>
          ) : (
            <CostHistoryChart days={value.days} />
          )}
        </InfoCard>
      </Grid>
      {value.days.length > 0 && (
        <Grid item xs={12}>
          <Table
            title="Days"
            options={{
              paging: value.days.length > 10,
              pageSize: 10,
              search: false,
              padding: 'dense',
              // A draggable header puts a focusable drag handle inside
              // each sort button (nested controls).
              draggable: false,
            }}
            columns={columns}
            data={[...value.days].reverse()}
          />
        </Grid>
      )}
    </Grid>
  );
}
