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
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { deployment, makeDrPlan } from '../../__testUtils__/drPlans';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { DrCard } from './DrCard';

jest.setTimeout(20_000);

const drUrl = `${baseUrl}/deployments/${deployment.id}/dr`;

// Its own file: usePermission caches its answers for the whole file.
describe('DrCard without cloud.deployment.update', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = () =>
    renderInTestApp(<DrCard deployment={deployment} />, {
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

  it('cannot set up a plan', async () => {
    server.use(
      http.get(drUrl, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'no DR plan' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await render();
    const setUp = await screen.findByRole('button', {
      name: 'Set up disaster recovery',
    });
    await waitFor(() => expect(setUp).toBeDisabled());
  });

  it('shows the plan with every action disabled, and says why', async () => {
    server.use(http.get(drUrl, () => HttpResponse.json(makeDrPlan())));
    await render();

    expect(
      await screen.findByText(/You are not allowed to change/),
    ).toBeInTheDocument();
    const labels = [
      'Test failover',
      'Fail over',
      'Edit plan',
      'Remove plan',
    ] as const;
    for (const name of labels) {
      await waitFor(() =>
        expect(screen.getByRole('button', { name })).toBeDisabled(),
      );
    }
  });
});
