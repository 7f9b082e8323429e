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
import useAsync from 'react-use/esm/useAsync';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
  TableOptions,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Approval } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import { cloudDeploymentsApiRef } from '../../api';
import { formatAge } from '../../utils/formatAge';
import { EntityLink } from '../EntityLink';
import { ApprovalStatusChip } from './ApprovalStatusChip';

const When = (props: { at?: string }) =>
  props.at ? (
    <time dateTime={props.at} title={new Date(props.at).toLocaleString()}>
      {formatAge(props.at)}
    </time>
  ) : (
    <span>—</span>
  );

// Defined once: material-table resets its state when these change identity.
const columns: TableColumn<Approval>[] = [
  {
    title: 'Status',
    field: 'status',
    render: a => <ApprovalStatusChip status={a.status} />,
  },
  { title: 'Operation', field: 'operation' },
  {
    title: 'Requested by',
    field: 'requestedBy',
    render: a => <EntityLink entityRef={a.requestedBy} />,
  },
  {
    title: 'Requested',
    field: 'requestedAt',
    render: a => <When at={a.requestedAt} />,
  },
  {
    title: 'Decided by',
    field: 'decidedBy',
    render: a =>
      a.decidedBy ? <EntityLink entityRef={a.decidedBy} /> : <span>—</span>,
  },
  {
    title: 'Decided',
    field: 'decidedAt',
    render: a => <When at={a.decidedAt} />,
  },
  // An approver's comment, or why the request became void.
  { title: 'Comment', field: 'comment', width: '35%' },
];

const options: TableOptions<Approval> = {
  paging: false,
  search: false,
  padding: 'dense',
  draggable: false,
  sorting: false,
};

/**
 * Props of {@link ApprovalHistory}.
 *
 * @internal
 */
export type ApprovalHistoryProps = {
  deploymentId: string;
  /** Reloads the requests when it changes, e.g. the deployment's version. */
  refreshKey?: unknown;
};

/**
 * Every request of a deployment that a policy held for approval, newest
 * first: where it stands, who asked and when, who decided, when, and why.
 *
 * @internal
 */
export function ApprovalHistory(props: ApprovalHistoryProps) {
  const { deploymentId, refreshKey } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.listApprovals(deploymentId),
    [api, deploymentId, refreshKey],
  );
  // material-table writes its own state into the rows: give it copies.
  const rows = useMemo(
    () => (value?.items ?? []).map(a => ({ ...a })),
    [value],
  );

  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<Approval>
      title="Approval requests"
      columns={columns}
      data={rows}
      options={options}
      isLoading={loading && !value}
      emptyContent={
        <Box p={2}>No request of this deployment was held for approval.</Box>
      }
    />
  );
}
