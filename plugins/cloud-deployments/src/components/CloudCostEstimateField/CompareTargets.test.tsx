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
  EstimateRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
  ...o,
});

const exact = (usd: number) =>
  makeEstimate({ lines: [makeLine({ monthlyCost: usd })] });

/** The answer of a portal with four targets: exact, approximate, missing and unfit. */
const fourTargets: CompareResult = {
  currency: 'USD',
  estimatedAt: '2026-12-05T00:00:00.000Z',
  options: [
    option({ estimate: exact(3.2), cheapestExact: true }),
    option({
      provider: 'azure-container-instances',
      region: 'eastus',
      estimate: makeEstimate({
        lines: [
          makeLine({
            monthlyCost: 36.06,
            region: 'eastus',
            kind: 'approximate',
          }),
        ],
      }),
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
      ['Cloud Run', 'europe-west1', '1 vCPU, 2 GiB', '$3.20', 'cheapest exact'],
      ['ACI', 'eastus', '1 vCPU, 2 GiB', '≈ $36.06 (priced from eastus)', ''],
      [
        'Kubernetes',
        'us-east-1',
        'pod share of a x9.large node (4 vCPU, 16 GiB)',
        'unknown, 1 line unpriced',
        '',
      ],
      [
        'SageMaker',
        'us-east-1',
        '1 vCPU, 2 GiB, 1 GPU',
        'not priced: no SageMaker instance type in the price data holds it',
        '',
      ],
    ]);
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
