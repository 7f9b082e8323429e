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
import {
  CompareOption,
  CompareResult,
  EmissionsEstimate,
  EstimateRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEmissions } from '../../__testUtils__/emissions';
import { makeEstimate, makeLine } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { CompareTargets } from './CompareTargets';
import { ESTIMATE_DEBOUNCE_MS } from './useLiveEstimate';

const cloudRunForm: EstimateRequest = {
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  compute: { cpu: 1, memoryMiB: 2048, concurrency: 40 },
  usage: { requestsPerMonth: 10_000_000 },
};

const option = (o: Partial<CompareOption>): CompareOption => ({
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  pricedAs: '1 vCPU, 2 GiB',
  fits: true,
  cheapestExact: false,
  lowerCarbon: false,
  ...o,
});

/** Emissions of `grams` a month, as sure as `over` says. */
const emissions = (grams: number, over: Partial<EmissionsEstimate> = {}) =>
  makeEmissions({
    lines: [],
    monthlyTotalGrams: grams,
    knownSubtotalGrams: grams,
    totalKind: 'exact',
    missingLines: 0,
    assumptions: {},
    ...over,
  });

const exact = (usd: number) =>
  makeEstimate({ lines: [makeLine({ monthlyCost: usd })] });

/** The answer of a portal with four targets: exact, approximate, missing and unfit. */
const fourTargets: CompareResult = {
  currency: 'USD',
  sort: 'cost',
  priceBand: { percent: 10, from: 3.2, upTo: 3.52 },
  estimatedAt: '2026-12-05T00:00:00.000Z',
  options: [
    option({
      estimate: { ...exact(3.2), emissions: emissions(139.1) },
      cheapestExact: true,
    }),
    option({
      provider: 'azure-container-instances',
      region: 'eastus',
      estimate: {
        ...makeEstimate({
          lines: [
            makeLine({
              monthlyCost: 36.06,
              region: 'eastus',
              kind: 'approximate',
            }),
          ],
        }),
        emissions: emissions(1200, {
          totalKind: 'partial',
          monthlyTotalGrams: null,
          missingLines: 1,
        }),
      },
    }),
    option({
      provider: 'kubernetes',
      region: 'us-east-1',
      pricedAs: 'pod share of a x9.large node (4 vCPU, 16 GiB)',
      estimate: makeEstimate({ lines: [makeLine({ monthlyCost: null })] }),
    }),
    option({
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      pricedAs: '1 vCPU, 2 GiB, 1 GPU',
      fits: false,
      reason: 'no SageMaker instance type in the price data holds it',
    }),
  ],
};

/** The backend's `POST /estimates/compare`, answering `answer` and recording each request. */
function fakeBackend(answer: () => Response) {
  const received: { path: string; body: any }[] = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      received.push({
        path: new URL(String(input)).pathname,
        body: JSON.parse(String(init?.body)),
      });
      return answer();
    }),
  };
  return { received, fetchApi };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

async function render(request: EstimateRequest, answer: () => Response) {
  const backend = fakeBackend(answer);
  await renderInTestApp(<CompareTargets request={request} />, {
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
    ],
  });
  return backend.received;
}

async function open(title: string) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  await user.click(screen.getByRole('button', { name: title }));
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ESTIMATE_DEBOUNCE_MS);
  });
}

/** The table's rows as text, cell by cell. */
const rows = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );

