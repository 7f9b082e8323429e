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
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  Deployment,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
} from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityDeploymentsCard } from './EntityDeploymentsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-model', namespace: 'ml' },
  spec: { type: 'service', owner: 'ml-team', lifecycle: 'production' },
};

describe('EntityDeploymentsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(list: () => Page<Deployment> | Response) {
    const received: URLSearchParams[] = [];
    server.use(
      http.get(`${baseUrl}/providers`, () =>
        HttpResponse.json([
          { id: 'kubernetes', title: 'Kubernetes (kind)', sandbox: true },
        ]),
      ),
      http.get(`${baseUrl}/deployments`, ({ request }) => {
        received.push(new URL(request.url).searchParams);
        const result = list();
        return result instanceof Response ? result : HttpResponse.json(result);
      }),
    );
    return received;
  }

  function renderCard() {
    return renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityDeploymentsCard />
      </EntityProvider>,
      {
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
        ],
      },
    );
  }

  it("lists the component's deployments with status, environment, provider and cost", async () => {
    const received = serve(() => ({
      items: [
        makeDeployment(1, { estimate: makeEstimate({ monthlyTotal: 42 }) }),
        makeDeployment(2, {
          status: 'provisioning',
          spec: {
            ...makeDeployment(2).spec,
            provider: 'kubernetes',
            environment: 'staging',
          },
        }),
      ],
      totalCount: 205,
      nextCursor: 'more',
    }));

    renderCard();

    const link = await screen.findByRole('link', { name: 'model-1' });
    expect(link).toHaveAttribute(
      'href',
      '/cloud-deployments/deployments/00000000-0000-4000-8000-000000000001',
    );
    const row = screen.getByRole('link', { name: 'model-2' }).closest('tr')!;
    expect(within(row).getByText('provisioning')).toBeInTheDocument();
    expect(within(row).getByText('staging')).toBeInTheDocument();
    expect(within(row).getByText('Kubernetes (kind)')).toBeInTheDocument();
    expect(within(row).getByText('Sandbox')).toBeInTheDocument();
    expect(within(row).getByText('—')).toBeInTheDocument();
    expect(screen.getByText('$42.00')).toBeInTheDocument();
    expect(screen.getByText('The first 2 of 205')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View in Deployments/ }),
    ).toHaveAttribute(
      'href',
      '/cloud-deployments?component=component%3Aml%2Ffraud-model',
    );

    expect(received).toHaveLength(1);
    expect(received[0].getAll('component')).toEqual([
      'component:ml/fraud-model',
    ]);
    expect(received[0].get('limit')).toBe('200');
  });

  it('gives a hint when the component is not deployed', async () => {
    serve(() => ({ items: [], totalCount: 0 }));

    renderCard();

    expect(
      await screen.findByText('This component is not deployed anywhere yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/from a software template/)).toBeInTheDocument();
  });

  it('shows the error when the deployments cannot be listed', async () => {
    serve(() =>
      HttpResponse.json(
        {
          error: { name: 'Error', message: 'backend down' },
          response: { statusCode: 503 },
        },
        { status: 503 },
      ),
    );

    renderCard();

    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });
});
