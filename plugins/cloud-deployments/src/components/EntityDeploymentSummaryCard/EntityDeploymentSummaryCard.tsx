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
import { Fragment } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { findEntityDeployment } from '../../hooks/useEntityEstimate';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { deploymentRouteRef } from '../../routes';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { cardHeading } from '../cardHeading';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { EndpointLink } from '../EndpointLink';
import { ProviderLabel } from '../ProviderLabel';

const useStyles = makeStyles(
  theme => ({
    facts: {
      display: 'grid',
      gridTemplateColumns: 'max-content minmax(0, 1fr)',
      columnGap: theme.spacing(2),
      rowGap: theme.spacing(1),
      alignItems: 'center',
      margin: 0,
    },
    term: { color: theme.palette.text.secondary },
    value: { margin: 0, minWidth: 0 },
  }),
  { name: 'CloudDeploymentsEntitySummary' },
);

const TITLE = 'Deployment';

function Facts(props: { deployment: Deployment }) {
  const { deployment } = props;
  const classes = useStyles();
  const deploymentLink = useRouteRefIfMounted(deploymentRouteRef);
  const rows: Array<[string, JSX.Element | string]> = [
    [
      'Status',
      <DeploymentStatusChip
        status={deployment.status}
        reason={deployment.statusReason}
      />,
    ],
    [
      'Endpoint',
      deployment.endpoint ? (
        <EndpointLink deployment={deployment} />
      ) : (
        <Typography variant="body2" color="textSecondary" component="span">
          {deployment.status === 'destroyed'
            ? 'None: the deployment is destroyed'
            : 'None yet'}
        </Typography>
      ),
    ],
    ['Monthly cost', formatMonthlyCost(deployment.estimate)],
    [
      'Where',
      <ProviderLabel
        provider={deployment.spec.provider}
        sandbox={deployment.sandbox}
      />,
    ],
    ['Region', deployment.spec.region],
    ['Environment', deployment.spec.environment],
  ];
  return (
    <>
      <dl className={classes.facts}>
        {rows.map(([term, value]) => (
          <Fragment key={term}>
            <Typography component="dt" variant="body2" className={classes.term}>
              {term}
            </Typography>
            <Typography
              component="dd"
              variant="body2"
              className={classes.value}
            >
              {value}
            </Typography>
          </Fragment>
        ))}
      </dl>
      {deploymentLink && (
        <Typography variant="body2" style={{ marginTop: 16 }}>
          <Link to={deploymentLink({ id: deployment.id })}>
            Open the deployment page of {deployment.name}
          </Link>
        </Typography>
      )}
    </>
  );
}

/**
 * A `CloudDeployment` entity's deployment at a glance: its status, endpoint
 * (a sandbox's marked, a real one with a console link), monthly cost, and a
 * link to its page.
 *
 * @public
 */
export function EntityDeploymentSummaryCard() {
  const { entity } = useEntity();
  const api = useApi(cloudDeploymentsApiRef);
  const { value, loading, error } = useAsync(
    () => findEntityDeployment(api, entity),
    [api, entity],
  );
  return (
    <InfoCard titleTypographyProps={cardHeading} title={TITLE}>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && !value && (
        <Typography variant="body2" color="textSecondary">
          The portal has no deployment of this entity: it may have been
          destroyed and removed, or made outside the portal.
        </Typography>
      )}
      {value && <Facts deployment={value} />}
    </InfoCard>
  );
}
