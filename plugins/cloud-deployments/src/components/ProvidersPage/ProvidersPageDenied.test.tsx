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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { ProvidersPage } from './ProvidersPage';

describe('ProvidersPage without cloud.provider.test', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('disables the test, and says which permission it needs', async () => {
    const tested: string[] = [];
    server.use(
      http.get(`${baseUrl}/providers`, () =>
        HttpResponse.json([
          {
            id: 'aws-sagemaker',
            title: 'AWS SageMaker',
            sandbox: false,
            accounts: ['prod'],
          },
        ]),
      ),
      http.post(`${baseUrl}/providers/*`, ({ request }) => {
        tested.push(request.url);
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    renderInTestApp(<ProvidersPage />, {
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
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
    });

    expect(
      await screen.findByText(
        'Testing a connection needs the permission cloud.provider.test.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Test connection of prod' }),
    ).toBeDisabled();
    expect(screen.queryByText('Sandbox')).toBeNull();
    expect(tested).toEqual([]);
  });
});
