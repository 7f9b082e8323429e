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
import { Entity } from '@backstage/catalog-model';
import { FlatRoutes } from '@backstage/core-app-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
} from './__testUtils__/fixtures';
import {
  CloudDeploymentsApi,
  cloudDeploymentsApiRef,
  CloudDeploymentsClient,
} from './api';
import {
  CloudDeploymentsPage,
  cloudDeploymentsPlugin,
  EntityDeploymentsCard,
} from './plugin';
import { budgetsRouteRef, deploymentRouteRef, rootRouteRef } from './routes';

// Rendering material-table rows with their actions is slow in jsdom.
jest.setTimeout(20_000);

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-model', namespace: 'ml' },
  spec: { type: 'service', owner: 'ml-team', lifecycle: 'production' },
};

describe('cloudDeploymentsPlugin (legacy frontend system)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** The backend: one deployment, the providers and the summary. */
  function serve() {
    const received: string[] = [];
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.slice('/api/cloud-deployments'.length);
        received.push(`${path}${url.search}`);
        if (path === '/providers') {
          return HttpResponse.json([
            { id: 'aws-sagemaker', title: 'AWS SageMaker', sandbox: true },
          ]);
        }
        if (path === '/deployments/summary') {
          return HttpResponse.json({
            count: 1,
            billingCount: 1,
            currency: 'USD',
            monthlyCost: 83.95,
            totalKind: 'exact',
            leftOut: {
              notBilling: 0,
              withoutEstimate: 0,
              partlyPriced: 0,
              unpriced: 0,
              approximate: 0,
            },
            byProvider: [
              {
                provider: 'aws-sagemaker',
                count: 1,
                billingCount: 1,
                monthlyCost: 83.95,
                totalKind: 'exact',
              },
            ],
          });
        }
        if (path === '/deployments') {
          return HttpResponse.json({
            items: [
              makeDeployment(1, {
                title: 'Fraud model',
                estimate: makeEstimate({ monthlyTotal: 83.95 }),
              }),
            ],
            totalCount: 1,
          });
        }
        return HttpResponse.json(
          { error: { name: 'NotFoundError', message: path } },
          { status: 404 },
        );
      }),
    );
    return received;
  }

  /** A legacy app with the plugin's API as its factory builds it. */
  function withApis(children: ReactNode) {
    const factory = [...cloudDeploymentsPlugin.getApis()][0];
    const client = factory.factory({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: {
        fetch: (input: RequestInfo | URL, init?: RequestInit) =>
          fetch(input, init),
      },
    }) as CloudDeploymentsApi;
    return (
      <TestApiProvider
        apis={[
          [cloudDeploymentsApiRef, client],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        {children}
      </TestApiProvider>
    );
  }

  it('has the cloud-deployments id, its routes, and the API factory', () => {
    expect(cloudDeploymentsPlugin.getId()).toBe('cloud-deployments');
    expect(cloudDeploymentsPlugin.routes.root).toBe(rootRouteRef);
    expect(cloudDeploymentsPlugin.routes.deployment).toBe(deploymentRouteRef);
    expect(cloudDeploymentsPlugin.routes.budgets).toBe(budgetsRouteRef);

    const factories = [...cloudDeploymentsPlugin.getApis()];
    expect(factories.map(f => f.api.id)).toEqual([
      'plugin.cloud-deployments.service',
    ]);
    expect(
      factories[0].factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch },
      }),
    ).toBeInstanceOf(CloudDeploymentsClient);
  });

  it('renders the deployments page where the app mounts it', async () => {
    const received = serve();

    await renderInTestApp(
      withApis(
        <FlatRoutes>
          <Route path="/cloud-deployments" element={<CloudDeploymentsPage />} />
        </FlatRoutes>,
      ),
      // As a legacy app's App.tsx mounts it.
      { routeEntries: ['/cloud-deployments'] },
    );

    const link = await screen.findByRole('link', { name: 'model-1' });
    // The deployment's page is a sub-route of the page's mount point.
    expect(link).toHaveAttribute(
      'href',
      '/cloud-deployments/deployments/00000000-0000-4000-8000-000000000001',
    );
    // One line per row: the title is in the name's tooltip.
    expect(link.closest('[title]')).toHaveAttribute(
      'title',
      'model-1: Fraud model',
    );
    expect(received).toContainEqual(expect.stringMatching(/^\/deployments\?/));
  });

  it("renders a component's deployments card", async () => {
    const received = serve();

    await renderInTestApp(
      withApis(
        <EntityProvider entity={component}>
          <EntityDeploymentsCard />
        </EntityProvider>,
      ),
      { mountedRoutes: { '/cloud-deployments': rootRouteRef } },
    );

    expect(
      await screen.findByRole('link', { name: 'model-1' }),
    ).toBeInTheDocument();
    expect(received).toContainEqual(
      expect.stringContaining('component=component%3Aml%2Ffraud-model'),
    );
  });
});
