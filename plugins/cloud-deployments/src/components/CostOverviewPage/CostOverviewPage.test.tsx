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
  CostComparison,
  CostTimeline,
  EstimateVsActualReport,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { CostOverviewPage } from './CostOverviewPage';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const comparison = (
  estimated: number,
  actual: number,
  flagged = false,
): CostComparison => ({
  from: '2026-11-29',
  to: '2026-12-06',
  daysCompared: 7,
  daysWithoutActual: 0,
  daysWithoutEstimate: 0,
  daysInOtherCurrency: 0,
  estimated,
  actual,
  ratio: Math.round((actual / estimated) * 1000) / 1000,
  flagged,
  estimateKind: 'exact',
  actualKinds: ['billed'],
});

function timeline(groupBy: CostTimeline['groupBy']): CostTimeline {
  return {
    from: '2026-11-06',
    to: '2026-12-07',
    groupBy,
    keys: ['a', 'b'],
    days: [
      {
        day: '2026-12-05',
        complete: true,
        estimated: 30,
        actual: 28,
        withoutEstimate: 0,
        withoutActual: 1,
        groups: {
          a: { estimated: 20, actual: 20 },
          b: { estimated: 10, actual: 8 },
        },
      },
    ],
  };
}

function report(
  groupBy: EstimateVsActualReport['groupBy'],
): EstimateVsActualReport {
  return {
    from: '2026-11-29',
    to: '2026-12-06',
    groupBy,
    groups: [
      {
        key: `${groupBy}-1`,
        deployments: 2,
        comparison: comparison(70, 100, true),
      },
      { key: `${groupBy}-2`, deployments: 1, comparison: comparison(50, 45) },
    ],
    flagged: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        name: 'fraud-model',
        environment: 'production',
        owner: 'group:default/ml-team',
        provider: 'aws-sagemaker',
        comparison: comparison(70, 100, true),
      },
    ],
  };
}

describe('CostOverviewPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const asked: string[] = [];

  beforeEach(() => {
    asked.length = 0;
    server.use(
      http.get(`${baseUrl}/costs/daily`, ({ request }) => {
        const url = new URL(request.url);
        asked.push(`daily${url.search}`);
        return HttpResponse.json(
          timeline(url.searchParams.get('groupBy') as CostTimeline['groupBy']),
        );
      }),
      http.get(`${baseUrl}/costs/forecast`, () =>
        HttpResponse.json({
          month: '2026-12',
          asOf: '2026-12-11T12:00:00.000Z',
          monthToDate: {
            actual: 12,
            estimated: 15,
            total: 27,
            withoutFigure: 1,
          },
          rest: {
            total: 97.2,
            deployments: 2,
            withoutEstimate: 1,
            ttlEnding: [
              {
                id: '00000000-0000-4000-8000-000000000002',
                name: 'preview-42',
                expiresAt: '2026-12-21T12:00:00.000Z',
                saves: 50.4,
              },
            ],
          },
          forecast: 124.2,
          forecastKind: 'partial',
        }),
      ),
      // The cards below have tests of their own; here they answer empty.
      http.get(`${baseUrl}/costs/movers`, () =>
        HttpResponse.json({
          days: 7,
          previous: { from: '2026-11-23', to: '2026-11-30' },
          recent: { from: '2026-11-30', to: '2026-12-07' },
          up: [],
          down: [],
          withoutFigure: 0,
        }),
      ),
      http.get(`${baseUrl}/costs/budgets`, () =>
        HttpResponse.json({
          month: '2026-12',
          asOf: '2026-12-11T12:00:00.000Z',
          items: [],
        }),
      ),
      http.get(`${baseUrl}/costs/ttl-savings`, () =>
        HttpResponse.json({
          period: 'month',
          to: '2026-12-11T12:00:00.000Z',
          total: {
            deployments: 0,
            saved: 0,
            monthlyAvoided: 0,
            withoutEstimate: 0,
            kind: 'exact',
          },
          owners: [],
          deployments: [],
        }),
      ),
      http.get(`${baseUrl}/costs/emissions`, () =>
        HttpResponse.json({
          asOf: '2026-12-11T12:00:00.000Z',
          total: {
            deployments: 0,
            knownGrams: 0,
            kind: 'exact',
            notEstimated: 0,
            partial: 0,
          },
          owners: [],
          gridYears: [],
          datasetsBuiltAt: [],
          stopped: 0,
        }),
      ),
      http.get(`${baseUrl}/costs/estimate-vs-actual`, ({ request }) => {
        const url = new URL(request.url);
        asked.push(`compare${url.search}`);
        return HttpResponse.json(
          report(url.searchParams.get('groupBy') as CostTimeline['groupBy']),
        );
      }),
    );
  });

  const render = () =>
    renderInTestApp(<CostOverviewPage />, {
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

  it('shows estimate against actual per group, the flagged deployments and what is missing', async () => {
    await render();
    expect(
      await screen.findByText('Estimate vs actual by owner, last 7 full days'),
    ).toBeInTheDocument();
    expect(asked.sort()).toEqual([
      'compare?groupBy=owner&days=7',
      'daily?groupBy=owner&days=30',
    ]);
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      ['owner-1', '2', '$70.00', '$100.00', '1.43× (beyond ±20 %)'],
      ['owner-2', '1', '$50.00', '$45.00', '0.90×'],
    ]);
    expect(
      screen.getByText(
        /fraud-model \(production, group:default\/ml-team\): 7 days: actual \$100\.00 against \$70\.00 estimated, 43 % above the estimate/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/On 1 of 1 days some deployments have no actual cost/),
    ).toBeInTheDocument();
    // The forecast: a lower bound, since some figures are left out.
    expect(
      screen.getByText('≥ $124.20 by the end of the month'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '$27.00 so far ($12.00 actual, $15.00 estimated for days not read yet), and $97.20 more from 2 live deployments.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 live deployments with no priced estimate/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('TTL expiries this month save $50.40'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(': ends 2026-12-21 12:00 UTC, saves $50.40', {
        exact: false,
      }),
    ).toBeInTheDocument();
    // The overview's other cards.
    expect(
      await screen.findByRole('heading', { name: 'Top movers' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Budgets in 2026-12' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No deployment was destroyed by its time to live in this period.',
      ),
    ).toBeInTheDocument();
  });

  it('groups by provider when asked', async () => {
    await render();
    await screen.findByText('Estimate vs actual by owner, last 7 full days');
    await userEvent.click(screen.getByLabelText('Group by'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Provider' }),
    );
    expect(
      await screen.findByText(
        'Estimate vs actual by provider, last 7 full days',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('provider-1')).toBeInTheDocument();
    expect(asked).toContain('daily?groupBy=provider&days=30');
  });
});
