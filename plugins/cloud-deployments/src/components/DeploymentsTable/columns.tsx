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
import { CSSProperties, ReactNode, useMemo } from 'react';
import { TableColumn } from '@backstage/core-components';
import {
  Deployment,
  DeploymentSortField,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { makeStyles, Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { formatAge } from '../../utils/formatAge';
import { formatDuration } from '../../utils/formatDuration';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { DeploymentActions, useActionPermissions } from '../DeploymentActions';
import { DeploymentLink } from '../DeploymentLink';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { ProviderLabel } from '../ProviderLabel';
import { useDeploymentsTableContext } from './DeploymentsTableContext';

const useStyles = makeStyles(
  {
    // One line per row: what does not fit ends in an ellipsis, and the full
    // text is in the title. Nested labels (provider and its sandbox chip)
    // must not wrap either.
    line: {
      display: 'block',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      '& *': { flexWrap: 'nowrap', whiteSpace: 'nowrap' },
    },
  },
  { name: 'CloudDeploymentsTableCell' },
);

function Line(props: { title?: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <span className={classes.line} title={props.title}>
      {props.children}
    </span>
  );
}

function ProviderCell(props: { deployment: Deployment }) {
  const { deployment } = props;
  const { providers } = useDeploymentsTableContext();
  return (
    <Line>
      <ProviderLabel
        provider={deployment.spec.provider}
        info={providers.get(deployment.spec.provider)}
        sandbox={deployment.sandbox}
      />
    </Line>
  );
}

function ActionsCell(props: { deployment: Deployment }) {
  const { onActionDone } = useDeploymentsTableContext();
  const permissions = useActionPermissions(props.deployment.id);
  return (
    <Line>
      <DeploymentActions
        deployment={props.deployment}
        permissions={permissions}
        onDone={onActionDone}
      />
    </Line>
  );
}

/** A cell of at most `maxWidth` px on one line; the Line inside ellipsises. */
const cell = (maxWidth?: number): CSSProperties => ({
  whiteSpace: 'nowrap',
  ...(maxWidth ? { maxWidth } : {}),
});

/** How wide the window must be for a column to show; the rest always do. */
type Width = 'wide' | 'wider' | 'widest';

type Column = TableColumn<Deployment> & {
  sortKey?: DeploymentSortField;
  shownFrom?: Width;
};

const COLUMNS: Column[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    sortKey: 'name',
    cellStyle: cell(240),
    render: d => (
      <Line title={d.title ? `${d.name}: ${d.title}` : d.name}>
        <DeploymentLink deployment={d} />
      </Line>
    ),
  },
  {
    title: 'Component',
    field: 'spec.component',
    shownFrom: 'widest',
    cellStyle: cell(200),
    render: d => (
      <Line title={d.spec.component}>{formatEntityRef(d.spec.component)}</Line>
    ),
  },
  {
    title: 'Owner',
    field: 'spec.owner',
    sortKey: 'owner',
    shownFrom: 'wide',
    cellStyle: cell(180),
    render: d => (
      <Line title={d.spec.owner}>{formatEntityRef(d.spec.owner)}</Line>
    ),
  },
  {
    title: 'Provider',
    field: 'spec.provider',
    sortKey: 'provider',
    shownFrom: 'wide',
    // Room for the longest provider name and its sandbox chip, unclipped.
    cellStyle: cell(280),
    render: d => <ProviderCell deployment={d} />,
  },
  {
    title: 'Region',
    field: 'spec.region',
    sortKey: 'region',
    shownFrom: 'wider',
    cellStyle: cell(160),
    render: d => <Line title={d.spec.region}>{d.spec.region}</Line>,
  },
  {
    title: 'Environment',
    field: 'spec.environment',
    sortKey: 'environment',
    shownFrom: 'wider',
    cellStyle: cell(140),
    render: d => <Line title={d.spec.environment}>{d.spec.environment}</Line>,
  },
  {
    title: 'Status',
    field: 'status',
    sortKey: 'status',
    cellStyle: cell(),
    render: d => (
      <DeploymentStatusChip status={d.status} reason={d.statusReason} />
    ),
  },
  {
    title: 'Monthly cost',
    field: 'estimate.monthlyTotal',
    sortKey: 'monthlyCost',
    align: 'right',
    cellStyle: cell(),
    render: d => (
      <Line title={d.estimate?.warnings.join('\n') || undefined}>
        {formatMonthlyCost(d.estimate)}
      </Line>
    ),
  },
  {
    title: 'Age',
    field: 'createdAt',
    sortKey: 'createdAt',
    shownFrom: 'wider',
    cellStyle: cell(),
    render: d => <Line title={d.createdAt}>{formatAge(d.createdAt)}</Line>,
  },
  {
    title: 'Expires',
    field: 'expiresAt',
    sortKey: 'expiresAt',
    shownFrom: 'wider',
    cellStyle: cell(),
    render: d => <Line title={d.expiresAt}>{expiryText(d.expiresAt)}</Line>,
  },
  {
    title: 'Actions',
    field: 'id',
    cellStyle: cell(),
    render: d => <ActionsCell deployment={d} />,
  },
];

/** When a TTL runs out, from now: a deployment past it is about to go. */
function expiryText(expiresAt: string | undefined, now = Date.now()) {
  if (!expiresAt) return 'No TTL';
  const left = Date.parse(expiresAt) - now;
  return left > 0 ? `in ${formatDuration(left)}` : 'ran out';
}

/**
 * The columns of the deployments table at the window's width, with the
 * sorted one marked. Columns that matter (name, status, cost, actions) always
 * show, and so does the one sorted by; the rest from a width on. Memoised: material-table resets its state
 * (page, page size) when the columns change identity.
 *
 * @internal
 */
export function useDeploymentColumns(
  sort: DeploymentSortField | undefined,
  order: 'asc' | 'desc' | undefined,
): TableColumn<Deployment>[] {
  // Beside the sidebar (224 px when open): at 1024 px the table has about
  // 750 px, at 1440 about 1,150 and at 1920 about 1,650.
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'));
  const wider = useMediaQuery('(min-width:1600px)');
  const widest = useMediaQuery('(min-width:2000px)');
  return useMemo(() => {
    const shown: Record<Width, boolean> = { wide, wider, widest };
    return COLUMNS.map(({ sortKey, shownFrom, ...column }) => ({
      ...column,
      sorting: Boolean(sortKey),
      hidden:
        shownFrom && !(sortKey && sortKey === sort) ? !shown[shownFrom] : false,
      defaultSort:
        sortKey && sortKey === (sort ?? 'createdAt')
          ? order ?? (sort ? defaultOrder(sort) : 'desc')
          : undefined,
    }));
  }, [wide, wider, widest, sort, order]);
}

/**
 * The sort a column of {@link useDeploymentColumns} stands for.
 *
 * @internal
 */
export function sortKeyOfColumn(
  index: number,
): DeploymentSortField | undefined {
  return COLUMNS[index]?.sortKey;
}

/**
 * The order the backend sorts in when none is given.
 *
 * @internal
 */
export function defaultOrder(sort: DeploymentSortField): 'asc' | 'desc' {
  return sort === 'createdAt' || sort === 'updatedAt' || sort === 'monthlyCost'
    ? 'desc'
    : 'asc';
}
