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
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeApproval } from '../../__testUtils__/approvals';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { ApprovalHistory } from './ApprovalHistory';

const ID = '00000000-0000-4000-8000-000000000001';
const decided = new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString();

describe('ApprovalHistory', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(status: number, body: object) {
    server.use(
      http.get(`${baseUrl}/deployments/:id/approvals`, () =>
        HttpResponse.json(body, { status }),
      ),
    );
  }

  const renderHistory = () =>
    renderInTestApp(<ApprovalHistory deploymentId={ID} />, {
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

  it('lists every request with where it stands, who decided, when and why', async () => {
    serve(200, {
      items: [
        makeApproval(4, { operation: 'rollback' }),
        makeApproval(3, {
          operation: 'update',
          status: 'void',
          decidedAt: decided,
          comment: 'the deployment changed since (version 2 → 3)',
        }),
        makeApproval(2, {
          operation: 'redeploy',
          status: 'rejected',
          decidedBy: 'user:default/ann',
          decidedAt: decided,
          comment: 'Not during the freeze',
        }),
        makeApproval(1, {
          status: 'approved',
          decidedBy: 'user:default/ann',
          decidedAt: decided,
          comment: 'Budget agreed',
        }),
      ],
    });

    await renderHistory();

    await screen.findByText('Budget agreed');
    const rows = screen
      .getAllByRole('row')
      .filter(row => row.closest('tbody'))
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      ['awaiting approval', 'rollback', 'jane', '10 min ago', '—', '—', ''],
      [
        'void',
        'update',
        'jane',
        '10 min ago',
        '—',
        '3 h ago',
        'the deployment changed since (version 2 → 3)',
      ],
      [
        'rejected',
        'redeploy',
        'jane',
        '10 min ago',
        'ann',
        '3 h ago',
        'Not during the freeze',
      ],
      [
        'approved',
        'create',
        'jane',
        '10 min ago',
        'ann',
        '3 h ago',
        'Budget agreed',
      ],
    ]);
  });

  it('says when no request was held', async () => {
    serve(200, { items: [] });
    await renderHistory();
    expect(
      await screen.findByText(
        'No request of this deployment was held for approval.',
      ),
    ).toBeInTheDocument();
  });

  it('shows why the requests could not be read', async () => {
    serve(403, {
      error: { name: 'NotAllowedError', message: 'You may not read this' },
      response: { statusCode: 403 },
    });
    await renderHistory();
    expect(
      await screen.findByText(/You may not read this/),
    ).toBeInTheDocument();
  });
});
