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
  CostMover,
  MoverSpan,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { deploymentRouteRef } from '../../routes';
import { formatDailyCost, lastDayOf } from '../../utils/formatDailyCost';
import { cardHeading } from '../cardHeading';
import { formatSureAmount } from './sureAmount';

const BASIS: Record<MoverSpan['basis'], string> = {
  actual: 'actual',
  estimated: 'estimated',
  mixed: 'actual and estimated',
  none: 'not billing',
};

const signed = (amount: number) =>
  `${amount > 0 ? '+' : '−'}${formatDailyCost(Math.abs(amount))}`;

/**
 * One mover in words: both daily costs, the change, and what they rest on.
 *
 * @internal
 */
export function describeMover(mover: CostMover): string {
  const { previous, recent } = mover;
  const relative =
    mover.relative === null
      ? 'new'
      : `${mover.relative > 0 ? '+' : '−'}${Math.round(
          Math.abs(mover.relative) * 100,
        )} %`;
  const basis =
    previous.basis === recent.basis
      ? BASIS[recent.basis]
      : `${BASIS[previous.basis]}, then ${BASIS[recent.basis]}`;
  const lowerBound =
    mover.kind === 'partial' ? '; some days have no figure' : '';
  return `${formatSureAmount(
    previous.daily,
    previous.kind,
  )} → ${formatSureAmount(recent.daily, recent.kind)} a day (${signed(
    mover.change,
  )}, ${relative}; ${basis}${lowerBound})`;
}

function MoverList(props: { title: string; movers: CostMover[] }) {
  const link = useRouteRefIfMounted(deploymentRouteRef);
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.movers.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None.
        </Typography>
      ) : (
        <ul>
          {props.movers.map(m => (
            <li key={m.id}>
              <Typography variant="body2">
                {link ? (
                  <Link to={link({ id: m.id })} underline="always">
                    {m.name}
                  </Link>
                ) : (
                  m.name
                )}{' '}
                ({m.environment}, {m.owner}): {describeMover(m)}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The deployments whose daily cost rose and fell most over the last 7 full
 * days against the 7 before, each figure with what it rests on.
 *
 * @internal
 */
export function TopMoversCard() {
  const api = useApi(cloudDeploymentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getCostMovers({ days: 7, limit: 5 }),
    [api],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    body = (
      <>
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <MoverList title="Up" movers={value.up} />
          </Grid>
          <Grid item xs={12} md={6}>
            <MoverList title="Down" movers={value.down} />
          </Grid>
        </Grid>
        {value.withoutFigure > 0 && (
          <Typography variant="body2" color="textSecondary">
            {value.withoutFigure}{' '}
            {value.withoutFigure === 1 ? 'deployment is' : 'deployments are'}{' '}
            not ranked: a span has no figure at all (no actual and no priced
            estimate).
          </Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Top movers"
      subheader={
        value
          ? `Average daily cost, ${value.recent.from} to ${lastDayOf(
              value.recent.to,
            )} against ${value.previous.from} to ${lastDayOf(
              value.previous.to,
            )} (UTC): actual where read, else the estimate`
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
