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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  TableOptions,
  TableProps,
} from '@backstage/core-components';
import { toError } from '@backstage/errors';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  Deployment,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { cloudDeploymentsApiRef } from '../../api';
import { useProviders } from '../../hooks/useProviders';
import { DeploymentAction } from '../DeploymentActions';
import { DeploymentsSummaryBar } from '../DeploymentsSummaryBar';
import { deploymentColumns } from './columns';
import { DeploymentFilterBar } from './DeploymentFilterBar';
import {
  DeploymentsTableContext,
  DeploymentsTableContextValue,
} from './DeploymentsTableContext';
import {
  DeploymentFilters,
  hasFilters,
  readFilters,
  toDeploymentsFilter,
  writeFilters,
} from './filters';

type RemoteData = Extract<
  TableProps<Deployment>['data'],
  (...args: any[]) => unknown
>;
type TableQuery = Parameters<RemoteData>[0];
type TableQueryResult = Awaited<ReturnType<RemoteData>>;

/** The part of material-table's instance used to make it fetch again. */
type TableInstance = { onQueryChange(query?: Partial<TableQuery>): void };

// Defined once: material-table resets its state when options change identity.
const options: TableOptions<Deployment> = {
  paging: true,
  pageSize: 20,
  pageSizeOptions: [20, 50, 100],
  // Keyset pagination can only step from a page to its neighbours.
  showFirstLastPageButtons: false,
  emptyRowsWhenPaging: false,
  // Searching is done by the filter bar, so that it lives in the URL.
  search: false,
  // The backend always returns newest first.
  sorting: false,
  draggable: false,
  padding: 'dense',
};

const useStyles = makeStyles(
  {
    visuallyHidden: {
      position: 'absolute',
      width: 1,
      height: 1,
      margin: -1,
      padding: 0,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
      border: 0,
    },
  },
  { name: 'CloudDeploymentsTable' },
);

/** What the table body says when it has no rows to show. */
function emptyMessage(error: Error | undefined, filters: DeploymentFilters) {
  if (error) {
    return 'Could not load deployments';
  }
  if (!hasFilters(filters)) {
    return 'No deployments';
  }
  return hasFilters({ ...filters, q: '' })
    ? 'No deployments match your filters'
    : 'No deployments match your search';
}

/**
 * The cursors of the pages seen so far for one set of filters and page size:
 * entry `n` is the cursor that fetches page `n` (page 0 needs none).
 */
type CursorTrail = { key: string; cursors: (string | undefined)[] };

/**
 * All deployments in a table, fetched from the backend one page at a time,
 * filtered by the filters in the URL's query string, with totals over all
 * pages and actions on each row.
 *
 * @internal
 */
