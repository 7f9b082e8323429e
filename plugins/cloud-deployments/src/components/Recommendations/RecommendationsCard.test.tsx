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
  Recommendation,
  RecommendationList,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
} from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { RecommendationsCard } from './RecommendationsCard';

jest.setTimeout(20_000);

const deployment = makeDeployment(1, {
  version: 3,
  spec: {
    ...makeDeployment(1).spec,
    compute: {
      instanceType: 'ml.g5.xlarge',
      instanceCount: 2,
      cpu: 2,
      memoryMiB: 4096,
    },
  },
});

const savings = (monthly: number | null): Recommendation['savings'] => ({
  currency: 'USD',
  monthlyTotal: monthly,
  pricedSubtotal: monthly ?? 0,
  totalKind: monthly === null ? 'unknown' : 'exact',
  complete: monthly !== null,
  missingLines: 0,
  approximateFrom: [],
  description:
    monthly === null
      ? 'unknown: the price data has no SageMaker Savings Plans rates'
      : `$${monthly.toLocaleString('en-US', {
          minimumFractionDigits: 2,
        })} a month`,
  lineKinds: { exact: monthly === null ? 0 : 2, approximate: 0, missing: 0 },
});

const base = {
  status: 'open' as const,
  provider: 'aws-sagemaker',
  deploymentId: deployment.id,
  deploymentName: deployment.name,
  environment: 'production',
  owner: 'group:default/ml-team',
  evidence: {},
  createdAt: '2026-12-06T12:00:00.000Z',
  lastSeenAt: '2026-12-06T12:00:00.000Z',
  statusChangedAt: '2026-12-06T12:00:00.000Z',
  statusChangedBy: 'system',
  version: 1,
};

const list: RecommendationList = {
  items: [
    {
      ...base,
      id: '11111111-1111-4111-8111-111111111111',
      kind: 'rightsizing',
      title: 'Move model-1 off a GPU it does not need',
      detail: 'model-1 (production) declares it needs 2 vCPU, 4 GiB, no GPU.',
      proposal: {
        type: 'change',
        spec: {
          compute: {
            instanceType: 'ml.m5.large',
            instanceCount: 2,
            cpu: 2,
            memoryMiB: 4096,
          },
        },
        summary: 'instance type ml.g5.xlarge → ml.m5.large',
      },
      savings: savings(1888.36),
    },
    {
      ...base,
      id: '22222222-2222-4222-8222-222222222222',
      kind: 'commitment',
      title: "Commit to model-1's steady use",
      detail: 'model-1 (production) has run in production for 40 days.',
      proposal: { type: 'manual', summary: 'Buy a SageMaker Savings Plan.' },
      savings: savings(null),
    },
  ],
  openSavings: {
    ...savings(1888.36),
    totalKind: 'partial',
    monthlyTotal: null,
    description: '≥ $1,888.36 a month, 1 without a figure',
  },
  computedAt: '2026-12-06T12:00:00.000Z',
  gaps: [
    'no metrics source for kubernetes: idle deployments there not looked for',
  ],
};

