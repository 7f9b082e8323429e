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
import { useCallback, useEffect, useRef, useState } from 'react';
import { TableProps } from '@backstage/core-components';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../../api';
import { DeploymentFilters } from './filters';
import { fetchListPage, pageQuery } from './firstPage';

type RemoteData = Extract<
  TableProps<Deployment>['data'],
  (...args: any[]) => unknown
>;
type TableQuery = Parameters<RemoteData>[0];
type TableQueryResult = Awaited<ReturnType<RemoteData>>;

/** The part of material-table's instance used to make it fetch again. */
export type TableInstance = {
  onQueryChange(query?: Partial<TableQuery>): void;
};

/**
 * The cursors of the pages seen so far for one set of filters and page size:
 * entry `n` is the cursor that fetches page `n` (page 0 needs none).
 */
type CursorTrail = { key: string; cursors: (string | undefined)[] };

/**
 * The table's data function: fetches the page material-table asks for with
 * keyset cursors, under the current filters, and goes back to page 0 when the
 * filters change.
 */
export function useDeploymentPages(options: {
  filters: DeploymentFilters;
  getOwnershipRefs: () => Promise<string[]>;
  onItems: (items: Deployment[]) => void;
  /** Called with nothing selected when a page arrives. */
  onSelection?: () => void;
}) {
  const { filters, getOwnershipRefs, onItems, onSelection } = options;
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const filtersKey = JSON.stringify(filters);
  const [error, setError] = useState<Error>();
  const [empty, setEmpty] = useState(false);
  const tableRef = useRef<TableInstance>();
  const trail = useRef<CursorTrail>({ key: '', cursors: [] });
  const latest = useRef<Promise<TableQueryResult>>();
  // Read by the table's data function, which keeps its identity.
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

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
        const result = await fetchListPage(
          cloudDeploymentsApi,
          await pageQuery(current, getOwnershipRefs, {
            cursor: cursors[page],
            limit: query.pageSize,
          }),
        );
        if (result.nextCursor) {
          cursors[page + 1] = result.nextCursor;
        }
        if (isCurrent()) {
          setError(undefined);
          setEmpty(page === 0 && result.totalCount === 0);
          // A new page: what was selected on another one is not on this one.
          onSelection?.();
          onItems(result.items);
        }
        return { data: result.items, page, totalCount: result.totalCount };
      } catch (e) {
        if (isCurrent()) {
          setError(toError(e));
        }
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [cloudDeploymentsApi, getOwnershipRefs, onItems, onSelection],
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

  return { tableRef, fetchPage, error, empty };
}
