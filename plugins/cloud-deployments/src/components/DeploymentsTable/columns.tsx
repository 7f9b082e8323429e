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
import { SubvalueCell, TableColumn } from '@backstage/core-components';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { formatAge } from '../../utils/formatAge';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { DeploymentActions, useActionPermissions } from '../DeploymentActions';
import { DeploymentLink } from '../DeploymentLink';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { ProviderLabel } from '../ProviderLabel';
import { useDeploymentsTableContext } from './DeploymentsTableContext';

function ProviderCell(props: { deployment: Deployment }) {
  const { deployment } = props;
  const { providers } = useDeploymentsTableContext();
  return (
    <ProviderLabel
      provider={deployment.spec.provider}
      info={providers.get(deployment.spec.provider)}
      sandbox={deployment.sandbox}
    />
  );
}

function ActionsCell(props: { deployment: Deployment }) {
  const { onActionDone } = useDeploymentsTableContext();
  const permissions = useActionPermissions(props.deployment.id);
  return (
    <DeploymentActions
      deployment={props.deployment}
      permissions={permissions}
      onDone={onActionDone}
    />
  );
}

/**
 * The columns of the deployments table. Defined once: material-table resets
 * its state when columns change identity.
 *
 * @internal
 */
export const deploymentColumns: TableColumn<Deployment>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: d => (
      <SubvalueCell
        value={<DeploymentLink deployment={d} />}
        subvalue={d.title}
      />
    ),
  },
  {
    title: 'Component',
    field: 'spec.component',
    render: d => (
      <span title={d.spec.component}>{formatEntityRef(d.spec.component)}</span>
    ),
  },
  {
    title: 'Owner',
    field: 'spec.owner',
    render: d => (
      <span title={d.spec.owner}>{formatEntityRef(d.spec.owner)}</span>
    ),
  },
  {
    title: 'Provider',
    field: 'spec.provider',
    render: d => <ProviderCell deployment={d} />,
  },
  { title: 'Region', field: 'spec.region' },
  { title: 'Environment', field: 'spec.environment' },
  {
    title: 'Status',
    field: 'status',
    render: d => (
      <DeploymentStatusChip status={d.status} reason={d.statusReason} />
    ),
  },
  {
    title: 'Monthly cost',
    field: 'estimate.monthlyTotal',
    align: 'right',
    render: d => (
      <Typography
        variant="body2"
        component="span"
        title={d.estimate?.warnings.join('\n') || undefined}
      >
        {formatMonthlyCost(d.estimate)}
      </Typography>
    ),
  },
  {
    title: 'Age',
    field: 'createdAt',
    render: d => (
      <Typography variant="body2" component="span" title={d.createdAt}>
        {formatAge(d.createdAt)}
      </Typography>
    ),
  },
  {
    title: 'Actions',
    field: 'id',
    render: d => <ActionsCell deployment={d} />,
  },
];
