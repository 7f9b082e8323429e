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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Deployment,
  DEPLOYMENT_STATUSES,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import useAsyncRetry, { AsyncStateRetry } from 'react-use/esm/useAsyncRetry';
import { cloudDeploymentsApiRef } from '../api';

/**
 * How many deployments of a component the cards load; the rest are counted,
 * not shown.
 *
 * @internal
 */
export const COMPONENT_DEPLOYMENTS_LIMIT = 200;

// Destroyed deployments cost nothing and run nothing.
const LIVE_STATUSES = DEPLOYMENT_STATUSES.filter(s => s !== 'destroyed');

/**
 * The first deployments of a component that are not destroyed, newest first.
 *
 * @internal
 */
export function useComponentDeployments(
  entity: Entity,
): AsyncStateRetry<Page<Deployment>> {
  const cloudDeploymentsApi = useApi(cloudDeploymentsApiRef);
  // The backend stores refs lowercased.
  const componentRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return useAsyncRetry(
    () =>
      cloudDeploymentsApi.listDeployments({
        component: [componentRef],
        status: LIVE_STATUSES,
        limit: COMPONENT_DEPLOYMENTS_LIMIT,
      }),
    [cloudDeploymentsApi, componentRef],
  );
}
