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
import { TerraformPlanConfirmation } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { fireEvent, screen } from '@testing-library/react';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { PlanConfirmationPage } from './PlanConfirmationPage';

const id = '20000000-0000-4000-8000-000000000001';
const path = `/api/cloud-deployments/terraform/workspaces/fraud-model-staging/confirmations/${id}`;

/** The backend's two routes for one confirmation, over fetch. */
function fakeBackend() {
  let confirmation: TerraformPlanConfirmation = {
    id,
    workspace: 'fraud-model-staging',
    status: 'pending',
    planSha256: 'ab'.repeat(32),
    add: 3,
    change: 0,
    destroy: 1,
    monthlyBefore: 10,
    monthlyAfter: 93.95,
    requestedBy: 'user:default/developer',
    createdAt: '2026-12-06T03:00:00.000Z',
  };
  const decisions: unknown[] = [];
  const fetchApi = {
    fetch: async (input: any, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (request.method === 'POST' && url.pathname === `${path}/decision`) {
        const body = await request.json();
        decisions.push(body);
        confirmation = {
          ...confirmation,
          status: body.confirm ? 'confirmed' : 'rejected',
          decidedBy: 'user:default/reviewer',
          comment: body.comment,
        };
      } else if (request.method !== 'GET' || url.pathname !== path) {
        return new Response('{}', { status: 404 });
      }
      return new Response(JSON.stringify(confirmation), {
        headers: { 'Content-Type': 'application/json' },
      });
    },
  };
  return { fetchApi, decisions };
}

describe('PlanConfirmationPage', () => {
  it('shows the plan and its cost change, and confirms it with a comment', async () => {
    const backend = fakeBackend();
    await renderInTestApp(<PlanConfirmationPage />, {
      mountPath: '/terraform/workspaces/:workspace/confirmations/:confirmation',
      initialRouteEntries: [
        `/terraform/workspaces/fraud-model-staging/confirmations/${id}`,
      ],
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

    expect(
      await screen.findByText('3 to add, 0 to change, 1 to destroy'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('$10.00 → $93.95 a month (+$83.95)'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Comment'), {
      target: { value: 'reviewed' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and apply' }));
    expect(
      await screen.findByText('user:default/reviewer: reviewed'),
    ).toBeInTheDocument();
    expect(backend.decisions).toEqual([{ confirm: true, comment: 'reviewed' }]);
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });
});
