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
import { useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRefIfMounted } from '../../hooks/useRouteRefIfMounted';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { useComponentDeployments } from '../../hooks/useComponentDeployments';
import { useProviders } from '../../hooks/useProviders';
import { rootRouteRef } from '../../routes';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { DeploymentLink } from '../DeploymentLink';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { ProviderLabel } from '../ProviderLabel';
import { cardHeading } from '../cardHeading';

/**
 * The deployments of the current `Component` entity that are not destroyed,
 * with their status and monthly cost.
 *
 * @public
 */
export function EntityDeploymentsCard() {
  const { entity } = useEntity();
  const { value, loading, error } = useComponentDeployments(entity);
  const providers = useProviders();
  const deploymentsLink = useRouteRefIfMounted(rootRouteRef);
  // Memoized: material-table resets its page when columns change identity.
  const columns = useMemo<TableColumn<Deployment>[]>(
    () => [
      { title: 'Name', render: d => <DeploymentLink deployment={d} /> },
      {
        title: 'Status',
        render: d => (
          <DeploymentStatusChip status={d.status} reason={d.statusReason} />
        ),
      },
      { title: 'Environment', field: 'spec.environment' },
      {
        title: 'Provider',
        render: d => (
          <ProviderLabel
            provider={d.spec.provider}
            info={providers.get(d.spec.provider)}
            sandbox={d.sandbox}
          />
        ),
      },
      {
        title: 'Monthly cost',
        align: 'right',
        render: d => formatMonthlyCost(d.estimate),
      },
    ],
    [providers],
  );

  if (loading) {
    return (
      <InfoCard titleTypographyProps={cardHeading} title="Deployments">
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard titleTypographyProps={cardHeading} title="Deployments">
        <ResponseErrorPanel error={error ?? new Error('No deployments')} />
      </InfoCard>
    );
  }
  if (value.items.length === 0) {
    return (
      <InfoCard titleTypographyProps={cardHeading} title="Deployments">
        <Typography variant="body1" paragraph>
          This component is not deployed anywhere yet.
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Hint: deploy it to AWS SageMaker, Cloud Run, Azure Container Instances
          or Kubernetes from a software template (Create…), and its deployments
          show up here with their status and monthly cost.
        </Typography>
      </InfoCard>
    );
  }

  const more = value.totalCount - value.items.length;
  const componentRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const allLink = deploymentsLink
    ? `${deploymentsLink()}?${new URLSearchParams({ component: componentRef })}`
    : undefined;

  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Deployments"
      subheader={
        more > 0
          ? `The first ${value.items.length} of ${value.totalCount}`
          : undefined
      }
      deepLink={
        allLink ? { title: 'View in Deployments', link: allLink } : undefined
      }
      noPadding
    >
      <Table<Deployment>
        columns={columns}
        data={value.items}
        options={{
          paging: value.items.length > 10,
          pageSize: 10,
          search: false,
          toolbar: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
      />
    </InfoCard>
  );
}
