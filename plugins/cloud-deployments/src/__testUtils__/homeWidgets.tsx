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
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { CostForecast } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { setupServer } from 'msw/node';
import { ReactElement } from 'react';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../api';
import { rootRouteRef } from '../routes';

/** A month's forecast in which nothing has cost anything yet. */
export function makeForecast(
  overrides: Partial<CostForecast> = {},
): CostForecast {
  return {
    month: '2026-12',
    asOf: '2026-12-07T06:00:00.000Z',
    monthToDate: { actual: 0, estimated: 0, total: 0, withoutFigure: 0 },
    rest: { total: 0, deployments: 0, withoutEstimate: 0, ttlEnding: [] },
    forecast: 0,
    forecastKind: 'exact',
    ...overrides,
  };
}

/** The msw server of a widget test, its handlers set per test with `use`. */
export function setupBackend() {
  const server = setupServer();
  registerMswTestHooks(server);
  return { server };
}

/**
 * Renders a widget's content as the app does: the real client against the
 * msw backend, signed in as jane of group ml-team.
 */
export function renderWidget(
  element: ReactElement,
  authorize: (
    request: EvaluatePermissionRequest,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY = () =>
    AuthorizeResult.ALLOW,
) {
  return renderInTestApp(element, {
    mountedRoutes: { '/cloud-deployments': rootRouteRef },
    apis: [
      [
        cloudDeploymentsApiRef,
        new CloudDeploymentsClient({
          discoveryApi: mockApis.discovery({
            baseUrl: 'http://localhost:7007',
          }),
          fetchApi: mockApis.fetch(),
        }),
      ],
      mockApis.identity({
        userEntityRef: 'user:default/jane',
        ownershipEntityRefs: ['user:default/jane', 'group:default/ml-team'],
      }),
      mockApis.permission({ authorize }),
    ],
  });
}