describe('CompareTargets', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks nothing until opened, then compares the form workload in its region and marks the cheapest exact option', async () => {
    const received = await render(cloudRunForm, () => json(fourTargets));
    expect(received).toEqual([]);

    await open('The same on SageMaker / ACI / Kubernetes');

    expect(received).toEqual([
      {
        path: '/api/cloud-deployments/estimates/compare',
        body: {
          compute: { cpu: 1, memoryMiB: 2048, concurrency: 40 },
          usage: { requestsPerMonth: 10_000_000 },
          regions: { 'gcp-cloud-run': ['europe-west1'] },
        },
      },
    ]);
    expect(rows()).toEqual([
      [
        'Cloud Run',
        'europe-west1',
        '1 vCPU, 2 GiB',
        '$3.20',
        '139 gCO2e/month',
        'cheapest exact',
      ],
      [
        'ACI',
        'eastus',
        '1 vCPU, 2 GiB',
        '≈ $36.06 (priced from eastus)',
        '≥ 1.2 kgCO2e/month, 1 line missing',
        '',
      ],
      [
        'Kubernetes',
        'us-east-1',
        'pod share of a x9.large node (4 vCPU, 16 GiB)',
        'unknown, 1 line unpriced',
        // Estimated before emissions were: never 0.
        'not estimated',
        '',
      ],
      [
        'SageMaker',
        'us-east-1',
        '1 vCPU, 2 GiB, 1 GPU',
        'not priced: no SageMaker instance type in the price data holds it',
        'not estimated',
        '',
      ],
    ]);
    expect(screen.queryByText(/lower carbon:/)).not.toBeInTheDocument();
  });

  it('marks the lower-carbon option with its saving in kg and %, and says how the band is drawn', async () => {
    const withChoice: CompareResult = {
      ...fourTargets,
      priceBand: { percent: 10, from: 29.57, upTo: 32.53 },
      options: [
        option({
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          estimate: { ...exact(29.57), emissions: emissions(3017) },
          cheapestExact: true,
        }),
        option({
          region: 'europe-west1',
          estimate: { ...exact(31.2), emissions: emissions(539.6) },
          lowerCarbon: true,
          carbonSaving: {
            comparedWith: { provider: 'aws-sagemaker', region: 'us-east-1' },
            grams: 2477.4,
            percent: 82.1,
            extraMonthlyUsd: 1.63,
          },
        }),
      ],
    };
    await render(cloudRunForm, () => json(withChoice));
    await open('The same on SageMaker / ACI / Kubernetes');

    expect(rows()).toEqual([
      [
        'SageMaker',
        'us-east-1',
        '1 vCPU, 2 GiB',
        '$29.57',
        '3.0 kgCO2e/month',
        'cheapest exact',
      ],
      [
        'Cloud Run',
        'europe-west1',
        '1 vCPU, 2 GiB',
        '$31.20',
        '540 gCO2e/month',
        'lower carbon: −2.5 kgCO2e (−82.1 %)',
      ],
    ]);
    expect(
      screen
        .getByText('lower carbon: −2.5 kgCO2e (−82.1 %)')
        .closest('[title]'),
    ).toHaveAttribute(
      'title',
      '2.5 kgCO2e/month (82.1 %) less than SageMaker us-east-1, for $1.63 more a month',
    );
    expect(
      screen.getByText(
        /within 10 % of the cheapest monthly total \(\$29\.57 to \$32\.53\)/,
      ),
    ).toBeInTheDocument();
  });

  it('asks for the emissions order when switched, and shows the order the backend gives', async () => {
    const byCost: CompareResult = {
      ...fourTargets,
      options: fourTargets.options.slice(0, 2),
    };
    const byEmissions: CompareResult = {
      ...byCost,
      sort: 'emissions',
      options: [...byCost.options].reverse(),
    };
    const received = await render(cloudRunForm, () =>
      json(received.length > 1 ? byEmissions : byCost),
    );
    await open('The same on SageMaker / ACI / Kubernetes');
    expect(screen.getByRole('radio', { name: 'Monthly cost' })).toBeChecked();
    expect(rows().map(r => r[0])).toEqual(['Cloud Run', 'ACI']);

    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(screen.getByRole('radio', { name: 'Emissions' }));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ESTIMATE_DEBOUNCE_MS);
    });

    expect(received.map(r => r.body.sort)).toEqual([undefined, 'emissions']);
    expect(screen.getByRole('radio', { name: 'Emissions' })).toBeChecked();
    expect(rows().map(r => r[0])).toEqual(['ACI', 'Cloud Run']);
  });

  it('marks nothing when no option is exact', async () => {
    const approximate: CompareResult = {
      ...fourTargets,
      options: fourTargets.options.slice(1),
    };
    await render(cloudRunForm, () => json(approximate));
    await open('The same on SageMaker / ACI / Kubernetes');
    expect(rows()).toHaveLength(3);
    expect(screen.queryByText('cheapest exact')).not.toBeInTheDocument();
  });

  it('says what is missing for a form without CPU and memory, and asks nothing', async () => {
    const received = await render(
      {
        provider: 'aws-sagemaker',
        region: 'us-east-1',
        compute: { instanceType: 'ml.m5.large' },
      },
      () => json(fourTargets),
    );
    await open('The same on Cloud Run / ACI / Kubernetes');
    expect(
      screen.getByText("The comparison needs the workload's CPU and memory."),
    ).toBeInTheDocument();
    expect(received).toEqual([]);
  });

  it('shows why values cannot be compared', async () => {
    await render(cloudRunForm, () =>
      json(
        {
          error: {
            name: 'InputError',
            message:
              'Invalid compare: regions.gcp-cloud-run: "moon" is not a gcp-cloud-run region',
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await open('The same on SageMaker / ACI / Kubernetes');
    expect(
      screen.getByText(/These values cannot be priced/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/"moon" is not a gcp-cloud-run region/),
    ).toBeInTheDocument();
  });
});
