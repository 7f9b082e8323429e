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
import { forwardRef, useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ResponseErrorPanel,
  Table,
  TableOptions,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import RefreshIcon from '@material-ui/icons/Refresh';
import { cloudDeploymentsApiRef } from '../../api';
import { useProviders } from '../../hooks/useProviders';
import { DeploymentAction } from '../DeploymentActions';
import { DeploymentsSummaryBar } from '../DeploymentsSummaryBar';
import { BulkActionDialog } from './BulkActionDialog';
import { BULK_ACTIONS, BulkAction } from './bulkActions';
import { sortKeyOfColumn, useDeploymentColumns } from './columns';
import { DeploymentFilterBar } from './DeploymentFilterBar';
import { DeploymentsEmptyState } from './DeploymentsEmptyState';
import { DeploymentViews } from './DeploymentViews';
import {
  DeploymentsTableContext,
  DeploymentsTableContextValue,
} from './DeploymentsTableContext';
import {
  DEFAULT_FILTERS,
  DeploymentFilters,
  hasFilters,
  isMine,
  readFilters,
  toDeploymentsFilter,
  writeFilters,
} from './filters';
import { StatusAnnouncement } from './StatusAnnouncement';
import { FIRST_PAGE_SIZE, ownershipRefsOf } from './firstPage';
import { useDeploymentPages } from './useDeploymentPages';
import { useStatusAnnouncements } from './useStatusAnnouncements';

// Defined once: material-table resets its state when options change identity.
const options: TableOptions<Deployment> = {
  paging: true,
  pageSize: FIRST_PAGE_SIZE,
  pageSizeOptions: [20, 50, 100],
  // Keyset pagination can only step from a page to its neighbours.
  showFirstLastPageButtons: false,
  emptyRowsWhenPaging: false,
  // Searching is done by the filter bar, so that it lives in the URL.
  search: false,
  // By the backend, over every page; the order lives in the URL.
  sorting: true,
  thirdSortClick: false,
  draggable: false,
  padding: 'dense',
  // Bulk actions: the bar above the table says what is selected.
  selection: true,
  showTextRowsSelected: false,
  selectionProps: (d: Deployment) => ({
    inputProps: { 'aria-label': `Select ${d.name}` },
  }),
  headerSelectionProps: {
    inputProps: { 'aria-label': 'Select every deployment on this page' },
  },
};

/**
 * Backstage's tables draw an upward arrow, which Material UI turns for an
 * ascending sort: newest first showed an arrow pointing up. A downward one
 * turns the right way: down for descending, up for ascending.
 */
const icons = {
  ...Table.icons,
  SortArrow: forwardRef<SVGSVGElement>((props, ref) => (
    <ArrowDownward {...props} ref={ref} />
  )),
};

/** The table's title: the view it shows. */
function titleOf(filters: DeploymentFilters) {
  if (hasFilters(filters)) return 'Deployments';
  return isMine(filters) ? 'My deployments' : 'All deployments';
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

  const getOwnershipRefs = useCallback(
    () => ownershipRefsOf(identityApi),
    [identityApi],
  );

  const summary = useAsyncRetry(
    async () =>
      cloudDeploymentsApi.getDeploymentsSummary(
        await toDeploymentsFilter(filters, getOwnershipRefs),
      ),
    [cloudDeploymentsApi, getOwnershipRefs, filtersKey],
  );
  const retrySummary = useRef(summary.retry);
  retrySummary.current = summary.retry;

  const [selected, setSelected] = useState<Deployment[]>([]);
  const [bulk, setBulk] = useState<BulkAction>();
  const clearSelection = useCallback(
    () => setSelected(current => (current.length ? [] : current)),
    [],
  );
  const { tableRef, fetchPage, error, empty } = useDeploymentPages({
    filters,
    getOwnershipRefs,
    onItems: announceChanges,
    onSelection: clearSelection,
  });
  const columns = useDeploymentColumns(filters.sort, filters.order);
  // With remote data material-table reads the sort from the columns only when
  // it mounts: a sort from a view, a link or back/forward mounts it anew, at
  // the page size chosen.
  const sortKey = `${filters.sort ?? ''}:${filters.order ?? ''}`;
  const [pageSize, setPageSize] = useState(options.pageSize);
  const tableOptions = useMemo(() => ({ ...options, pageSize }), [pageSize]);

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
      body: {
        emptyDataSourceMessage: error
          ? 'Could not load deployments'
          : 'No deployments',
      },
    }),
    [error],
  );

  const onOrderChange = useCallback(
    (index: number, direction: 'asc' | 'desc' | '') => {
      const sort = index >= 0 && direction ? sortKeyOfColumn(index) : undefined;
      setFilters({
        ...filters,
        sort,
        order: sort ? (direction as 'asc' | 'desc') : undefined,
      });
    },
    [filters, setFilters],
  );

  const emptyReason = hasFilters(filters)
    ? 'noMatch'
    : (isMine(filters) && 'mine') || 'none';
  const broader =
    emptyReason === 'mine'
      ? { label: 'See all deployments', to: '?owner=all' }
      : {
          label: 'Clear the filters',
          // The same owners, nothing else.
          to: `?${writeFilters(new URLSearchParams(), {
            ...DEFAULT_FILTERS,
            owner: filters.owner,
          })}`,
        };

  return (
    <DeploymentsTableContext.Provider value={context}>
      <DeploymentViews />
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
      {empty && !error && (
        <DeploymentsEmptyState reason={emptyReason} broader={broader} />
      )}
      {!(empty && !error) && (
        <Box
          role="toolbar"
          aria-label="Bulk actions"
          display="flex"
          alignItems="center"
          gridGap={8}
          mb={1}
        >
          <Typography variant="body2" aria-live="polite">
            {selected.length
              ? `${selected.length} selected`
              : 'Select deployments to act on several at once'}
          </Typography>
          {BULK_ACTIONS.map(action => (
            <Button
              key={action.id}
              size="small"
              variant="outlined"
              color={action.id === 'destroy' ? 'secondary' : 'default'}
              disabled={selected.length === 0}
              onClick={() => setBulk(action)}
            >
              {action.label}
            </Button>
          ))}
        </Box>
      )}
      {/* Kept mounted while empty: it fetches again when the filters change. */}
      <div hidden={empty && !error}>
        <Table<Deployment>
          key={sortKey}
          tableRef={tableRef}
          title={titleOf(filters)}
          columns={columns}
          options={tableOptions}
          icons={icons}
          onRowsPerPageChange={setPageSize}
          data={fetchPage}
          actions={actions}
          localization={localization}
          onOrderChange={onOrderChange}
          onSelectionChange={rows => setSelected(rows)}
        />
      </div>
      {bulk && (
        <BulkActionDialog
          action={bulk}
          selected={selected}
          onClose={changed => {
            setBulk(undefined);
            if (changed) refresh();
          }}
        />
      )}
      <StatusAnnouncement announcement={announcement} />
    </DeploymentsTableContext.Provider>
  );
}
