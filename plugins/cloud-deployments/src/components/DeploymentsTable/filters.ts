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
  DEPLOYMENT_PROVIDERS,
  DEPLOYMENT_SORT_FIELDS,
  DEPLOYMENT_STATUSES,
  DeploymentSortField,
  DeploymentStatus,
  ISO_DURATION_PATTERN,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentsFilter } from '../../api';

/**
 * The owner filter value that stands for the signed-in user and the groups
 * they belong to.
 *
 * @internal
 */
export const OWNER_MINE = 'mine';

/**
 * The owner value in a link that asks for everyone's deployments: without an
 * owner the page shows the user's own ({@link OWNER_MINE}), its default view.
 *
 * @internal
 */
export const OWNER_ALL = 'all';

/**
 * The filters of the deployments page, as kept in its query string. An empty
 * list means no filter on that field.
 *
 * @internal
 */
export type DeploymentFilters = {
  /** Entity refs, or {@link OWNER_MINE}. */
  owner: string[];
  component: string[];
  provider: string[];
  status: DeploymentStatus[];
  environment: string[];
  q: string;
  /** Only TTLs running out within this ISO 8601 duration from now. */
  expiresWithin?: string;
  /** The backend's default order (newest first) when unset. */
  sort?: DeploymentSortField;
  order?: 'asc' | 'desc';
};

/**
 * The filters of a page with no query string: the user's own deployments.
 *
 * @internal
 */
export const DEFAULT_FILTERS: DeploymentFilters = {
  owner: [OWNER_MINE],
  component: [],
  provider: [],
  status: [],
  environment: [],
  q: '',
};

/** The backend accepts each filter at most this many times. */
const MAX_VALUES = 20;
/** The backend rejects longer searches. */
const MAX_SEARCH_LENGTH = 100;

const LIST_KEYS = [
  'owner',
  'component',
  'provider',
  'status',
  'environment',
] as const;

const ENVIRONMENT = /^[a-z][a-z0-9-]{0,31}$/;

const uniq = (values: string[]) => Array.from(new Set(values));

const isDefaultOwner = (owner: string[]) =>
  owner.length === 1 && owner[0] === OWNER_MINE;

/**
 * Reads the filters from a query string. Values the backend would refuse are
 * dropped, so an edited or stale link still shows a page.
 *
 * @internal
 */
export function readFilters(params: URLSearchParams): DeploymentFilters {
  const all = (key: string, valid: (v: string) => boolean) =>
    uniq(params.getAll(key).map(v => v.trim()))
      .filter(v => v && valid(v))
      .slice(0, MAX_VALUES);
  const owners = all('owner', () => true);
  const sort = params.get('sort');
  const order = params.get('order');
  const expiresWithin = params.get('expiresWithin');
  return {
    // No owner: the default view, the user's own; "all": nobody's in particular.
    owner:
      owners.length === 0 ? [OWNER_MINE] : owners.filter(o => o !== OWNER_ALL),
    component: all('component', () => true),
    provider: all('provider', v =>
      (DEPLOYMENT_PROVIDERS as readonly string[]).includes(v),
    ),
    status: all('status', v =>
      (DEPLOYMENT_STATUSES as readonly string[]).includes(v),
    ) as DeploymentStatus[],
    environment: all('environment', v => ENVIRONMENT.test(v)),
    q: (params.get('q') ?? '').slice(0, MAX_SEARCH_LENGTH),
    ...(ISO_DURATION_PATTERN.test(expiresWithin ?? '')
      ? { expiresWithin: expiresWithin! }
      : {}),
    ...((DEPLOYMENT_SORT_FIELDS as readonly string[]).includes(sort ?? '')
      ? { sort: sort as DeploymentSortField }
      : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
  };
}

/**
 * Writes the filters into a copy of a query string, leaving its other
 * parameters alone.
 *
 * @internal
 */
export function writeFilters(
  params: URLSearchParams,
  filters: DeploymentFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of [
    ...LIST_KEYS,
    'q',
    'expiresWithin',
    'sort',
    'order',
  ] as const) {
    next.delete(key);
  }
  for (const key of LIST_KEYS) {
    const values =
      key === 'owner' && filters.owner.length === 0
        ? [OWNER_ALL]
        : filters[key];
    // The default view (the user's own) needs no parameter.
    if (key === 'owner' && isDefaultOwner(filters.owner)) continue;
    for (const value of values) {
      next.append(key, value);
    }
  }
  if (filters.q) {
    next.set('q', filters.q);
  }
  if (filters.expiresWithin) next.set('expiresWithin', filters.expiresWithin);
  if (filters.sort) next.set('sort', filters.sort);
  if (filters.order) next.set('order', filters.order);
  return next;
}

/**
 * Whether any filter narrows the list beyond an owner (the user's own, or
 * everyone's): whether "nothing here" means "nothing matches".
 *
 * @internal
 */
export function hasFilters(filters: DeploymentFilters): boolean {
  return (
    LIST_KEYS.some(key =>
      key === 'owner'
        ? filters.owner.length > 0 && !isDefaultOwner(filters.owner)
        : filters[key].length > 0,
    ) ||
    filters.q.trim() !== '' ||
    Boolean(filters.expiresWithin)
  );
}

/**
 * Whether the filters show only the user's own deployments.
 *
 * @internal
 */
export function isMine(filters: DeploymentFilters): boolean {
  return isDefaultOwner(filters.owner);
}

/**
 * The backend filter for the page's filters, with {@link OWNER_MINE} replaced
 * by the refs the signed-in user owns through.
 *
 * @internal
 */
export async function toDeploymentsFilter(
  filters: DeploymentFilters,
  getOwnershipRefs: () => Promise<string[]>,
): Promise<DeploymentsFilter> {
  let owner = filters.owner;
  if (owner.includes(OWNER_MINE)) {
    const mine = await getOwnershipRefs();
    owner = uniq([
      ...owner.filter(o => o !== OWNER_MINE),
      ...mine.map(ref => ref.toLocaleLowerCase('en-US')),
    ]).slice(0, MAX_VALUES);
  }
  const list = <T extends string>(values: T[]) =>
    values.length ? values : undefined;
  return {
    owner: list(owner),
    component: list(filters.component),
    provider: list(filters.provider) as DeploymentsFilter['provider'],
    status: list(filters.status),
    environment: list(filters.environment),
    q: filters.q.trim() || undefined,
    expiresWithin: filters.expiresWithin,
  };
}

const DURATION_UNITS = [
  'year',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
] as const;

/**
 * An ISO 8601 duration in words: `P7D` is "7 days", `P1DT12H` "1 day 12 hours".
 *
 * @internal
 */
export function formatIsoDuration(duration: string): string {
  const match = ISO_DURATION_PATTERN.exec(duration);
  if (!match) return duration;
  return (
    DURATION_UNITS.flatMap((unit, i) => {
      const n = Number(match[i + 1] ?? 0);
      if (!n) return [];
      return [`${n} ${unit}${n === 1 ? '' : 's'}`];
    }).join(' ') || duration
  );
}
