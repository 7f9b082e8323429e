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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  Deployment,
  DeploymentsSummary,
  Page,
  ProviderInfo,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
} from '../../__testUtils__/fixtures';
import { setWindowWidth } from '../../__testUtils__/windowWidth';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { DeploymentsPage } from './DeploymentsPage';

type Received = { method: string; path: string; query: URLSearchParams };

const providers: ProviderInfo[] = [
  { id: 'aws-sagemaker', title: 'AWS SageMaker', sandbox: false },
  { id: 'gcp-cloud-run', title: 'Google Cloud Run', sandbox: true },
];

const summary: DeploymentsSummary = {
  count: 10000,
  billingCount: 10000,
  currency: 'USD',
  monthlyCost: 123456.78,
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
      count: 9000,
      billingCount: 9000,
      monthlyCost: 100000,
      totalKind: 'exact',
    },
    {
      provider: 'gcp-cloud-run',
      count: 1000,
      billingCount: 1000,
      monthlyCost: 23456.78,
      totalKind: 'exact',
    },
  ],
};

/** Shows the current query string, to check what the page writes to it. */
function LocationSpy() {
  return <span data-testid="query-string">{useLocation().search}</span>;
}

// Rendering material-table rows with their actions is slow in jsdom, the
// more so on a busy machine: rows get more than the default second to appear.
jest.setTimeout(60_000);
const rows = { timeout: 15_000 };

