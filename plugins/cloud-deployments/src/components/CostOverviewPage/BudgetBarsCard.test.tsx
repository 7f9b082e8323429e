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
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { within } from '@testing-library/react';
import {
  BudgetSpend,
  BudgetSpendReport,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { makeBudget } from '../../__testUtils__/budgets';
import { BudgetBarsCard } from './BudgetBarsCard';

const spend = (
  more: Partial<BudgetSpend> & { budget: BudgetSpend['budget'] },
): BudgetSpend => ({
  monthToDate: {
    actual: 10,
    estimated: 6.2,
    total: 16.2,
    withoutFigure: 0,
    kind: 'exact',
  },
  forecast: 67.8,
  forecastKind: 'exact',
  monthToDatePercent: 16.2,
  forecastPercent: 67.8,
  crossedToDate: [],
  crossedByForecast: [50],
  overToDate: false,
  overByForecast: false,
  ...more,
});

const report: BudgetSpendReport = {
  month: '2026-12',
  asOf: '2026-12-10T12:00:00.000Z',
  items: [
    spend({
      budget: makeBudget(1, {
        owner: 'group:default/team-a',
        environment: 'production',
        amount: 100,
        thresholds: [50, 80, 100],
      }),
    }),
    spend({
      budget: makeBudget(2, {
        owner: 'group:default/team-a',
        amount: 500,
        thresholds: [50, 100],
      }),
      monthToDate: {
        actual: 60,
        estimated: 6.2,
        total: 66.2,
        withoutFigure: 0,
        kind: 'approximate',
      },
      forecast: 633.8,
      forecastKind: 'approximate',
      monthToDatePercent: 13.2,
      forecastPercent: 126.8,
      crossedByForecast: [50, 100],
      overByForecast: true,
    }),
    spend({
      budget: makeBudget(3, {
        owner: 'group:default/team-b',
        amount: 10,
        thresholds: [80],
        use: {
          totalKind: 'unknown',
          description: 'unknown, 1 deployment without an estimate',
          percent: undefined,
        },
      }),
      monthToDate: {
        actual: 0,
        estimated: 0,
        total: 0,
        withoutFigure: 1,
        kind: 'unknown',
      },
      forecast: null,
      forecastKind: 'unknown',
      monthToDatePercent: undefined,
      forecastPercent: undefined,
      crossedByForecast: [],
    }),
  ],
};

const render = () =>
  renderInTestApp(<BudgetBarsCard />, {
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

describe('BudgetBarsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows each budget with its month so far, forecast, thresholds and flags', async () => {
    server.use(
      http.get(`${baseUrl}/costs/budgets`, () => HttpResponse.json(report)),
    );
    await render();
    expect(await screen.findByText('Budgets in 2026-12')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: '$16.20 so far (16.2 %); $67.80 forecast by month end (67.8 %)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Forecast reaches 50 %')).toBeInTheDocument();
    // Approximate figures say so; an overrun by the forecast is flagged.
    expect(
      screen.getByRole('img', {
        name: '≈ $66.20 so far (≈ 13.2 %); ≈ $633.80 forecast by month end (≈ 126.8 %)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Forecast over budget')).toBeInTheDocument();
    // Nothing with a figure: unknown, never $0.
    const teamB = screen
      .getByText('group:default/team-b: $10.00 a month')
      .closest('div')!.parentElement!;
    expect(
      within(teamB).getByText(
        'unknown so far (share unknown); unknown forecast by month end (share unknown).',
      ),
    ).toBeInTheDocument();
    expect(
      within(teamB).getByText(/1 deployment-days with no figure are left out/),
    ).toBeInTheDocument();
    // Beside the spend, the use from the current estimates (both team A budgets).
    expect(
      screen.getAllByText(
        (_, el) =>
          el?.tagName === 'SPAN' &&
          /^Thresholds .* %\. Current estimates: \$500\.00 a month\.$/.test(
            el.textContent ?? '',
          ),
      ),
    ).toHaveLength(2);
  });

  it('says when there is no budget', async () => {
    server.use(
      http.get(`${baseUrl}/costs/budgets`, () =>
        HttpResponse.json({ ...report, items: [] }),
      ),
    );
    await render();
    expect(await screen.findByText(/No budget is set/)).toBeInTheDocument();
  });
});
