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
import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  TableOptions,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
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
import { StatusAnnouncement } from './StatusAnnouncement';
import { useDeploymentPages } from './useDeploymentPages';
import { useStatusAnnouncements } from './useStatusAnnouncements';

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
 * All deployments in a table, fetched from the backend one page at a time,
 * filtered by the filters in the URL's query string, with totals over all
 * pages and actions on each row.
 *
 * @internal
 */
export function DeploymentsTable() {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const identityApi = useApi(identityApiRef);
  const providers = useProviders();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const filtersKey = JSON.stringify(filters);
  const { announcement, announceChanges, announceActionDone } =
    useStatusAnnouncements();

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

  const { tableRef, fetchPage, error, noDeployments } = useDeploymentPages({
    filters,
    getOwnershipRefs,
    onItems: announceChanges,
  });

  const refresh = useCallback(() => {
    tableRef.current?.onQueryChange();
    retrySummary.current();
  }, [tableRef]);

  const context = useMemo<DeploymentsTableContextValue>(
    () => ({
      providers,
      onActionDone: (updated: Deployment, action: DeploymentAction) => {
        announceActionDone(updated, action);
        refresh();
      },
    }),
    [providers, refresh, announceActionDone],
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
      <StatusAnnouncement announcement={announcement} />
    </DeploymentsTableContext.Provider>
  );
}
