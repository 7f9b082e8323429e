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
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { makeDeployment } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { Router } from './Router';

describe('Router', () => {
  const deployment = makeDeployment(7, {
    title: 'Fraud model',
    sandbox: true,
    endpoint: 'http://localhost:8080/invocations',
    outputs: { serviceName: 'fraud-7', ports: [8080] },
  });
  const api = {
    getDeployment: jest.fn(async () => deployment),
    listProviders: jest.fn(async () => []),
    listEvents: jest.fn(async () => ({ items: [] })),
    // Open until the page closes it.
    streamEvents: jest.fn(
      (_id: string, options: { signal?: AbortSignal }) =>
        new Promise<void>(resolve =>
          options.signal?.addEventListener('abort', () => resolve()),
        ),
    ),
    listBudgets: jest.fn(async () => ({ items: [] })),
  };

  afterEach(() => jest.clearAllMocks());

  function renderAt(path: string) {
    return renderInTestApp(<Router />, {
      mountPath: '/cloud-deployments',
      initialRouteEntries: [path],
      mountedRoutes: { '/cloud-deployments': rootRouteRef },
      apis: [
        [cloudDeploymentsApiRef, api],
        mockApis.permission(),
        [toastApiRef, { post: jest.fn() }],
      ],
    });
  }

  it("shows a deployment's header at deployments/:id", async () => {
    renderAt(`/cloud-deployments/deployments/${deployment.id}`);

    expect(
      await screen.findByRole('heading', { name: 'model-7' }),
    ).toBeInTheDocument();
    expect(api.getDeployment).toHaveBeenCalledWith(deployment.id);
    expect(screen.getByText('Fraud model')).toBeInTheDocument();
    expect(screen.getAllByText('active').length).toBeGreaterThan(0);
    // The header's chip and the endpoint's: a sandbox's endpoint says so.
    expect(screen.getAllByText('Sandbox')).toHaveLength(2);
    expect(screen.getByText('AWS SageMaker')).toBeInTheDocument();
    expect(screen.getAllByText('us-east-1').length).toBeGreaterThan(0);
    // No cloud serves a sandbox's endpoint: text, not a link.
    expect(
      screen.getByText('http://localhost:8080/invocations'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', {
        name: /http:\/\/localhost:8080\/invocations/,
      }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('fraud-7')).toBeInTheDocument();
    expect(screen.getByText('[8080]')).toBeInTheDocument();
    // Without the catalog's entity pages, owner and component are text.
    expect(screen.getByText('ml-team')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'ml-team' }),
    ).not.toBeInTheDocument();
    expect(api.listEvents).toHaveBeenCalledWith(deployment.id, {
      after: undefined,
      limit: 500,
    });
  });

  it('shows the budgets page at budgets', async () => {
    renderAt('/cloud-deployments/budgets');

    expect(
      await screen.findByRole('heading', { name: 'Budgets' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('No budgets yet')).toBeInTheDocument();
    expect(api.listBudgets).toHaveBeenCalled();
    expect(api.getDeployment).not.toHaveBeenCalled();
  });

  it('shows not found for an unknown path', async () => {
    renderAt('/cloud-deployments/nope');

    expect(await screen.findByText(/not found/i)).toBeInTheDocument();
    expect(api.getDeployment).not.toHaveBeenCalled();
  });

  it('shows the error when the deployment cannot be loaded', async () => {
    api.getDeployment.mockRejectedValueOnce(
      new Error('No deployment with id x'),
    );

    renderAt('/cloud-deployments/deployments/x');

    expect(
      (await screen.findAllByText(/No deployment with id x/)).length,
    ).toBeGreaterThan(0);
  });
});
