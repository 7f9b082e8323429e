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
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  Deployment,
  Page as DeploymentPage,
} from '@internal/backstage-plugin-cloud-deployments-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { DeploymentsPage } from './DeploymentsPage';

const listUrl = 'http://localhost:7007/api/cloud-deployments/deployments';

function createdAtFiveMinutesAgo() {
  return new Date(Date.now() - 5 * 60 * 1000).toISOString();
}

function makeDeployment(n: number, overrides: Partial<Deployment> = {}) {
  const createdAt = createdAtFiveMinutesAgo();
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `model-${n}`,
    spec: {
      owner: 'group:default/ml-team',
      component: `component:default/service-${n}`,
      environment: 'production',
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      artifact: { image: 'ghcr.io/acme/model:1.0.0' },
      compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
      engine: 'sdk',
    },
    status: 'active',
    outputs: {},
    createdBy: 'user:default/jane',
    createdAt,
    updatedBy: 'user:default/jane',
    updatedAt: createdAt,
    version: 1,
    ...overrides,
  } satisfies Deployment;
}

describe('DeploymentsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /**
   * Serves `GET /deployments` with `respond`, recording the query of every
   * request it receives.
   */
  function serveList(
    respond: (query: URLSearchParams) => DeploymentPage<Deployment> | Response,
  ): URLSearchParams[] {
    const received: URLSearchParams[] = [];
    server.use(
      http.get(listUrl, ({ request }) => {
        const query = new URL(request.url).searchParams;
        received.push(query);
        const result = respond(query);
        return result instanceof Response ? result : HttpResponse.json(result);
      }),
    );
    return received;
  }

  function renderPage() {
    return renderInTestApp(<DeploymentsPage />, {
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
    });
  }

  it('renders the deployments of the first page', async () => {
    const received = serveList(() => ({
      items: [
        makeDeployment(1, {
          title: 'Fraud model',
          estimate: {
            currency: 'USD',
            monthlyTotal: 83.95,
            complete: true,
            lines: [],
            assumptions: {},
            warnings: [],
            estimatedAt: createdAtFiveMinutesAgo(),
          },
        }),
        makeDeployment(2, {
          status: 'failed',
          statusReason: 'quota exceeded',
          spec: {
            ...makeDeployment(2).spec,
            provider: 'gcp-cloud-run',
            region: 'europe-west1',
            environment: 'staging',
          },
        }),
      ],
      totalCount: 2,
    }));

    renderPage();

    expect(await screen.findByText('model-1')).toBeInTheDocument();
    expect(screen.getByText('Fraud model')).toBeInTheDocument();
    expect(screen.getByText('model-2')).toBeInTheDocument();
    expect(screen.getAllByText('ml-team')).toHaveLength(2);
    expect(screen.getByText('aws-sagemaker')).toBeInTheDocument();
    expect(screen.getByText('gcp-cloud-run')).toBeInTheDocument();
    expect(screen.getByText('europe-west1')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
    expect(screen.getByText('active')).toBeInTheDocument();
    expect(screen.getByText('failed')).toBeInTheDocument();
    expect(screen.getAllByText('5 min ago')).toHaveLength(2);
    expect(screen.getByText('$83.95')).toBeInTheDocument();
    expect(screen.getByText('—')).toBeInTheDocument();

    expect(received).toHaveLength(1);
    expect(received[0].get('limit')).toBe('20');
    expect(received[0].has('cursor')).toBe(false);
    expect(received[0].has('q')).toBe(false);
  });

  it('shows an empty state when there are no deployments', async () => {
    serveList(() => ({ items: [], totalCount: 0 }));

    renderPage();

    expect(await screen.findByText('No deployments yet')).toBeInTheDocument();
  });

  it('shows an error panel when the backend fails', async () => {
    serveList(() =>
      HttpResponse.json(
        {
          error: { name: 'Error', message: 'database is on fire' },
          response: { statusCode: 500 },
        },
        { status: 500 },
      ),
    );

    renderPage();

    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(screen.getByText(/database is on fire/)).toBeInTheDocument();
  });

  it('pages forward with the cursor of the previous page, and back', async () => {
    const firstPage = Array.from({ length: 20 }, (_, i) => makeDeployment(i));
    const secondPage = Array.from({ length: 5 }, (_, i) =>
      makeDeployment(20 + i),
    );
    const received = serveList(query =>
      query.get('cursor') === 'cursor-2'
        ? { items: secondPage, totalCount: 25 }
        : { items: firstPage, totalCount: 25, nextCursor: 'cursor-2' },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-0')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /next page/i }));

    expect(await screen.findByText('model-20')).toBeInTheDocument();
    expect(screen.queryByText('model-0')).not.toBeInTheDocument();
    expect(received).toHaveLength(2);
    expect(received[1].get('cursor')).toBe('cursor-2');
    expect(received[1].get('limit')).toBe('20');

    await user.click(screen.getByRole('button', { name: /previous page/i }));

    expect(await screen.findByText('model-0')).toBeInTheDocument();
    expect(received).toHaveLength(3);
    expect(received[2].has('cursor')).toBe(false);
  });

  it('starts over from the first page with a new page size', async () => {
    const received = serveList(query =>
      query.get('cursor')
        ? { items: [makeDeployment(20)], totalCount: 21 }
        : {
            items: Array.from({ length: Number(query.get('limit')) }, (_, i) =>
              makeDeployment(i),
            ).slice(0, 21),
            totalCount: 21,
            nextCursor: query.get('limit') === '20' ? 'cursor-2' : undefined,
          },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-0')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('model-20')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /20 rows/i }));
    await user.click(await screen.findByRole('option', { name: /50/ }));

    expect(await screen.findByText('model-0')).toBeInTheDocument();
    expect(received).toHaveLength(3);
    expect(received[2].get('limit')).toBe('50');
    expect(received[2].has('cursor')).toBe(false);
  });

  it('searches through the backend with q', async () => {
    const received = serveList(query =>
      query.get('q') === 'fraud'
        ? {
            items: [makeDeployment(7, { name: 'fraud-model' })],
            totalCount: 1,
          }
        : { items: [makeDeployment(1)], totalCount: 1 },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-1')).toBeInTheDocument();

    await user.type(screen.getByPlaceholderText('Search deployments'), 'fraud');

    expect(await screen.findByText('fraud-model')).toBeInTheDocument();
    expect(screen.queryByText('model-1')).not.toBeInTheDocument();
    // Debounced: one request for the whole word, not one per keystroke.
    expect(received.map(q => q.get('q'))).toEqual([null, 'fraud']);
    expect(received[1].has('cursor')).toBe(false);
  });

  it('says so when a search matches nothing', async () => {
    serveList(query =>
      query.get('q')
        ? { items: [], totalCount: 0 }
        : { items: [makeDeployment(1)], totalCount: 1 },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-1')).toBeInTheDocument();

    await user.type(screen.getByPlaceholderText('Search deployments'), 'nope');

    await waitFor(() =>
      expect(
        screen.getByText('No deployments match your search'),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByText('No deployments yet')).not.toBeInTheDocument();
  });
});
