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
import { CLOUD_DEPLOYMENT_ID_ANNOTATION } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
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
import { EntityDeploymentSummaryCard } from './EntityDeploymentSummaryCard';

const deployment = makeDeployment(7, {
  name: 'fraud-api',
  sandbox: true,
  endpoint: 'http://localhost:8123/fraud-api',
  estimate: makeEstimate({ monthlyTotal: 29.57 }),
  spec: {
    ...makeDeployment(7).spec,
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    environment: 'staging',
  },
});

const entity: Entity = {
  apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
  kind: 'CloudDeployment',
  metadata: {
    name: 'fraud-api',
    namespace: 'staging',
    annotations: { [CLOUD_DEPLOYMENT_ID_ANNOTATION]: deployment.id },
  },
  spec: { ...deployment.spec },
};

describe('EntityDeploymentSummaryCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function renderCard() {
    return renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityDeploymentSummaryCard />
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

  it('shows status, a sandbox endpoint marked as such, cost and the deployment page', async () => {
    server.use(
      http.get(`${baseUrl}/deployments/${deployment.id}`, () =>
        HttpResponse.json(deployment),
      ),
    );
    await renderCard();

    const facts = (
      await screen.findByText('Status', {}, { timeout: 20_000 })
    ).closest('dl')!;
    expect(within(facts).getByText('active')).toBeInTheDocument();
    expect(
      within(facts).getByText('http://localhost:8123/fraud-api'),
    ).toBeInTheDocument();
    expect(within(facts).getAllByText('Sandbox').length).toBeGreaterThan(0);
    expect(within(facts).getByText('$29.57')).toBeInTheDocument();
    expect(within(facts).getByText('europe-west1')).toBeInTheDocument();
    expect(within(facts).getByText('staging')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Open the deployment page of fraud-api',
      }),
    ).toHaveAttribute(
      'href',
      `/cloud-deployments/deployments/${deployment.id}`,
    );
  });

  it('says so when the portal has no deployment of the entity', async () => {
    server.use(
      http.get(`${baseUrl}/deployments/${deployment.id}`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'not found' } },
          { status: 404 },
        ),
      ),
      http.get(`${baseUrl}/deployments`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
    );
    await renderCard();

    expect(
      await screen.findByText(
        /The portal has no deployment of this entity/,
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
  });
});
