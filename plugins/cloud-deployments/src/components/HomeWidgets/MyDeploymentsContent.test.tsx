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
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
} from '../../__testUtils__/fixtures';
import { renderWidget, setupBackend } from '../../__testUtils__/homeWidgets';
import { MyDeploymentsContent } from './MyDeploymentsContent';

describe('MyDeploymentsContent', () => {
  const { server } = setupBackend();

  function serve(items: ReturnType<typeof makeDeployment>[], total: number) {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${baseUrl}/deployments`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items, totalCount: total });
      }),
      http.get(`${baseUrl}/deployments/summary`, () =>
        HttpResponse.json({
          count: total,
          billingCount: 2,
          currency: 'USD',
          monthlyCost: 1234.5,
          totalKind: 'partial',
          leftOut: {
            notBilling: 0,
            withoutEstimate: 0,
            partlyPriced: 1,
            unpriced: 0,
            approximate: 0,
          },
          byProvider: [],
        }),
      ),
    );
    return queries;
  }

  it("lists the user's and their groups' live deployments with status and cost", async () => {
    const queries = serve(
      [
        makeDeployment(1, { estimate: makeEstimate({ monthlyTotal: 42 }) }),
        makeDeployment(2, { status: 'drifted' }),
      ],
      12,
    );
    await renderWidget(<MyDeploymentsContent />);

    const table = await screen.findByRole(
      'table',
      { name: 'My deployments' },
      { timeout: 20_000 },
    );
    const row = within(table)
      .getByRole('link', { name: 'model-1' })
      .closest('tr')!;
    expect(within(row).getByText('active')).toBeInTheDocument();
    expect(within(row).getByText('$42.00')).toBeInTheDocument();
    const drifted = within(table)
      .getByRole('link', { name: 'model-2' })
      .closest('tr')!;
    expect(within(drifted).getByText('drifted')).toBeInTheDocument();
    expect(within(drifted).getByText('—')).toBeInTheDocument();
    // A partial sum says it is a lower bound.
    expect(screen.getByText('≥ $1,234.50')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'All 12 on the deployments page' }),
    ).toHaveAttribute('href', '/cloud-deployments');
    expect(screen.getByRole('button', { name: 'Deploy' })).toHaveAttribute(
      'href',
      '/create',
    );

    expect(queries[0].getAll('owner')).toEqual([
      'user:default/jane',
      'group:default/ml-team',
    ]);
    expect(queries[0].getAll('status')).not.toContain('destroyed');
    expect(queries[0].get('limit')).toBe('8');
  });

  it('leads to the templates when the user has no deployments', async () => {
    serve([], 0);
    await renderWidget(
      <MyDeploymentsContent deployPath="/create?filters=cloud" />,
    );

    expect(
      await screen.findByText(
        /You have no deployments yet/,
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deploy' })).toHaveAttribute(
      'href',
      '/create?filters=cloud',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
