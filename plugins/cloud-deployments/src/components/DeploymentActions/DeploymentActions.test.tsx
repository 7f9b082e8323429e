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
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  Deployment,
  DeploymentRevision,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeApproval } from '../../__testUtils__/approvals';
import { baseUrl, makeDeployment } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { DeploymentActions } from './DeploymentActions';
import { ActionPermissions } from './useActionPermissions';
import { RollbackChoice } from './useRollbackTarget';

const allowAll: ActionPermissions = () => ({ allowed: true, loading: false });

const revision = (number: number, image: string): DeploymentRevision => ({
  deploymentId: makeDeployment(1).id,
  number,
  spec: {
    ...makeDeployment(1).spec,
    artifact: { image },
  },
  currency: 'USD',
  costKind: 'exact',
  monthlyCost: 83.95,
  change: number === 1 ? 'create' : 'update',
  createdBy: 'user:default/guest',
  createdAt: '2026-11-01T09:00:00.000Z',
  outcome: 'active',
});

/** What the page found a rollback would restore: revision 2, image 1.1. */
const rollback: RollbackChoice = {
  current: revision(3, 'ghcr.io/acme/model:1.2.0'),
  target: revision(2, 'ghcr.io/acme/model:1.1.0'),
};
const ROLL_BACK = 'Roll back model-1 to revision 2 (ghcr.io/acme/model:1.1.0)';

