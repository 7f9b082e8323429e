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
import { identityApiRef, toastApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks, TestApiRegistry } from '@backstage/test-utils';
import {
  Deployment,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import { baseUrl, makeDeployment } from '../../__testUtils__/fixtures';
import { setWindowWidth } from '../../__testUtils__/windowWidth';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { DeploymentsTable } from './DeploymentsTable';
import { primeFirstPage } from './firstPage';

type Received = {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
};

const emptySummary = {
  count: 0,
  billingCount: 0,
  currency: 'USD',
  monthlyCost: 0,
  totalKind: 'exact',
  leftOut: {
    notBilling: 0,
    withoutEstimate: 0,
    partlyPriced: 0,
    unpriced: 0,
    approximate: 0,
  },
  byProvider: [],
};

// The path of Material UI's ArrowDownward icon.
const DOWNWARD_PATH =
  'M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z';

// material-table with its rows is slow to render in jsdom, the more so on a
// busy machine: the first rows get more than the default second to appear.
jest.setTimeout(60_000);
const rows = { timeout: 15_000 };

function LocationSpy() {
  return <span data-testid="query-string">{useLocation().search}</span>;
}

describe('DeploymentsTable', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => setWindowWidth(1440));

  /**
   * The backend: `GET /deployments` answers with `list`; the changes answer
   * with `change` (a refusal is a Response). Records every request.
   */
  function serve(
    list: (query: URLSearchParams) => Page<Deployment>,
    change: (method: string, id: string) => Response | undefined = () =>
      undefined,
  ): Received[] {
    const received: Received[] = [];
    server.use(
      http.all(`${baseUrl}/*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.slice('/api/cloud-deployments'.length);
        const body =
          request.method === 'PATCH' ? await request.json() : undefined;
        received.push({
          method: request.method,
          path,
          query: url.searchParams,
          body,
        });
        if (path === '/providers') return HttpResponse.json([]);
        if (path === '/deployments/summary')
          return HttpResponse.json(emptySummary);
        if (path === '/deployments' && request.method === 'GET') {
          return HttpResponse.json(list(url.searchParams));
        }
        const id = path.split('/')[2];
        return (
          change(request.method, id) ??
          HttpResponse.json(
            { ...makeDeployment(1), id, status: 'updating' },
            { status: request.method === 'PATCH' ? 200 : 202 },
          )
        );
      }),
    );
    return received;
  }

  const lists = (received: Received[]) =>
    received.filter(r => r.path === '/deployments' && r.method === 'GET');
  const lastList = (received: Received[]) => lists(received).at(-1)!;
  const queryString = () => screen.getByTestId('query-string').textContent;

  const newClient = () =>
    new CloudDeploymentsClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: mockApis.fetch(),
    });
  const identity = () =>
    mockApis.identity({
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/ml-team'],
    });

  function renderTable(initialRoute = '/', client = newClient()) {
    return renderInTestApp(
      <>
        <DeploymentsTable />
        <LocationSpy />
      </>,
      {
        initialRouteEntries: [initialRoute],
        mountedRoutes: { '/cloud-deployments': rootRouteRef },
        apis: [
          [cloudDeploymentsApiRef, client],
          identity(),
          mockApis.permission(),
          [toastApiRef, { post: jest.fn() }],
        ],
      },
    );
  }

  describe('with a first page asked for before it rendered (by the page loader)', () => {
    /**
     * Primes the first page for `primed` (a query string), then renders the
     * table at `route`, both on one client. Failed deployments are model-2,
     * the others model-1.
     */
    function primeThenRender(primed: string, route: string) {
      const received = serve(q => ({
        items: [makeDeployment(q.get('status') === 'failed' ? 2 : 1)],
        totalCount: 1,
      }));
      const client = newClient();
      primeFirstPage(
        TestApiRegistry.from(
          [cloudDeploymentsApiRef, client],
          [identityApiRef, identity()],
        ),
        primed,
      );
      renderTable(route, client);
      return received;
    }

    it('shows that page without asking again', async () => {
      const received = primeThenRender('?status=failed', '/?status=failed');

      expect(await screen.findByText('model-2', {}, rows)).toBeInTheDocument();
      expect(lists(received)).toHaveLength(1);
      expect(lists(received)[0].query.getAll('status')).toEqual(['failed']);
      expect(lists(received)[0].query.getAll('owner')).toEqual([
        'user:default/jane',
        'group:default/ml-team',
      ]);
    });

    it('asks again when the table wants another view than the one primed', async () => {
      const received = primeThenRender('?status=failed', '/');

      expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
      expect(screen.queryByText('model-2')).not.toBeInTheDocument();
      expect(lists(received)).toHaveLength(2);
      expect(lastList(received).query.has('status')).toBe(false);
    });
  });

  it("shows my deployments by default, with an obvious way to everyone's", async () => {
    const received = serve(() => ({
      items: [makeDeployment(1)],
      totalCount: 1,
    }));
    const user = userEvent.setup();

    renderTable();
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    expect(screen.getByText('My deployments')).toBeInTheDocument();
    expect(lastList(received).query.getAll('owner')).toEqual([
      'user:default/jane',
      'group:default/ml-team',
    ]);
    const views = screen.getByRole('navigation', { name: 'Views' });
    expect(within(views).getByRole('link', { name: 'Mine' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(within(views).getByRole('link', { name: 'All' }));

    await waitFor(() => expect(queryString()).toBe('?owner=all'));
    await waitFor(() =>
      expect(lastList(received).query.has('owner')).toBe(false),
    );
    expect(await screen.findByText('All deployments')).toBeInTheDocument();
    expect(within(views).getByRole('link', { name: 'All' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('sorts on the server by the clicked column, and keeps the order in the URL', async () => {
    const received = serve(() => ({
      items: [makeDeployment(1), makeDeployment(2)],
      totalCount: 2,
    }));
    const user = userEvent.setup();

    renderTable('/?owner=all');
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    // Newest first by default: no sort asked for.
    expect(lastList(received).query.has('sort')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Monthly cost' }));
    // The order is in the URL, and the server is asked for it.
    await waitFor(() =>
      expect(queryString()).toMatch(
        /^\?owner=all&sort=monthlyCost&order=(asc|desc)$/,
      ),
    );
    const order = new URLSearchParams(queryString()!).get('order');
    await waitFor(() => {
      expect(lastList(received).query.get('sort')).toBe('monthlyCost');
      expect(lastList(received).query.get('order')).toBe(order);
    });
    expect(lastList(received).query.has('cursor')).toBe(false);
  });

  /** The arrow a column's header shows: which way it points, or none. */
  function arrowOf(column: string): 'up' | 'down' | undefined {
    const header = screen.getByRole('columnheader', { name: column });
    const label = header.querySelector('.MuiTableSortLabel-active');
    if (!label) return undefined;
    const icon = label.querySelector('svg')!;
    // The icon points down; Material UI turns it for an ascending sort.
    expect(icon.querySelector('path')!.getAttribute('d')).toBe(DOWNWARD_PATH);
    return icon.classList.contains('MuiTableSortLabel-iconDirectionAsc')
      ? 'up'
      : 'down';
  }

  it('sorts by age on the server: oldest first on a click, newest again on the next, the arrow saying which', async () => {
    setWindowWidth(1920);
    const received = serve(() => ({
      items: [makeDeployment(1)],
      totalCount: 1,
    }));
    const user = userEvent.setup();

    renderTable('/?owner=all');
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    // Newest first, by default.
    expect(arrowOf('Age')).toBe('down');

    await user.click(screen.getByRole('button', { name: 'Age' }));
    await waitFor(() =>
      expect(queryString()).toBe('?owner=all&sort=createdAt&order=asc'),
    );
    await waitFor(() => {
      expect(lastList(received).query.get('sort')).toBe('createdAt');
      expect(lastList(received).query.get('order')).toBe('asc');
    });
    await waitFor(() => expect(arrowOf('Age')).toBe('up'));

    await user.click(screen.getByRole('button', { name: 'Age' }));
    await waitFor(() =>
      expect(queryString()).toBe('?owner=all&sort=createdAt&order=desc'),
    );
    await waitFor(() =>
      expect(lastList(received).query.get('order')).toBe('desc'),
    );
    await waitFor(() => expect(arrowOf('Age')).toBe('down'));
  });

  it('shows my deployments whose TTL runs out within a week, soonest first, as the "Expiring soon" view', async () => {
    const soon = {
      ...makeDeployment(1),
      expiresAt: new Date(Date.now() + 50 * 3_600_000).toISOString(),
    };
    const received = serve(() => ({ items: [soon], totalCount: 1 }));
    const user = userEvent.setup();

    renderTable();
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    const views = screen.getByRole('navigation', { name: 'Views' });
    await user.click(
      within(views).getByRole('link', { name: 'Expiring soon' }),
    );

    await waitFor(() =>
      expect(queryString()).toBe('?expiresWithin=P7D&sort=expiresAt'),
    );
    await waitFor(() =>
      expect(lastList(received).query.get('expiresWithin')).toBe('P7D'),
    );
    const request = lastList(received).query;
    expect(request.get('sort')).toBe('expiresAt');
    expect(request.has('order')).toBe(false);
    expect(request.getAll('owner')).toEqual([
      'user:default/jane',
      'group:default/ml-team',
    ]);
    expect(
      within(views).getByRole('link', { name: 'Expiring soon' }),
    ).toHaveAttribute('aria-current', 'page');
    // The column sorted by shows at 1440 px, where it is otherwise hidden.
    expect(
      await screen.findByRole('columnheader', { name: /Expires/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('in 2 d 1 h')).toBeInTheDocument();
    // The header marks the view's sort, not the one shown before it.
    await waitFor(() => expect(arrowOf('Expires')).toBe('up'));

    // The filter says what it keeps, and lets it go.
    const chip = screen.getByRole('button', { name: 'TTL ends within 7 days' });
    await user.click(chip.querySelector('.MuiChip-deleteIcon')!);
    await waitFor(() => expect(queryString()).toBe('?sort=expiresAt'));
  });

  it('opens a view from its link: filters, sort and order', async () => {
    const received = serve(() => ({
      items: [makeDeployment(1)],
      totalCount: 1,
    }));

    renderTable('/?owner=all&sort=monthlyCost&order=desc');

    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    const request = lastList(received).query;
    expect(request.get('sort')).toBe('monthlyCost');
    expect(request.get('order')).toBe('desc');
    expect(request.has('owner')).toBe(false);
    const views = screen.getByRole('navigation', { name: 'Views' });
    expect(
      within(views).getByRole('link', { name: 'Costliest' }),
    ).toHaveAttribute('aria-current', 'page');
    expect(within(views).getByRole('link', { name: 'Failed' })).toHaveAttribute(
      'href',
      '/?owner=all&status=failed',
    );
  });

  it('destroys the selected deployments after one confirmation that lists them, then says what happened to each', async () => {
    const received = serve(
      () => ({
        items: [
          makeDeployment(1),
          makeDeployment(2, { status: 'destroyed' }),
          makeDeployment(3, { status: 'failed' }),
        ],
        totalCount: 3,
      }),
      (method, id) =>
        method === 'DELETE' && id.endsWith('3')
          ? HttpResponse.json(
              {
                error: {
                  name: 'NotAllowedError',
                  message:
                    'You may not destroy deployments of group:default/web',
                },
                response: { statusCode: 403 },
              },
              { status: 403 },
            )
          : undefined,
    );
    const user = userEvent.setup();

    renderTable('/?owner=all');
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    const bulk = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(
      within(bulk).getByRole('button', { name: 'Destroy' }),
    ).toBeDisabled();

    await user.click(
      screen.getByRole('checkbox', {
        name: 'Select every deployment on this page',
      }),
    );
    expect(bulk).toHaveTextContent('3 selected');
    await user.click(within(bulk).getByRole('button', { name: 'Destroy' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'Destroy 2 deployments?',
    });
    expect(
      within(within(dialog).getByRole('list', { name: 'Will change' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['model-1', 'model-3']);
    expect(
      within(dialog).getByRole('list', { name: 'Left out' }),
    ).toHaveTextContent('model-2: it is destroyed');
    // Nothing is sent before the confirmation.
    expect(received.filter(r => r.method === 'DELETE')).toHaveLength(0);

    await user.click(
      within(dialog).getByRole('button', { name: 'Destroy 2 deployments' }),
    );

    const result = await screen.findByRole('dialog', {
      name: 'Destroy: 1 of 2 deployments accepted',
    });
    expect(
      within(result).getByRole('list', { name: 'Accepted' }),
    ).toHaveTextContent('model-1');
    expect(
      within(result).getByRole('list', { name: 'Refused' }),
    ).toHaveTextContent(
      'model-3: You may not destroy deployments of group:default/web',
    );
    expect(
      received
        .filter(r => r.method === 'DELETE')
        .map(r => r.path)
        .sort(),
    ).toEqual([
      '/deployments/00000000-0000-4000-8000-000000000001',
      '/deployments/00000000-0000-4000-8000-000000000003',
    ]);

    const before = lists(received).length;
    await user.click(within(result).getByRole('button', { name: 'Close' }));
    // Something changed, so the list is fetched again.
    await waitFor(() => expect(lists(received).length).toBeGreaterThan(before));
  });

  it('extends the TTL of the selected deployments that have one, through PATCH', async () => {
    const received = serve(() => ({
      items: [
        makeDeployment(1, {
          version: 4,
          spec: { ...makeDeployment(1).spec, ttl: 'PT12H' },
        }),
        makeDeployment(2),
      ],
      totalCount: 2,
    }));
    const user = userEvent.setup();

    renderTable('/?owner=all');
    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select model-1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select model-2' }));
    const bulk = screen.getByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(bulk).getByRole('button', { name: 'Extend TTL' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'Extend TTL 1 deployment?',
    });
    expect(
      within(dialog).getByRole('list', { name: 'Left out' }),
    ).toHaveTextContent('model-2: it has no time to live');
    await user.click(
      within(dialog).getByRole('button', { name: 'Extend TTL 1 deployment' }),
    );

    expect(
      await screen.findByRole('dialog', {
        name: 'Extend TTL: 1 of 1 deployment accepted',
      }),
    ).toBeInTheDocument();
    expect(received.filter(r => r.method === 'PATCH')).toEqual([
      expect.objectContaining({
        path: '/deployments/00000000-0000-4000-8000-000000000001',
        body: { version: 4, ttl: 'P7DT12H' },
      }),
    ]);
  });

  it("leads to the templates when I have no deployments, and offers everyone's", async () => {
    serve(() => ({ items: [], totalCount: 0 }));

    renderTable();

    expect(
      await screen.findByText('You have no deployments yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Deploy from a template' }),
    ).toHaveAttribute('href', '/create?filters%5Btags%5D=cloud-deployments');
    expect(
      screen.getByRole('button', { name: 'See all deployments' }),
    ).toHaveAttribute('href', '/?owner=all');
  });

  it('says when nothing matches the filters, and how to clear them', async () => {
    serve(() => ({ items: [], totalCount: 0 }));

    renderTable('/?owner=all&status=failed');

    expect(
      await screen.findByText('No deployments match these filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Clear the filters' }),
    ).toHaveAttribute('href', '/?owner=all');
    expect(
      screen.getByRole('button', { name: 'Deploy from a template' }),
    ).toBeInTheDocument();
  });

  it.each([
    [
      1920,
      [
        'Name',
        'Owner',
        'Provider',
        'Region',
        'Environment',
        'Status',
        'Monthly cost',
        'Age',
        'Expires',
        'Actions',
      ],
    ],
    [1440, ['Name', 'Owner', 'Provider', 'Status', 'Monthly cost', 'Actions']],
    [1024, ['Name', 'Status', 'Monthly cost', 'Actions']],
  ])('keeps the columns that matter at %p px', async (width, headers) => {
    setWindowWidth(width);
    serve(() => ({ items: [makeDeployment(1)], totalCount: 1 }));

    renderTable('/?owner=all');

    expect(await screen.findByText('model-1', {}, rows)).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('columnheader')
        .map(th => th.textContent)
        .filter(Boolean),
    ).toEqual(headers);
  });
});
