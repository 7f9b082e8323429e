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
import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import {
  DEPLOYMENT_PROVIDERS,
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  ProviderInfo,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { formatEntityRef } from '../../utils/formatEntityRef';
import { statusLabel } from '../../utils/statusLabel';
import { providerTitle } from '../ProviderLabel';
import {
  DEFAULT_FILTERS,
  DeploymentFilters,
  formatIsoDuration,
  hasFilters,
  OWNER_MINE,
} from './filters';
import { FilterSelect } from './FilterSelect';

/** Environments most organisations have; others show once filtered on. */
const COMMON_ENVIRONMENTS = ['production', 'staging', 'development'];

const SEARCH_DEBOUNCE_MS = 400;

const withExtra = (known: string[], chosen: string[]) =>
  Array.from(new Set([...known, ...chosen]));

/**
 * Props of {@link DeploymentFilterBar}.
 *
 * @internal
 */
export type DeploymentFilterBarProps = {
  filters: DeploymentFilters;
  providers: Map<string, ProviderInfo>;
  /** `replace` is set for changes that should not add a history entry. */
  onChange(filters: DeploymentFilters, options?: { replace?: boolean }): void;
};

/**
 * The filters of the deployments page: owner (with "Owned by me"), provider,
 * status, environment and a debounced text search.
 *
 * @internal
 */
export function DeploymentFilterBar(props: DeploymentFilterBarProps) {
  const { filters, providers, onChange } = props;
  const [search, setSearch] = useState(filters.q);
  // The last search this bar wrote, to tell a back/forward navigation (which
  // must update the field) from the echo of its own write.
  const written = useRef(filters.q);

  useEffect(() => {
    if (filters.q !== written.current) {
      written.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);

  useDebounce(
    () => {
      if (search !== written.current) {
        written.current = search;
        onChange({ ...filters, q: search }, { replace: true });
      }
    },
    SEARCH_DEBOUNCE_MS,
    [search],
  );

  const set = (change: Partial<DeploymentFilters>) =>
    onChange({ ...filters, ...change });

  const providerIds = withExtra(
    providers.size ? Array.from(providers.keys()) : [...DEPLOYMENT_PROVIDERS],
    filters.provider,
  );

  return (
    <Box
      component="form"
      role="search"
      aria-label="Filter deployments"
      onSubmit={e => e.preventDefault()}
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={12}
      mb={2}
    >
      <TextField
        variant="outlined"
        size="small"
        value={search}
        onChange={e => setSearch(e.target.value)}
        placeholder="Search deployments"
        inputProps={{ 'aria-label': 'Search deployments', maxLength: 100 }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      <FilterSelect
        id="cloud-deployments-filter-owner"
        label="Owner"
        options={withExtra([OWNER_MINE], filters.owner).map(o => ({
          value: o,
          label: o === OWNER_MINE ? 'Owned by me' : formatEntityRef(o),
        }))}
        selected={filters.owner}
        onChange={owner => set({ owner })}
      />
      <FilterSelect
        id="cloud-deployments-filter-provider"
        label="Provider"
        options={providerIds.map(p => {
          const info = providers.get(p);
          return {
            value: p,
            label: `${providerTitle(p, info)}${
              info?.sandbox ? ' (sandbox)' : ''
            }`,
          };
        })}
        selected={filters.provider}
        onChange={provider => set({ provider })}
      />
      <FilterSelect
        id="cloud-deployments-filter-status"
        label="Status"
        options={DEPLOYMENT_STATUSES.map(s => ({
          value: s,
          label: statusLabel(s),
        }))}
        selected={filters.status}
        onChange={status => set({ status: status as DeploymentStatus[] })}
      />
      <FilterSelect
        id="cloud-deployments-filter-environment"
        label="Environment"
        options={withExtra(COMMON_ENVIRONMENTS, filters.environment).map(e => ({
          value: e,
          label: e,
        }))}
        selected={filters.environment}
        onChange={environment => set({ environment })}
      />
      {filters.component.map(c => (
        <Chip
          key={c}
          label={`Component: ${formatEntityRef(c)}`}
          onDelete={() =>
            set({ component: filters.component.filter(x => x !== c) })
          }
        />
      ))}
      {filters.expiresWithin && (
        <Chip
          label={`TTL ends within ${formatIsoDuration(filters.expiresWithin)}`}
          onDelete={() => set({ expiresWithin: undefined })}
        />
      )}
      {hasFilters(filters) && (
        <Button
          size="small"
          onClick={() => {
            written.current = '';
            setSearch('');
            // Back to the default view, the user's own, in the order shown.
            onChange({
              ...DEFAULT_FILTERS,
              sort: filters.sort,
              order: filters.order,
            });
          }}
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
