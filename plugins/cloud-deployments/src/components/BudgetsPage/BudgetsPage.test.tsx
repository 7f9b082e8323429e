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
import { screen, within } from '@testing-library/react';
import { FakeBudgetsBackend, makeBudget } from '../../__testUtils__/budgets';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { BudgetsPage } from './BudgetsPage';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const exact = makeBudget(1, {
  system: 'system:default/fraud-detection',
  environment: 'production',
});
const approximate = makeBudget(2, {
  owner: 'group:default/data',
  amount: 2000,
  thresholds: [50, 80, 100],
  use: {
    monthlyCost: 1700,
    totalKind: 'approximate',
    description: '≈ $1,700.00 a month (priced from us-east-1)',
    approximateFrom: ['us-east-1'],
    percent: 85,
    crossed: [50, 80],
  },
});
const unknown = makeBudget(3, {
  owner: 'group:default/web',
  use: {
    monthlyCost: 0,
    totalKind: 'unknown',
    description: 'unknown, 2 deployments without an estimate',
    withoutEstimate: 2,
    percent: undefined,
    crossed: [],
  },
});

// Denied throughout: usePermission caches its answers for the whole file
// (SWR), so what holders of cloud.budget.manage see is tested in
// BudgetsPageManage.test.tsx.
function renderPage(backend: FakeBudgetsBackend) {
  return renderInTestApp(<BudgetsPage />, {
    mountedRoutes: { '/cloud-deployments': rootRouteRef },
    apis: [
      [
        cloudDeploymentsApiRef,
        new CloudDeploymentsClient({
          discoveryApi: mockApis.discovery({
            baseUrl: 'http://localhost:7007',
          }),
          fetchApi: backend.fetchApi,
        }),
      ],
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    ],
  });
}

const row = (text: string) => screen.getByText(text).closest('tr')!;

describe('BudgetsPage', () => {
  it('shows each budget with its use in words no surer than its data', async () => {
    renderPage(new FakeBudgetsBackend([exact, approximate, unknown]));

    expect(await screen.findByText('$500.00 a month')).toBeInTheDocument();
    const exactRow = row('$500.00 a month');
    expect(within(exactRow).getByText('ml-team')).toBeInTheDocument();
    expect(within(exactRow).getByText('fraud-detection')).toBeInTheDocument();
    expect(within(exactRow).getByText('production')).toBeInTheDocument();
    expect(within(exactRow).getByText('$1,000.00 a month')).toBeInTheDocument();
    expect(
      within(exactRow).getByText('50 % of the budget'),
    ).toBeInTheDocument();
    expect(within(exactRow).getByText('2 h ago')).toBeInTheDocument();
    expect(within(exactRow).getByText('by admin')).toBeInTheDocument();

    const approximateRow = row('≈ $1,700.00 a month (priced from us-east-1)');
    expect(
      within(approximateRow).getByText('≈ 85 % of the budget (approximate)'),
    ).toBeInTheDocument();
    expect(
      within(approximateRow).getByRole('progressbar', {
        name: '≈ 85 % of the budget (approximate)',
      }),
    ).toHaveAttribute('aria-valuenow', '85');

    const unknownRow = row('unknown, 2 deployments without an estimate');
    expect(
      within(unknownRow).getByText('Share of the budget unknown'),
    ).toBeInTheDocument();
    // Nothing priced is no $0 and no 0 %.
    expect(within(unknownRow).queryByRole('progressbar')).toBeNull();
    expect(within(unknownRow).queryByText(/\$0\b/)).toBeNull();
    expect(within(unknownRow).queryByText(/\b0 %/)).toBeNull();
    expect(screen.getAllByRole('progressbar')).toHaveLength(2);
  });

  it('says a partial use is a lower bound', async () => {
    renderPage(
      new FakeBudgetsBackend([
        makeBudget(4, {
          use: {
            totalKind: 'partial',
            description: '≥ $500.00 a month, 2 lines unpriced',
            missingLines: 2,
            percent: 50,
          },
        }),
      ]),
    );

    expect(
      await screen.findByText(
        '≥ 50 % of the budget (partial: some costs unpriced)',
      ),
    ).toBeInTheDocument();
  });

  it('marks the thresholds the use has reached', async () => {
    renderPage(new FakeBudgetsBackend([approximate]));

    await screen.findByText('$2,000.00 a month');
    const thresholds = within(
      row('≈ $1,700.00 a month (priced from us-east-1)'),
    );
    expect(thresholds.getByText('50 % reached')).toBeInTheDocument();
    expect(thresholds.getByText('80 % reached')).toBeInTheDocument();
    expect(thresholds.getByText('100 %')).toBeInTheDocument();
    expect(thresholds.queryByText('100 % reached')).toBeNull();
  });

  it('shows the table only to those who may not manage budgets', async () => {
    const backend = new FakeBudgetsBackend([exact]);
    renderPage(backend);

    expect(await screen.findByText('$500.00 a month')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /New budget/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit budget/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete budget/ })).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
  });

  it('shows an empty state when there are no budgets', async () => {
    renderPage(new FakeBudgetsBackend([]));

    expect(await screen.findByText('No budgets yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /New budget/ })).toBeNull();
  });

  it('shows an error panel when the budgets cannot be loaded', async () => {
    const backend = new FakeBudgetsBackend([exact]);
    backend.failNext('GET', '/budgets', 500, 'database is on fire');
    renderPage(backend);

    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(screen.getByText(/database is on fire/)).toBeInTheDocument();
  });
});
