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
import { useApi } from '@backstage/frontend-plugin-api';
import { ProviderInfo } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { cloudDeploymentsApiRef } from '../api';

/**
 * The providers installed in the backend, by id. Empty while loading or when
 * they cannot be loaded: callers then fall back to the provider ids.
 *
 * @internal
 */
export function useProviders(): Map<string, ProviderInfo> {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  const { value } = useAsync(
    () => cloudDeploymentsApi.listProviders(),
    [cloudDeploymentsApi],
  );
  return useMemo(() => new Map(value?.map(p => [p.id, p])), [value]);
}
