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
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  EmptyState,
  ResponseErrorPanel,
  SubvalueCell,
  Table,
  TableColumn,
  TableOptions,
  TableProps,
} from '@backstage/core-components';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@internal/backstage-plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { cloudDeploymentsApiRef } from '../../api';
import { formatAge } from '../../utils/formatAge';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { DeploymentStatusChip } from '../DeploymentStatusChip';

type RemoteData = Extract<
  TableProps<Deployment>['data'],
  (...args: any[]) => unknown
>;
type TableQuery = Parameters<RemoteData>[0];
type TableQueryResult = Awaited<ReturnType<RemoteData>>;

/** The backend rejects longer searches. */
const MAX_SEARCH_LENGTH = 100;

// Defined once: material-table resets its state when columns or options change
// identity, so they must not be rebuilt on every render.
const columns: TableColumn<Deployment>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: d => <SubvalueCell value={d.name} subvalue={d.title} />,
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
  { title: 'Provider', field: 'spec.provider' },
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
];

const options: TableOptions<Deployment> = {
  paging: true,
  pageSize: 20,
  pageSizeOptions: [20, 50, 100],
  // Keyset pagination can only step from a page to its neighbours.
  showFirstLastPageButtons: false,
  emptyRowsWhenPaging: false,
  search: true,
  debounceInterval: 400,
  // The backend always returns newest first.
  sorting: false,
  draggable: false,
  padding: 'dense',
};

/** What the table body says when it has no rows to show. */
function emptyMessage(state: { error?: Error; searching: boolean }): string {
  if (state.error) {
    return 'Could not load deployments';
  }
  return state.searching
    ? 'No deployments match your search'
    : 'No deployments';
}

/**
 * The cursors of the pages seen so far for one search and page size: entry
 * `n` is the cursor that fetches page `n` (page 0 needs none).
 */
type CursorTrail = { key: string; cursors: (string | undefined)[] };

/**
 * All deployments in a table, fetched from the backend one page at a time and
 * searchable through the backend's `q`.
 *
 * @internal
 */
export function DeploymentsTable() {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const [error, setError] = useState<Error>();
  const [noDeployments, setNoDeployments] = useState(false);
  const [searching, setSearching] = useState(false);
  const trail = useRef<CursorTrail>({ key: '', cursors: [] });

  const fetchPage = useCallback(
    async (query: TableQuery): Promise<TableQueryResult> => {
      const q = query.search.trim().slice(0, MAX_SEARCH_LENGTH) || undefined;
      const key = JSON.stringify([q ?? '', query.pageSize]);
      if (trail.current.key !== key) {
        trail.current = { key, cursors: [undefined] };
      }
      // Held locally so that a late answer to a previous search or page size
      // cannot write its cursor into the trail of the current one.
      const { cursors } = trail.current;
      // A page is only reachable after the page before it has been fetched;
      // anything else starts over from the first page.
      const page = query.page < cursors.length ? query.page : 0;
      setSearching(q !== undefined);
      try {
        const result = await cloudDeploymentsApi.listDeployments({
          q,
          cursor: cursors[page],
          limit: query.pageSize,
        });
        if (result.nextCursor) {
          cursors[page + 1] = result.nextCursor;
        }
        setError(undefined);
        setNoDeployments(!q && page === 0 && result.totalCount === 0);
        return { data: result.items, page, totalCount: result.totalCount };
      } catch (e) {
        setError(toError(e));
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [cloudDeploymentsApi],
  );

  const localization = useMemo(
    () => ({
      body: { emptyDataSourceMessage: emptyMessage({ error, searching }) },
      toolbar: { searchPlaceholder: 'Search deployments' },
    }),
    [error, searching],
  );

  if (noDeployments) {
    return (
      <EmptyState
        missing="data"
        title="No deployments yet"
        description="Deployments show up here once they are created, from a software template or through the cloud-deployments API."
      />
    );
  }

  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      <Table<Deployment>
        title="All deployments"
        columns={columns}
        options={options}
        data={fetchPage}
        localization={localization}
      />
    </>
  );
}
