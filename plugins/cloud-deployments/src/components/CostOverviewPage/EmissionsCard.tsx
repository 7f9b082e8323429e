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
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EmissionsOverview,
  EmissionsTotal,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { formatGrams } from '../../utils/formatEmissions';
import { cardHeading } from '../cardHeading';

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * A sum of deployments' monthly emissions in words, no surer than its
 * parts: `12.4 kgCO2e/month known; 3 deployments not estimated` — never 0
 * for a deployment without a figure.
 *
 * @internal
 */
export function describeEmissionsTotal(total: EmissionsTotal): string {
  const notEstimated = total.notEstimated
    ? `${plural(total.notEstimated, 'deployment', 'deployments')} not estimated`
    : '';
  if (total.knownGrams === null) {
    return `unknown: ${notEstimated || 'no figure'}`;
  }
  const amount = `${formatGrams(total.knownGrams)}/month`;
  const partial = total.partial
    ? `${plural(total.partial, 'deployment', 'deployments')} with lines missing`
    : '';
  switch (total.kind) {
    case 'exact':
      return amount;
    case 'approximate':
      return `≈ ${amount}`;
    default:
      return [`${amount} known`, notEstimated, partial]
        .filter(Boolean)
        .join('; ');
  }
}

/** Where the figures come from: the grid factors' years and the coefficients' age. */
function Basis(props: { overview: EmissionsOverview }) {
  const { gridYears, datasetsBuiltAt, stopped } = props.overview;
  const years =
    gridYears.length > 0
      ? `Grid factors of ${gridYears.join(
          ', ',
        )}, coefficients built ${datasetsBuiltAt.join(', ')}.`
      : 'No grid factor used: no deployment has an emissions figure.';
  const stoppedNote = stopped
    ? ` Includes ${plural(
        stopped,
        'stopped deployment',
        'stopped deployments',
      )}, at what ${
        stopped === 1 ? 'its estimate says' : 'their estimates say'
      }.`
    : '';
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      {years}
      {stoppedNote}
    </Typography>
  );
}

/**
 * The monthly emissions of the deployments the caller may read that run or
 * are stopped, from their estimates, in total and per team, with the grid
 * factors' data years.
 *
 * @internal
 */
export function EmissionsCard() {
  const api = useApi(cloudDeploymentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEmissionsOverview(),
    [api],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && value.total.deployments === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No deployment runs or is stopped.
      </Typography>
    );
  } else if (value) {
    body = (
      <>
        <Typography variant="h5" component="p">
          {describeEmissionsTotal(value.total)}
        </Typography>
        <Basis overview={value} />
        <Typography variant="subtitle2" component="h3">
          Per team
        </Typography>
        <ul>
          {value.owners.map(o => (
            <li key={o.owner}>
              <Typography variant="body2">
                {o.owner}: {describeEmissionsTotal(o)}
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
      title="Emissions"
      subheader="Estimated CO2e a month of the deployments that run or are stopped"
    >
      {body}
    </InfoCard>
  );
}
