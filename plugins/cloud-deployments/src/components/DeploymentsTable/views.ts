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
import { readFilters, writeFilters } from './filters';

/**
 * A named view of the deployments page: a query string, so that any view,
 * these or one a user sets up with the filters and sorting, is a link.
 *
 * @internal
 */
export type DeploymentsView = { id: string; label: string; query: string };

/**
 * How far ahead the "Expiring soon" view looks for TTLs that run out.
 *
 * @internal
 */
export const EXPIRING_SOON_WITHIN = 'P7D';

/**
 * The user's own deployments whose TTL runs out within a week, soonest first.
 *
 * @internal
 */
export const EXPIRING_SOON_VIEW: DeploymentsView = {
  id: 'expiring',
  label: 'Expiring soon',
  query: `expiresWithin=${EXPIRING_SOON_WITHIN}&sort=expiresAt`,
};

/**
 * The built-in views, the default (the user's own) first.
 *
 * @internal
 */
export const BUILT_IN_VIEWS: readonly DeploymentsView[] = [
  { id: 'mine', label: 'Mine', query: '' },
  { id: 'all', label: 'All', query: 'owner=all' },
  { id: 'failed', label: 'Failed', query: 'owner=all&status=failed' },
  {
    id: 'production',
    label: 'Production',
    query: 'owner=all&environment=production',
  },
  {
    id: 'costliest',
    label: 'Costliest',
    query: 'owner=all&sort=monthlyCost&order=desc',
  },
  EXPIRING_SOON_VIEW,
];

/** A query string in one spelling, whatever order or defaults it was written with. */
function canonical(params: URLSearchParams): string {
  const normal = writeFilters(new URLSearchParams(), readFilters(params));
  normal.sort();
  return normal.toString();
}

/**
 * The built-in view a query string shows, if it is one.
 *
 * @internal
 */
export function currentView(
  params: URLSearchParams,
): DeploymentsView | undefined {
  const shown = canonical(params);
  return BUILT_IN_VIEWS.find(
    view => canonical(new URLSearchParams(view.query)) === shown,
  );
}
