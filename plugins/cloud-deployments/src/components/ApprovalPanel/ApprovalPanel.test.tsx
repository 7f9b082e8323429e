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
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  Approval,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { changedSpec, makeApproval } from '../../__testUtils__/approvals';
import {
  baseUrl,
  makeDeployment,
  makeEstimate,
  makeLine,
} from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { ApprovalPanel } from './ApprovalPanel';

// usePermission caches its answers for the whole file, by deployment: the
// one no approver may decide on is a deployment of its own.
const DENIED = makeDeployment(9, { status: 'awaiting_approval' });

describe('ApprovalPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Answers a decision with the deployment in `status`, recording requests. */
  function serveDecision(status: Deployment['status'], code = 202) {
    const received: { path: string; body: unknown }[] = [];
    server.use(
      http.post(
        `${baseUrl}/deployments/:id/approvals/:approvalId/:decision`,
        async ({ request }) => {
          received.push({
            path: new URL(request.url).pathname.slice(
              '/api/cloud-deployments'.length,
            ),
            body: await request.json(),
          });
          return HttpResponse.json(
            { ...makeDeployment(1), status, version: 2 },
            { status: code },
          );
        },
      ),
    );
    return received;
  }

  async function renderPanel(
    options: {
      deployment?: Deployment;
      approval?: Approval;
      user?: string;
    } = {},
  ) {
    const deployment =
      options.deployment ?? makeDeployment(1, { status: 'awaiting_approval' });
    const approval =
      options.approval ?? makeApproval(1, { deploymentId: deployment.id });
    const onDecided = jest.fn();
    const onDismissed = jest.fn();
    const toastApi = { post: jest.fn() };
    await renderInTestApp(
      <ApprovalPanel
        deployment={deployment}
        approval={approval}
        onDecided={onDecided}
        onDismissed={onDismissed}
      />,
      {
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
          mockApis.identity({
            userEntityRef: options.user ?? 'user:default/ann',
          }),
          mockApis.permission({
            authorize: request =>
              'resourceRef' in request && request.resourceRef === DENIED.id
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }),
          [toastApiRef, toastApi],
        ],
      },
    );
    // Who the user is and what they may do arrive after the first render.
    await waitFor(() =>
      expect(
        screen.queryByText('Checking permission…'),
      ).not.toBeInTheDocument(),
    );
    return { onDecided, onDismissed, toastApi };
  }

  const approveButton = () => screen.getByRole('button', { name: 'Approve' });

  it('shows who asked, the policies that ask for approval and the values they saw', async () => {
    const approval = makeApproval(1, {
      estimate: makeEstimate({
        lines: [makeLine({ monthlyCost: 2751224, region: 'us-east-1' })],
      }),
    });
    approval.decision.values.monthlyCost = 2751224;
    approval.decision.values.instanceTypes = ['ml.p4d.24xlarge', 'ml.m5.large'];
    await renderPanel({ approval });

    expect(
      screen.getByRole('heading', { name: 'Waiting for approval' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The create of model-1 runs once someone approves it.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Requested by/)).toHaveTextContent(
      /Requested by jane 10 min ago \(.+\)/,
    );
    expect(
      within(screen.getByRole('list', { name: 'Policies' })).getByRole(
        'listitem',
      ),
    ).toHaveTextContent(
      'production-needs-approval: Production deployments need an approval',
    );
    const values = within(
      screen.getByRole('table', { name: 'Values the policies saw' }),
    )
      .getAllByRole('row')
      .map(row => row.textContent);
    expect(values).toEqual([
      'environmentproduction',
      'regionus-east-1',
      'monthlyCost$2,751,224.00',
      'instanceTypesml.p4d.24xlarge, ml.m5.large',
      'gpuno',
    ]);
    expect(screen.getByText('per month').parentElement).toHaveTextContent(
      '$2,751,224.00 per month',
    );
    // A create changes no field of an existing spec.
    expect(screen.queryByText('Changes')).not.toBeInTheDocument();
  });

  it('lists the fields an update changes, and says when its estimate is not exact', async () => {
    const deployment = makeDeployment(1, { estimate: makeEstimate() });
    const approval = makeApproval(1, {
      operation: 'update',
      spec: changedSpec(deployment),
      estimate: makeEstimate({
        lines: [
          makeLine({ monthlyCost: 251.85 }),
          makeLine({ sku: 'storage', monthlyCost: null }),
        ],
      }),
    });
    await renderPanel({ deployment, approval });

    expect(
      within(screen.getByRole('list', { name: 'Changes' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'artifact.image: ghcr.io/acme/model:1.0.0 → ghcr.io/acme/model:2.0.0',
      'compute.instanceCount: 1 → 3',
    ]);
    expect(screen.getByText(/≥ \$251\.85/)).toBeInTheDocument();
    expect(
      screen.getByText(/A lower bound: 1 line has no price/),
    ).toBeInTheDocument();
    expect(screen.getByText('Now: $83.95 a month')).toBeInTheDocument();
  });

  it('approves with the comment it asks for, then says what runs', async () => {
    const received = serveDecision('pending');
    const user = userEvent.setup();
    const { onDecided, toastApi } = await renderPanel();

    expect(approveButton()).toBeEnabled();
    await user.click(approveButton());
    const dialog = screen.getByRole('dialog', {
      name: 'Approve the create of model-1?',
    });
    const confirm = within(dialog).getByRole('button', { name: 'Approve' });
    expect(confirm).toBeDisabled();
    await user.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      '  Budget agreed with finance  ',
    );
    await user.click(confirm);

    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(received).toEqual([
      {
        path: '/deployments/00000000-0000-4000-8000-000000000001/approvals/20000000-0000-4000-8000-000000000001/approve',
        body: { comment: 'Budget agreed with finance' },
      },
    ]);
    expect(onDecided.mock.calls[0][0]).toMatchObject({ status: 'pending' });
    expect(toastApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Approved: model-1 is now pending',
        status: 'success',
      }),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('rejects with a comment', async () => {
    const received = serveDecision('destroyed', 200);
    const user = userEvent.setup();
    const { onDecided, toastApi } = await renderPanel();

    expect(screen.getByRole('button', { name: 'Reject' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Reject the create of model-1?',
    });
    expect(dialog).toHaveTextContent('it ends as destroyed');
    await user.type(within(dialog).getByRole('textbox'), 'Too big for prod');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));

    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(received[0].path).toMatch(/\/reject$/);
    expect(received[0].body).toEqual({ comment: 'Too big for prod' });
    expect(toastApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Rejected: the create of model-1; it is now destroyed',
      }),
    );
  });

  it('is disabled for the requester, saying why', async () => {
    await renderPanel({ user: 'user:default/jane' });

    expect(approveButton()).toHaveAccessibleDescription(
      'You requested this create; someone else must decide on it',
    );
    expect(approveButton()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
  });

  it('is disabled without the approve permission on the deployment, saying why', async () => {
    await renderPanel({
      deployment: DENIED,
      approval: makeApproval(1, { deploymentId: DENIED.id }),
    });

    expect(approveButton()).toHaveAccessibleDescription(
      'You are not allowed to decide on requests for this deployment',
    );
    expect(approveButton()).toBeDisabled();
  });

  it("shows the server's message when the decision is refused, and says so on closing", async () => {
    server.use(
      http.post(
        `${baseUrl}/deployments/:id/approvals/:approvalId/approve`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'ConflictError',
                message:
                  'The request is void: the estimate of its spec changed from $83.95 (exact) to $90.00 (exact) a month. Make the request again to have it decided.',
              },
              response: { statusCode: 409 },
            },
            { status: 409 },
          ),
      ),
    );
    const user = userEvent.setup();
    const { onDecided, onDismissed, toastApi } = await renderPanel();

    expect(approveButton()).toBeEnabled();
    await user.click(approveButton());
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('textbox'), 'ok');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));

    expect(
      await within(dialog).findByText(/The request is void: the estimate/),
    ).toBeInTheDocument();
    expect(onDecided).not.toHaveBeenCalled();
    expect(toastApi.post).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onDismissed).toHaveBeenCalledTimes(1);
  });
});
