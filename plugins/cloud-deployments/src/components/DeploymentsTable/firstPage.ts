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
import {
  ApiHolder,
  IdentityApi,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import {
  Deployment,
  ListDeploymentsQuery,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsApi, cloudDeploymentsApiRef } from '../../api';
import { DeploymentFilters, readFilters, toDeploymentsFilter } from './filters';

/** The rows the list shows at first. */
export const FIRST_PAGE_SIZE = 20;

/** How long a primed first page waits for the table to take it. */
const PRIMED_FOR_MS = 10_000;

type Primed = {
  at: number;
  /** The query it was asked with, once the identity has answered. */
  key: Promise<string>;
  page: Promise<Page<Deployment>>;
};

// One per API instance, so that two apps (or two tests) never share one.
const primed = new WeakMap<CloudDeploymentsApi, Primed>();

/** The signed-in user's entity ref and the refs of what they own through. */
export async function ownershipRefsOf(
  identityApi: Pick<IdentityApi, 'getBackstageIdentity'>,
): Promise<string[]> {
  const identity = await identityApi.getBackstageIdentity();
  return [identity.userEntityRef, ...identity.ownershipEntityRefs];
}

/** The request for one page of the list under the filters. */
export async function pageQuery(
  filters: DeploymentFilters,
  getOwnershipRefs: () => Promise<string[]>,
  page: { cursor?: string; limit: number },
): Promise<ListDeploymentsQuery> {
  return {
    ...(await toDeploymentsFilter(filters, getOwnershipRefs)),
    sort: filters.sort,
    order: filters.order,
    cursor: page.cursor,
    limit: page.limit,
  };
}

/**
 * Asks for the list's first page while the page's code still loads (called by
 * the page's loader), under the filters in the query string, so that it has
 * arrived by the time the table renders and asks for it.
 */
export function primeFirstPage(apis: ApiHolder, search: string) {
  const api = apis.get(cloudDeploymentsApiRef);
  const identityApi = apis.get(identityApiRef);
  if (!api || !identityApi) return;
  const query = pageQuery(
    readFilters(new URLSearchParams(search)),
    () => ownershipRefsOf(identityApi),
    { limit: FIRST_PAGE_SIZE },
  );
  const key = query.then(q => JSON.stringify(q));
  const page = query.then(q => api.listDeployments(q));
  // Failures are the table's to report, through a request of its own.
  key.catch(() => {});
  page.catch(() => {});
  primed.set(api, { at: Date.now(), key, page });
}

/**
 * The list's page for this query: the primed first page when it was asked
 * for with the same query (once, and not long ago), else a new request.
 */
export async function fetchListPage(
  api: CloudDeploymentsApi,
  query: ListDeploymentsQuery,
): Promise<Page<Deployment>> {
  const entry = primed.get(api);
  primed.delete(api);
  if (entry && Date.now() - entry.at < PRIMED_FOR_MS) {
    try {
      if ((await entry.key) === JSON.stringify(query)) return await entry.page;
    } catch {
      // Asked again below, where a failure is reported.
    }
  }
  return api.listDeployments(query);
}