export function DeploymentsTable() {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const identityApi = useApi(identityApiRef);
  const classes = useStyles();
  const providers = useProviders();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const filtersKey = JSON.stringify(filters);
  const [error, setError] = useState<Error>();
  const [noDeployments, setNoDeployments] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const tableRef = useRef<TableInstance>();
  const trail = useRef<CursorTrail>({ key: '', cursors: [] });
  const latest = useRef<Promise<TableQueryResult>>();
  // The last status seen of each deployment, to announce changes.
  const statuses = useRef(new Map<string, DeploymentStatus>());
  // Read by the table's data function, which keeps its identity.
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const getOwnershipRefs = useCallback(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return [identity.userEntityRef, ...identity.ownershipEntityRefs];
  }, [identityApi]);

  const summary = useAsyncRetry(
    async () =>
      cloudDeploymentsApi.getDeploymentsSummary(
        await toDeploymentsFilter(filters, getOwnershipRefs),
      ),
    [cloudDeploymentsApi, getOwnershipRefs, filtersKey],
  );
  const retrySummary = useRef(summary.retry);
  retrySummary.current = summary.retry;

  const announceChanges = useCallback((items: Deployment[]) => {
    const changes: string[] = [];
    for (const d of items) {
      const before = statuses.current.get(d.id);
      if (before && before !== d.status) {
        changes.push(`${d.name} is now ${d.status}`);
      }
      statuses.current.set(d.id, d.status);
    }
    if (changes.length) {
      setAnnouncement(changes.join('. '));
    }
  }, []);

  const load = useCallback(
    async (
      query: TableQuery,
      isCurrent: () => boolean,
    ): Promise<TableQueryResult> => {
      const current = filtersRef.current;
      const key = JSON.stringify([current, query.pageSize]);
      if (trail.current.key !== key) {
        trail.current = { key, cursors: [undefined] };
      }
      // Held locally so that a late answer for other filters or another page
      // size cannot write its cursor into the trail of the current ones.
      const { cursors } = trail.current;
      // A page is only reachable after the page before it has been fetched;
      // anything else starts over from the first page.
      const page = query.page < cursors.length ? query.page : 0;
      try {
        const filter = await toDeploymentsFilter(current, getOwnershipRefs);
        const result = await cloudDeploymentsApi.listDeployments({
          ...filter,
          cursor: cursors[page],
          limit: query.pageSize,
        });
        if (result.nextCursor) {
          cursors[page + 1] = result.nextCursor;
        }
        if (isCurrent()) {
          setError(undefined);
          setNoDeployments(
            !hasFilters(current) && page === 0 && result.totalCount === 0,
          );
          announceChanges(result.items);
        }
        return { data: result.items, page, totalCount: result.totalCount };
      } catch (e) {
        if (isCurrent()) {
          setError(toError(e));
        }
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [cloudDeploymentsApi, getOwnershipRefs, announceChanges],
  );

  // material-table shows whatever answer arrives last; a superseded request
  // hands over the answer of the newest one instead of its own.
  const fetchPage = useCallback(
    (query: TableQuery): Promise<TableQueryResult> => {
      const request: Promise<TableQueryResult> = load(
        query,
        () => latest.current === request,
      );
      latest.current = request;
      return request.then(result =>
        latest.current === request ? result : latest.current!,
      );
    },
    [load],
  );

  // Filters changed (by the bar, or back/forward): start over at page 0.
  const shownFilters = useRef(filtersKey);
  useEffect(() => {
    if (shownFilters.current !== filtersKey) {
      shownFilters.current = filtersKey;
      tableRef.current?.onQueryChange({ page: 0 });
    }
  }, [filtersKey]);

  const refresh = useCallback(() => {
    tableRef.current?.onQueryChange();
    retrySummary.current();
  }, []);

  const context = useMemo<DeploymentsTableContextValue>(
    () => ({
      providers,
      onActionDone: (updated: Deployment, action: DeploymentAction) => {
        statuses.current.set(updated.id, updated.status);
        setAnnouncement(
          `${action.label}: ${updated.name} is now ${updated.status}`,
        );
        refresh();
      },
    }),
    [providers, refresh],
  );

  const setFilters = useCallback(
    (next: DeploymentFilters, opts?: { replace?: boolean }) => {
      setSearchParams(current => writeFilters(current, next), {
        replace: opts?.replace,
      });
    },
    [setSearchParams],
  );

  const actions = useMemo(
    () => [
      {
        icon: () => <RefreshIcon />,
        tooltip: 'Refresh',
        isFreeAction: true,
        onClick: refresh,
      },
    ],
    [refresh],
  );

  const localization = useMemo(
    () => ({
      body: { emptyDataSourceMessage: emptyMessage(error, filters) },
    }),
    [error, filters],
  );

  if (noDeployments && !hasFilters(filters)) {
    return (
      <EmptyState
        missing="data"
        title="No deployments yet"
        description="Deployments show up here once they are created, from a software template or through the cloud-deployments API."
      />
    );
  }

  return (
    <DeploymentsTableContext.Provider value={context}>
      <DeploymentFilterBar
        filters={filters}
        providers={providers}
        onChange={setFilters}
      />
      <DeploymentsSummaryBar
        summary={summary.value}
        loading={summary.loading}
        error={summary.error}
        providers={providers}
      />
      {error && <ResponseErrorPanel error={error} />}
      <Table<Deployment>
        tableRef={tableRef}
        title="All deployments"
        columns={deploymentColumns}
        options={options}
        data={fetchPage}
        actions={actions}
        localization={localization}
      />
      <div role="status" aria-live="polite" className={classes.visuallyHidden}>
        {announcement}
      </div>
    </DeploymentsTableContext.Provider>
  );
}
