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
import userEvent from '@testing-library/user-event';
import { TtlSavingsReport } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { TtlSavingsCard } from './TtlSavingsCard';

const report: TtlSavingsReport = {
  period: 'month',
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-10T12:00:00.000Z',
  total: {
    deployments: 3,
    saved: 16.8,
    monthlyAvoided: 73,
    withoutEstimate: 1,
    kind: 'partial',
  },
  owners: [
    {
      owner: 'group:default/team-a',
      deployments: 2,
      saved: 16.8,
      monthlyAvoided: 73,
      withoutEstimate: 0,
      kind: 'exact',
    },
    {
      owner: 'group:default/team-b',
      deployments: 1,
      saved: null,
      monthlyAvoided: null,
      withoutEstimate: 1,
      kind: 'unknown',
    },
  ],
  deployments: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'preview-1',
      environment: 'development',
      owner: 'group:default/team-a',
      provider: 'gcp-cloud-run',
      destroyedAt: '2026-12-05T12:00:00.000Z',
      monthlyCost: 73,
      kind: 'exact',
      hours: 120,
      saved: 12,
    },
    {
      id: '00000000-0000-4000-8000-000000000002',
      name: 'preview-2',
      environment: 'development',
      owner: 'group:default/team-a',
      provider: 'gcp-cloud-run',
      destroyedAt: '2026-12-08T12:00:00.000Z',
      recreatedAt: '2026-12-09T12:00:00.000Z',
      monthlyCost: 146,
      kind: 'exact',
      hours: 24,
      saved: 4.8,
    },
    {
      id: '00000000-0000-4000-8000-000000000003',
      name: 'preview-3',
      environment: 'development',
      owner: 'group:default/team-b',
      provider: 'gcp-cloud-run',
      destroyedAt: '2026-12-09T12:00:00.000Z',
      monthlyCost: null,
      kind: 'unknown',
      hours: 24,
      saved: null,
    },
  ],
};

describe('TtlSavingsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const asked: string[] = [];

  beforeEach(() => {
    asked.length = 0;
    server.use(
      http.get(`${baseUrl}/costs/ttl-savings`, ({ request }) => {
        const period = new URL(request.url).searchParams.get('period');
        asked.push(period ?? '');
        return HttpResponse.json(
          period === 'all'
            ? {
                ...report,
                period: 'all',
                total: { ...report.total, deployments: 0 },
              }
            : report,
        );
      }),
    );
  });

  it('shows the savings per team and in total, unknown parts said', async () => {
    await renderInTestApp(<TtlSavingsCard />, {
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
    expect(await screen.findByText('≥ $16.80 saved')).toBeInTheDocument();
    expect(asked).toEqual(['month']);
    expect(
      screen.getByText(
        '≥ $16.80 saved by 3 TTL destroys, 1 without a priced estimate (not counted); ≥ $73.00 a month avoided now.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'group:default/team-b: unknown: 1 TTL destroy, none with a priced estimate',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /: \$4\.80 over 24 h at \$146\.00 a month, until it was made again 2026-12-09 12:00 UTC/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/: unknown \(no priced estimate\) over 24 h/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Period'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All time' }),
    );
    expect(
      await screen.findByText(
        'No deployment was destroyed by its time to live in this period.',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['month', 'all']);
  });
});