describe('DeploymentsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // Wide enough for every column.
  beforeEach(() => setWindowWidth(1920));

  /**
   * Serves the backend: `GET /deployments` with `list`, the summary, the
   * providers, and the actions (answering with the deployment in the status
   * they lead to). Records every request.
   */
  function serve(
    list: (query: URLSearchParams) => Page<Deployment> | Response,
  ): Received[] {
    const received: Received[] = [];
    server.use(
      http.all(`${baseUrl}/*`, ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.slice('/api/cloud-deployments'.length);
        received.push({
          method: request.method,
          path,
          query: url.searchParams,
        });
        if (path === '/providers') return HttpResponse.json(providers);
        if (path === '/deployments/summary') return HttpResponse.json(summary);
        if (path === '/deployments' && request.method === 'GET') {
          const result = list(url.searchParams);
          return result instanceof Response
            ? result
            : HttpResponse.json(result);
        }
        const id = path.split('/')[2];
        return HttpResponse.json(
          { ...makeDeployment(1), id, status: 'destroying' },
          { status: 202 },
        );
      }),
    );
    return received;
  }

  const lists = (received: Received[]) =>
    received.filter(r => r.path === '/deployments' && r.method === 'GET');

  function renderPage(
    options: {
      initialRouteEntries?: string[];
      authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    } = {},
  ) {
    return renderInTestApp(
      <>
        <DeploymentsPage />
        <LocationSpy />
      </>,
      {
        initialRouteEntries: options.initialRouteEntries,
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
          mockApis.permission({ authorize: options.authorize }),
          [toastApiRef, { post: jest.fn() }],
        ],
      },
    );
  }

  const queryString = () => screen.getByTestId('query-string').textContent;

  it('renders the deployments of the first page, and totals over all pages', async () => {
    const received = serve(() => ({
      items: [
        makeDeployment(1, {
          title: 'Fraud model',
          estimate: makeEstimate({ monthlyTotal: 83.95 }),
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

    const name = await screen.findByRole('link', { name: 'model-1' }, rows);
    expect(name).toHaveAttribute(
      'href',
      '/cloud-deployments/deployments/00000000-0000-4000-8000-000000000001',
    );
    // One line per row: the title is in the name's tooltip.
    expect(name.closest('[title]')).toHaveAttribute(
      'title',
      'model-1: Fraud model',
    );
    expect(screen.getByRole('link', { name: 'model-2' })).toBeInTheDocument();
    expect(screen.getAllByText('ml-team')).toHaveLength(2);
    expect(await screen.findByText('AWS SageMaker')).toBeInTheDocument();
    expect(screen.getByText('Google Cloud Run')).toBeInTheDocument();
    // Cloud Run deploys into a sandbox here, so its deployments say so.
    expect(screen.getAllByText('Sandbox')).toHaveLength(1);
    expect(screen.getByText('europe-west1')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
    expect(screen.getByText('active')).toBeInTheDocument();
    expect(screen.getByText('failed')).toBeInTheDocument();
    expect(screen.getAllByText('5 min ago')).toHaveLength(2);
    expect(screen.getByText('$83.95')).toBeInTheDocument();
    expect(screen.getByText('—')).toBeInTheDocument();

    const totals = await screen.findByRole('region', { name: 'Totals' });
    expect(totals).toHaveTextContent(
      '10,000 deployments · $123,456.78 per month',
    );
    expect(
      within(totals).getByText('AWS SageMaker: 9,000 · $100,000.00'),
    ).toBeInTheDocument();
    expect(
      within(totals).getByText('Google Cloud Run: 1,000 · $23,456.78'),
    ).toBeInTheDocument();

    expect(lists(received)).toHaveLength(1);
    expect(lists(received)[0].query.get('limit')).toBe('20');
    expect(lists(received)[0].query.has('cursor')).toBe(false);
    expect(lists(received)[0].query.has('q')).toBe(false);
  });

  it('links to the budgets page from its header', async () => {
    serve(() => ({ items: [], totalCount: 0 }));

    renderPage();

    // A LinkButton: an anchor that material-ui gives the button role.
    expect(
      await screen.findByRole('button', { name: 'Budgets' }),
    ).toHaveAttribute('href', '/cloud-deployments/budgets');
  });

  it('labels a sandbox deployment of a real-cloud provider', async () => {
    serve(() => ({
      items: [makeDeployment(1, { sandbox: true })],
      totalCount: 1,
    }));

    renderPage();

    expect(await screen.findByText('Sandbox')).toBeInTheDocument();
  });

  it('shows an empty state when there are no deployments', async () => {
    serve(() => ({ items: [], totalCount: 0 }));

    renderPage();

    expect(
      await screen.findByText('You have no deployments yet'),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the backend fails', async () => {
    serve(() =>
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

  it('pages forward with the cursor of the previous page, and back, never fetching more', async () => {
    const firstPage = Array.from({ length: 20 }, (_, i) => makeDeployment(i));
    const secondPage = Array.from({ length: 20 }, (_, i) =>
      makeDeployment(20 + i),
    );
    const received = serve(query =>
      query.get('cursor') === 'cursor-2'
        ? { items: secondPage, totalCount: 10000, nextCursor: 'cursor-3' }
        : { items: firstPage, totalCount: 10000, nextCursor: 'cursor-2' },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-0', {}, rows)).toBeInTheDocument();
    expect(screen.getAllByText('1-20 of 10000').length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: /next page/i }));

    expect(await screen.findByText('model-20', {}, rows)).toBeInTheDocument();
    expect(screen.queryByText('model-0')).not.toBeInTheDocument();
    expect(lists(received)).toHaveLength(2);
    expect(lists(received)[1].query.get('cursor')).toBe('cursor-2');
    expect(lists(received)[1].query.get('limit')).toBe('20');

    await user.click(screen.getByRole('button', { name: /previous page/i }));

    expect(await screen.findByText('model-0', {}, rows)).toBeInTheDocument();
    expect(lists(received)).toHaveLength(3);
    expect(lists(received)[2].query.has('cursor')).toBe(false);
  });

  it('starts over from the first page with a new page size', async () => {
    const received = serve(query =>
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
    expect(await screen.findByText('model-0', {}, rows)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('model-20', {}, rows)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /20 rows/i }));
    await user.click(await screen.findByRole('option', { name: /50/ }));

    expect(await screen.findByText('model-0', {}, rows)).toBeInTheDocument();
    expect(lists(received)).toHaveLength(3);
    expect(lists(received)[2].query.get('limit')).toBe('50');
    expect(lists(received)[2].query.has('cursor')).toBe(false);
  });

  it('searches through the backend with q, and keeps the search in the URL', async () => {
    const received = serve(query =>
      query.get('q') === 'fraud'
        ? {
            items: [makeDeployment(7, { name: 'fraud-model' })],
            totalCount: 1,
          }
        : { items: [makeDeployment(1)], totalCount: 1 },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();

    await user.type(screen.getByPlaceholderText('Search deployments'), 'fraud');

    expect(
      await screen.findByText('fraud-model', {}, rows),
    ).toBeInTheDocument();
    expect(screen.queryByText('model-1')).not.toBeInTheDocument();
    // Debounced: one request for the whole word, not one per keystroke.
    expect(lists(received).map(r => r.query.get('q'))).toEqual([null, 'fraud']);
    expect(lists(received)[1].query.has('cursor')).toBe(false);
    expect(queryString()).toBe('?q=fraud');
    // The totals follow the search.
    await waitFor(() =>
      expect(
        received
          .filter(r => r.path === '/deployments/summary')
          .map(r => r.query.get('q')),
      ).toEqual([null, 'fraud']),
    );
  });

  it('says so when a search matches nothing', async () => {
    serve(query =>
      query.get('q')
        ? { items: [], totalCount: 0 }
        : { items: [makeDeployment(1)], totalCount: 1 },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();

    await user.type(screen.getByPlaceholderText('Search deployments'), 'nope');

    // The search waits for typing to pause, then asks the server: on a busy
    // machine that takes longer than waitFor's default second.
    expect(
      await screen.findByText(
        'No deployments match these filters',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No deployments yet')).not.toBeInTheDocument();
  });

  it('reads the filters from the URL, resolving "mine" to what the user owns', async () => {
    const received = serve(() => ({
      items: [makeDeployment(1, { status: 'failed' })],
      totalCount: 1,
    }));

    renderPage({
      initialRouteEntries: [
        '/?owner=mine&status=failed&status=pending&provider=gcp-cloud-run&environment=staging&q=fraud',
      ],
    });

    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    expect(screen.getByPlaceholderText('Search deployments')).toHaveValue(
      'fraud',
    );
    expect(
      within(screen.getByRole('search')).getByRole('button', {
        name: /^Status/,
      }),
    ).toHaveTextContent('failed, pending');
    expect(
      within(screen.getByRole('search')).getByRole('button', {
        name: /^Owner/,
      }),
    ).toHaveTextContent('Owned by me');
    await waitFor(() =>
      expect(
        received.filter(r => r.path === '/deployments/summary'),
      ).toHaveLength(1),
    );
    for (const request of [
      lists(received)[0],
      received.find(r => r.path === '/deployments/summary')!,
    ]) {
      expect(request.query.getAll('owner')).toEqual([
        'user:default/jane',
        'group:default/ml-team',
      ]);
      expect(request.query.getAll('status')).toEqual(['failed', 'pending']);
      expect(request.query.getAll('provider')).toEqual(['gcp-cloud-run']);
      expect(request.query.getAll('environment')).toEqual(['staging']);
      expect(request.query.get('q')).toBe('fraud');
    }
    expect(lists(received)).toHaveLength(1);
  });

  it('writes a chosen filter to the URL and fetches its first page', async () => {
    const received = serve(query =>
      query.get('status') === 'failed'
        ? { items: [makeDeployment(2, { status: 'failed' })], totalCount: 1 }
        : {
            items: [makeDeployment(1)],
            totalCount: 41,
            nextCursor: 'cursor-2',
          },
    );
    const user = userEvent.setup();

    renderPage();
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();

    await user.click(
      within(screen.getByRole('search')).getByRole('button', {
        name: /^Status/,
      }),
    );
    await user.click(await screen.findByRole('option', { name: 'failed' }));
    await user.keyboard('{Escape}');

    expect(await screen.findByText('model-2', {}, rows)).toBeInTheDocument();
    expect(queryString()).toBe('?status=failed');
    const last = lists(received)[lists(received).length - 1];
    expect(last.query.getAll('status')).toEqual(['failed']);
    expect(last.query.has('cursor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    expect(queryString()).toBe('');
  });

  it('destroys a deployment after confirmation, then refreshes and announces it', async () => {
    let destroyed = false;
    const received = serve(() => ({
      items: [makeDeployment(1, destroyed ? { status: 'destroying' } : {})],
      totalCount: 1,
    }));
    server.use(
      http.delete(`${baseUrl}/deployments/:id`, ({ params }) => {
        destroyed = true;
        received.push({
          method: 'DELETE',
          path: `/deployments/${params.id}`,
          query: new URLSearchParams(),
        });
        return HttpResponse.json(
          { ...makeDeployment(1), status: 'destroying' },
          { status: 202 },
        );
      }),
    );
    const user = userEvent.setup();

    renderPage();
    await user.click(
      await screen.findByRole('button', { name: 'Destroy model-1' }, rows),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Destroy model-1?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Destroy' }));

    expect(await screen.findByText('destroying', {}, rows)).toBeInTheDocument();
    expect(received.filter(r => r.method === 'DELETE')).toEqual([
      expect.objectContaining({
        path: '/deployments/00000000-0000-4000-8000-000000000001',
      }),
    ]);
    expect(lists(received)).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Destroy: model-1 is now destroying',
    );
    // The deployment can no longer be destroyed, so the button is gone.
    expect(
      screen.queryByRole('button', { name: 'Destroy model-1' }),
    ).not.toBeInTheDocument();
  });

  it('announces status changes seen on refresh', async () => {
    let status: Deployment['status'] = 'provisioning';
    serve(() => ({ items: [makeDeployment(1, { status })], totalCount: 1 }));
    const user = userEvent.setup();

    renderPage();
    expect(
      await screen.findByText('provisioning', {}, rows),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');

    status = 'active';
    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByText('active', {}, rows)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'model-1 is now active',
    );
  });
});
