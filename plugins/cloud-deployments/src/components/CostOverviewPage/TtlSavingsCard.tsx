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
  formatUsd,
  TtlSavingsReport,
  TtlSavingsTotal,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { deploymentRouteRef } from '../../routes';
import { cardHeading } from '../cardHeading';
import { formatSureAmount } from './sureAmount';

type Period = TtlSavingsReport['period'];

const PERIODS: Array<{ value: Period; label: string }> = [
  { value: 'month', label: 'This month' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'all', label: 'All time' },
];

/**
 * A total's saving and run rate in words, unknown parts said.
 *
 * @internal
 */
export function describeSavings(total: TtlSavingsTotal): string {
  const destroys = `${total.deployments} TTL ${
    total.deployments === 1 ? 'destroy' : 'destroys'
  }`;
  if (total.saved === null || total.monthlyAvoided === null) {
    return `unknown: ${destroys}, none with a priced estimate`;
  }
  const unpriced = total.withoutEstimate
    ? `, ${total.withoutEstimate} without a priced estimate (not counted)`
    : '';
  return `${formatSureAmount(
    total.saved,
    total.kind,
  )} saved by ${destroys}${unpriced}; ${formatSureAmount(
    total.monthlyAvoided,
    total.kind,
  )} a month avoided now`;
}

/**
 * The money TTL destroys saved: each destroyed deployment's last estimate
 * over the hours since (until it was made again), per owner and in total.
 *
 * @internal
 */
export function TtlSavingsCard() {
  const api = useApi(cloudDeploymentsApiRef);
  const link = useRouteRefIfMounted(deploymentRouteRef);
  const [period, setPeriod] = useState<Period>('month');
  const { value, loading, error } = useAsync(
    () => api.getTtlSavings({ period }),
    [api, period],
  );
  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && value.total.deployments === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No deployment was destroyed by its time to live in this period.
      </Typography>
    );
  } else if (value) {
    body = (
      <>
        <Typography variant="h5" component="p">
          {value.total.saved === null
            ? 'Saving unknown'
            : `${formatSureAmount(value.total.saved, value.total.kind)} saved`}
        </Typography>
        <Typography variant="body2" paragraph>
          {describeSavings(value.total)}.
        </Typography>
        <Typography variant="subtitle2" component="h3">
          Per team
        </Typography>
        <ul>
          {value.owners.map(o => (
            <li key={o.owner}>
              <Typography variant="body2">
                {o.owner}: {describeSavings(o)}
              </Typography>
            </li>
          ))}
        </ul>
        <Typography variant="subtitle2" component="h3">
          Largest
        </Typography>
        <ul>
          {value.deployments.slice(0, 5).map(d => (
            <li key={d.id}>
              <Typography variant="body2">
                {link ? (
                  <Link to={link({ id: d.id })} underline="always">
                    {d.name}
                  </Link>
                ) : (
                  d.name
                )}{' '}
                ({d.environment}):{' '}
                {d.saved === null
                  ? 'unknown (no priced estimate)'
                  : formatSureAmount(d.saved, d.kind)}{' '}
                over {d.hours} h
                {d.monthlyCost !== null &&
                  ` at ${formatUsd(d.monthlyCost)} a month`}
                {d.recreatedAt &&
                  `, until it was made again ${d.recreatedAt
                    .slice(0, 16)
                    .replace('T', ' ')} UTC`}
              </Typography>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="TTL savings"
      subheader="What deployments destroyed by their time to live would have cost since, at their last estimate"
    >
      <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
        <InputLabel id="ttl-savings-period">Period</InputLabel>
        <Select
          labelId="ttl-savings-period"
          // Named by its label and the value it shows (the value is what a
          // speech-input user says).
          SelectDisplayProps={{ id: 'ttl-savings-period-value' }}
          label="Period"
          value={period}
          onChange={e => setPeriod(e.target.value as Period)}
        >
          {PERIODS.map(p => (
            <MenuItem key={p.value} value={p.value}>
              {p.label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <div style={{ height: 8 }} />
      {body}
    </InfoCard>
  );
}