describe('RecommendationsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve() {
    const received: Array<{ method: string; path: string; body?: any }> = [];
    server.use(
      http.get(`${baseUrl}/recommendations`, ({ request }) => {
        received.push({ method: 'GET', path: new URL(request.url).search });
        return HttpResponse.json(list);
      }),
      http.patch(
        `${baseUrl}/recommendations/:id`,
        async ({ request, params }) => {
          const body = (await request.json()) as any;
          received.push({ method: 'PATCH', path: `rec/${params.id}`, body });
          const item = list.items.find(i => i.id === params.id)!;
          return HttpResponse.json({
            ...item,
            status: body.status,
            version: 2,
          });
        },
      ),
      http.get(`${baseUrl}/deployments/:id`, () =>
        HttpResponse.json(deployment),
      ),
      http.post(`${baseUrl}/deployments/:id/preview`, async ({ request }) => {
        const body = (await request.json()) as any;
        received.push({ method: 'POST', path: 'preview', body });
        return HttpResponse.json({
          version: 3,
          outcome: 'apply',
          changes: [
            {
              path: 'compute.instanceType',
              before: 'ml.g5.xlarge',
              after: 'ml.m5.large',
            },
          ],
          spec: deployment.spec,
          before: makeEstimate({
            monthlyTotal: 2056.26,
            pricedSubtotal: 2056.26,
          }),
          after: makeEstimate({ monthlyTotal: 167.9, pricedSubtotal: 167.9 }),
          monthlyDelta: -1888.36,
        });
      }),
      http.patch(`${baseUrl}/deployments/:id`, async ({ request }) => {
        received.push({
          method: 'PATCH',
          path: 'deployment',
          body: await request.json(),
        });
        return HttpResponse.json({
          ...deployment,
          status: 'updating',
          version: 4,
        });
      }),
    );
    return received;
  }

  const render = () =>
    renderInTestApp(<RecommendationsCard />, {
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

  it('shows each recommendation with its savings and how sure they are, and what was not looked at', async () => {
    serve();
    await render();
    expect(
      await screen.findByText(
        /Open ones save ≥ \$1,888\.36 a month, 1 without a figure/,
      ),
    ).toBeInTheDocument();
    const rightsizing = screen.getByRole('listitem', {
      name: 'Move model-1 off a GPU it does not need',
    });
    expect(rightsizing).toHaveTextContent(
      'Saves $1,888.36 a month (list prices)',
    );
    expect(rightsizing).toHaveTextContent(
      'Change: instance type ml.g5.xlarge → ml.m5.large',
    );
    const commitment = screen.getByRole('listitem', {
      name: "Commit to model-1's steady use",
    });
    expect(commitment).toHaveTextContent(
      'Saves unknown: the price data has no SageMaker Savings Plans rates',
    );
    expect(
      screen.getByText(
        'no metrics source for kubernetes: idle deployments there not looked for',
      ),
    ).toBeInTheDocument();
  });

  it('opens the change screen filled in with the proposal, and accepts only once the change is submitted', async () => {
    const received = serve();
    await render();
    const rightsizing = await screen.findByRole('listitem', {
      name: 'Move model-1 off a GPU it does not need',
    });
    await userEvent.click(
      within(rightsizing).getByRole('button', { name: 'Review change' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Change model-1',
    });
    expect(dialog).toHaveTextContent(
      'Filled in from a recommendation: instance type ml.g5.xlarge → ml.m5.large.',
    );
    expect(
      within(dialog).getByRole('textbox', { name: 'Instance type' }),
    ).toHaveValue('ml.m5.large');
    // Nothing is decided by opening it.
    expect(received.filter(r => r.method !== 'GET')).toEqual([]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );
    const review = await screen.findByRole('dialog', {
      name: 'Review the change of model-1',
    });
    expect(received.find(r => r.path === 'preview')!.body).toEqual({
      version: 3,
      compute: {
        instanceType: 'ml.m5.large',
        instanceCount: 2,
        cpu: 2,
        memoryMiB: 4096,
      },
    });
    await userEvent.click(
      within(review).getByRole('button', { name: 'Apply' }),
    );
    await waitFor(() =>
      expect(
        received.filter(r => r.method === 'PATCH').map(r => r.path),
      ).toEqual(['deployment', 'rec/11111111-1111-4111-8111-111111111111']),
    );
    expect(received.find(r => r.path.startsWith('rec/'))!.body).toEqual({
      status: 'accepted',
      version: 1,
      reason: 'change submitted from the recommendation',
    });
  });

  it('dismisses at the version read', async () => {
    const received = serve();
    await render();
    const commitment = await screen.findByRole('listitem', {
      name: "Commit to model-1's steady use",
    });
    await userEvent.click(
      within(commitment).getByRole('button', { name: 'Dismiss' }),
    );
    await waitFor(() =>
      expect(received.find(r => r.method === 'PATCH')).toEqual({
        method: 'PATCH',
        path: 'rec/22222222-2222-4222-8222-222222222222',
        body: { status: 'dismissed', version: 1 },
      }),
    );
    // And the list is read again.
    await waitFor(() =>
      expect(received.filter(r => r.method === 'GET').length).toBe(2),
    );
  });
});