describe('DeploymentActions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Answers any action with the deployment in `status`, recording requests. */
  function serve(status: Deployment['status'] = 'destroying') {
    const received: { method: string; path: string }[] = [];
    server.use(
      http.all(`${baseUrl}/*`, ({ request }) => {
        received.push({
          method: request.method,
          path: new URL(request.url).pathname.slice(
            '/api/cloud-deployments'.length,
          ),
        });
        return HttpResponse.json(
          { ...makeDeployment(1), status },
          { status: 202 },
        );
      }),
    );
    return received;
  }

  function renderActions(
    deployment: Deployment,
    permissions: ActionPermissions = allowAll,
    choice: RollbackChoice | null = rollback,
  ) {
    const onDone = jest.fn();
    const toastApi = { post: jest.fn() };
    renderInTestApp(
      <DeploymentActions
        deployment={deployment}
        permissions={permissions}
        rollback={choice ?? undefined}
        onDone={onDone}
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
          [toastApiRef, toastApi],
        ],
      },
    );
    return { onDone, toastApi };
  }

  const buttonNames = () =>
    within(screen.getByRole('group'))
      .getAllByRole('button')
      .map(b => b.getAttribute('aria-label'));

  it('offers only the actions valid for the status, named after the deployment', async () => {
    renderActions(makeDeployment(1, { status: 'active' }));
    expect(buttonNames()).toEqual([
      'Redeploy model-1',
      ROLL_BACK,
      'Stop model-1',
      'Destroy model-1',
    ]);
    // Each says what it will do.
    expect(
      screen.getByRole('button', { name: 'Stop model-1' }),
    ).toHaveAccessibleDescription(
      'Stops model-1: it stops answering and billing compute',
    );
    expect(
      screen.getByRole('button', { name: ROLL_BACK }),
    ).toHaveAccessibleDescription(
      'Restores the spec of revision 2 (ghcr.io/acme/model:1.1.0) as a new revision',
    );
  });

  it('offers no rollback when there is no revision to go back to', async () => {
    renderActions(makeDeployment(1, { status: 'active' }), allowAll, null);
    expect(buttonNames()).toEqual([
      'Redeploy model-1',
      'Stop model-1',
      'Destroy model-1',
    ]);
  });

  it.each(['provisioning', 'updating'] as const)(
    'offers cancel and destroy while %s',
    async status => {
      renderActions(makeDeployment(1, { status }));
      expect(buttonNames()).toEqual(['Cancel model-1', 'Destroy model-1']);
    },
  );

  it('offers only cancel while destroying', async () => {
    renderActions(makeDeployment(1, { status: 'destroying' }));
    expect(buttonNames()).toEqual(['Cancel model-1']);
  });

  it.each([
    [
      'updating',
      'Cancel the update of model-1?',
      'The cloud may be part-way through the change; roll back or redeploy afterwards to apply a known spec.',
      'Cancel update',
      'Keep updating',
    ],
    [
      'destroying',
      'Cancel destroying model-1?',
      'Resources not yet deleted remain and are still billed; destroy it again to delete them.',
      'Cancel destroy',
      'Keep destroying',
    ],
  ] as const)(
    'says what cancelling leaves behind while %s',
    async (status, title, consequence, confirm, keep) => {
      const received = serve('failed');
      const user = userEvent.setup();
      const { onDone } = renderActions(makeDeployment(1, { status }));

      await user.click(screen.getByRole('button', { name: 'Cancel model-1' }));
      const dialog = screen.getByRole('dialog', { name: title });
      expect(dialog).toHaveTextContent(consequence);
      expect(
        within(dialog).getByRole('button', { name: keep }),
      ).toBeInTheDocument();
      await user.click(within(dialog).getByRole('button', { name: confirm }));

      await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
      expect(received).toEqual([
        {
          method: 'POST',
          path: '/deployments/00000000-0000-4000-8000-000000000001/cancel',
        },
      ]);
    },
  );

  it('renders nothing for a destroyed deployment', async () => {
    renderActions(makeDeployment(1, { status: 'destroyed' }));
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const received = serve();
    const user = userEvent.setup();
    const { onDone } = renderActions(makeDeployment(1));

    await user.click(screen.getByRole('button', { name: 'Destroy model-1' }));
    const dialog = screen.getByRole('dialog', { name: 'Destroy model-1?' });
    expect(dialog).toHaveTextContent(
      'The resources of model-1 in aws-sagemaker (us-east-1) are deleted. This cannot be undone.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(received).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it.each([
    ['Redeploy', 'active', 'Redeploy', 'POST', '/redeploy'],
    ['Roll back', 'failed', 'Roll back to revision 2', 'POST', '/rollback'],
    ['Cancel', 'pending', 'Cancel provisioning', 'POST', '/cancel'],
    ['Destroy', 'active', 'Destroy', 'DELETE', ''],
  ] as const)(
    '%s, once confirmed, calls the backend and reports the new status',
    async (label, status, confirm, method, suffix) => {
      const received = serve('updating');
      const user = userEvent.setup();
      const { onDone, toastApi } = renderActions(makeDeployment(1, { status }));

      await user.click(
        screen.getByRole('button', {
          name: label === 'Roll back' ? ROLL_BACK : `${label} model-1`,
        }),
      );
      const dialog = screen.getByRole('dialog');
      expect(dialog).toHaveTextContent('model-1');
      await user.click(within(dialog).getByRole('button', { name: confirm }));

      await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
      expect(received).toEqual([
        {
          method,
          path: `/deployments/00000000-0000-4000-8000-000000000001${suffix}`,
        },
      ]);
      expect(onDone.mock.calls[0][0]).toMatchObject({ status: 'updating' });
      expect(onDone.mock.calls[0][1]).toMatchObject({ label });
      expect(toastApi.post).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'success' }),
      );
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    },
  );

  it('says the action waits for approval when a policy held it', async () => {
    const approval = makeApproval(1, { operation: 'redeploy' });
    server.use(
      http.post(`${baseUrl}/deployments/:id/redeploy`, () =>
        HttpResponse.json(
          { ...makeDeployment(1, { status: 'active' }), approval },
          { status: 202 },
        ),
      ),
    );
    const user = userEvent.setup();
    const { onDone, toastApi } = renderActions(
      makeDeployment(1, { status: 'active' }),
    );

    await user.click(screen.getByRole('button', { name: 'Redeploy model-1' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Redeploy',
      }),
    );

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(onDone.mock.calls[0][0]).toMatchObject({ approval });
    expect(toastApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Redeploy: model-1 waits for approval',
      }),
    );
  });

  it('reads a status with words: awaiting approval', async () => {
    const user = userEvent.setup();
    const { toastApi } = renderActions(makeDeployment(1, { status: 'active' }));
    server.use(
      http.post(`${baseUrl}/deployments/:id/rollback`, () =>
        HttpResponse.json(makeDeployment(1, { status: 'awaiting_approval' }), {
          status: 202,
        }),
      ),
    );

    await user.click(screen.getByRole('button', { name: ROLL_BACK }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Roll back to revision 2',
      }),
    );

    await waitFor(() =>
      expect(toastApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Roll back: model-1 is now awaiting approval',
        }),
      ),
    );
  });

  it('keeps the dialog open with the error when the backend refuses', async () => {
    server.use(
      http.post(`${baseUrl}/deployments/:id/rollback`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message:
                'Revision 2 has the spec model-1 has now (revision 3); rolling back to it would change nothing',
            },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    const { onDone } = renderActions(makeDeployment(1));

    await user.click(screen.getByRole('button', { name: ROLL_BACK }));
    const dialog = screen.getByRole('dialog');
    await user.click(
      within(dialog).getByRole('button', { name: 'Roll back to revision 2' }),
    );

    // The server's own words, not "Request failed with 409 Conflict".
    expect(
      await within(dialog).findByText(
        'Revision 2 has the spec model-1 has now (revision 3); rolling back to it would change nothing',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/Request failed/)).toBeNull();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('disables actions the user may not take, saying why, but keeps them reachable', async () => {
    const received = serve();
    const user = userEvent.setup();
    renderActions(makeDeployment(1), action => ({
      allowed: action.id !== 'destroy',
      loading: false,
    }));

    const destroy = screen.getByRole('button', { name: 'Destroy model-1' });
    expect(destroy).toHaveAttribute('aria-disabled', 'true');
    expect(destroy).toHaveAccessibleDescription(
      'You are not allowed to destroy deployments',
    );
    expect(
      screen.getByRole('button', { name: 'Redeploy model-1' }),
    ).not.toHaveAttribute('aria-disabled');

    // Redeploy, Roll back, Stop, then Destroy.
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(destroy).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(destroy);

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(received).toEqual([]);
  });

  it('is usable from the keyboard: Enter opens the dialog, focused on the safe choice', async () => {
    serve();
    const user = userEvent.setup();
    renderActions(makeDeployment(1));

    await user.tab();
    expect(
      screen.getByRole('button', { name: 'Redeploy model-1' }),
    ).toHaveFocus();
    await user.keyboard('{Enter}');

    const dialog = await screen.findByRole('dialog', {
      name: 'Redeploy model-1?',
    });
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});
