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
import { DeploymentCostHistory as History } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl, makeDeployment } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { DeploymentCostHistory } from './DeploymentCostHistory';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const deployment = makeDeployment(1);

const comparison = {
  from: '2026-11-29',
  to: '2026-12-06',
  daysCompared: 2,
  daysWithoutActual: 1,
  daysWithoutEstimate: 0,
  daysInOtherCurrency: 0,
  estimated: 20,
  actual: 25,
  ratio: 1.25,
  flagged: true,
  estimateKind: 'exact' as const,
  actualKinds: ['billed' as const],
};

const history: History = {
  deploymentId: deployment.id,
  currency: 'USD',
  from: '2026-11-06',
  to: '2026-12-06',
  days: [
    {
      day: '2026-12-03',
      complete: true,
      billingHours: 24,
      estimated: 10,
      estimateKind: 'exact',
      actual: 10,
      actualKind: 'billed',
      actualSource: 'aws-cost-explorer',
      actualCurrency: 'USD',
    },
    {
      day: '2026-12-04',
      complete: true,
      billingHours: 24,
      estimated: 10,
      estimateKind: 'exact',
      actual: 15,
      actualKind: 'billed',
      actualSource: 'aws-cost-explorer',
      actualCurrency: 'USD',
    },
    {
      day: '2026-12-05',
      complete: false,
      billingHours: 12.5,
      estimated: 5.21,
      estimateKind: 'partial',
      actual: null,
    },
  ],
  comparison,
  actualSource: {
    id: 'aws-cost-explorer',
    title: 'AWS Cost Explorer',
    kind: 'billed',
  },
  actualNote: 'Read from AWS Cost Explorer by the tag, once a day.',
};

describe('DeploymentCostHistory', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: string[] = [];

  function serve(body: History) {
    server.use(
      http.get(`${baseUrl}/deployments/:id/costs`, ({ request }) => {
        requests.push(new URL(request.url).search);
        return HttpResponse.json(body);
      }),
    );
  }

  const render = () =>
    renderInTestApp(<DeploymentCostHistory deployment={deployment} />, {
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

  it('says how actual compares with the estimate, flags it, and lists the days', async () => {
    serve(history);
    await render();
    expect(
      await screen.findByText(
        '2 days: actual $25.00 against $20.00 estimated, 25 % above the estimate (beyond ±20 %).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 day has no actual cost yet and is not compared.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Actual cost: AWS Cost Explorer \(billed\)\./),
    ).toBeInTheDocument();
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    // Newest first; an unread day is "not known", never $0.
    expect(rows).toEqual([
      ['2026-12-05 (so far)', '12.5', '$5.21 (partial)', 'not known'],
      ['2026-12-04', '24', '$10.00', '$15.00'],
      ['2026-12-03', '24', '$10.00', '$10.00'],
    ]);
  });

  it('says why there is nothing to compare, and labels synthetic sandbox figures', async () => {
    serve({
      ...history,
      days: [],
      comparison: {
        ...comparison,
        daysCompared: 0,
        daysWithoutActual: 0,
        estimated: null,
        actual: null,
        ratio: null,
        flagged: false,
        estimateKind: 'unknown',
        actualKinds: [],
        note: 'No day in this span had the deployment billing.',
      },
      actualSource: {
        id: 'sandbox-usage',
        title: 'Sandbox usage (running time × list price)',
        kind: 'sandbox',
      },
      actualNote: 'Synthetic: a sandbox bills nothing.',
    });
    await render();
    expect(
      await screen.findByText(
        'No day in this span had the deployment billing.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Actual cost: Sandbox usage \(running time × list price\) \(sandbox, synthetic\)\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No day of cost is recorded yet: the portal works out its figures every few minutes and reads bills once a day.',
      ),
    ).toBeInTheDocument();
  });
});
