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
import { EmissionsOverview } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { describeEmissionsTotal, EmissionsCard } from './EmissionsCard';

const overview: EmissionsOverview = {
  asOf: '2026-12-11T12:00:00.000Z',
  total: {
    deployments: 6,
    knownGrams: 12_400,
    kind: 'partial',
    notEstimated: 3,
    partial: 0,
  },
  owners: [
    {
      owner: 'group:default/team-a',
      deployments: 3,
      knownGrams: 12_400,
      kind: 'approximate',
      notEstimated: 0,
      partial: 0,
    },
    {
      owner: 'group:default/team-b',
      deployments: 3,
      knownGrams: null,
      kind: 'unknown',
      notEstimated: 3,
      partial: 0,
    },
  ],
  gridYears: ['2021', '2022'],
  datasetsBuiltAt: ['2026-12-01'],
  stopped: 1,
};

describe('describeEmissionsTotal', () => {
  it('is no surer than its parts, and never 0 for a deployment without a figure', () => {
    const total = overview.total;
    expect(
      describeEmissionsTotal({ ...total, kind: 'exact', notEstimated: 0 }),
    ).toBe('12.4 kgCO2e/month');
    expect(
      describeEmissionsTotal({
        ...total,
        notEstimated: 1,
        partial: 2,
        knownGrams: 830,
      }),
    ).toBe(
      '830 gCO2e/month known; 1 deployment not estimated; 2 deployments with lines missing',
    );
    expect(
      describeEmissionsTotal({
        ...total,
        knownGrams: null,
        kind: 'unknown',
        notEstimated: 6,
      }),
    ).toBe('unknown: 6 deployments not estimated');
  });
});

describe('EmissionsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = () =>
    renderInTestApp(<EmissionsCard />, {
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

  it('shows the known emissions, what is not estimated, per team, and the grid factors\u2019 years', async () => {
    server.use(
      http.get(`${baseUrl}/costs/emissions`, () => HttpResponse.json(overview)),
    );
    await render();
    expect(
      await screen.findByText(
        '12.4 kgCO2e/month known; 3 deployments not estimated',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Grid factors of 2021, 2022, coefficients built 2026-12-01. Includes 1 stopped deployment, at what its estimate says.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('group:default/team-a: ≈ 12.4 kgCO2e/month'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'group:default/team-b: unknown: 3 deployments not estimated',
      ),
    ).toBeInTheDocument();
  });

  it('says so when no deployment runs or is stopped', async () => {
    server.use(
      http.get(`${baseUrl}/costs/emissions`, () =>
        HttpResponse.json({
          ...overview,
          total: {
            ...overview.total,
            deployments: 0,
            knownGrams: 0,
            kind: 'exact',
            notEstimated: 0,
          },
          owners: [],
          gridYears: [],
          datasetsBuiltAt: [],
          stopped: 0,
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText('No deployment runs or is stopped.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the figures cannot be read', async () => {
    server.use(
      http.get(`${baseUrl}/costs/emissions`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(await screen.findByText(/Unauthorized/)).toBeInTheDocument();
  });
});
