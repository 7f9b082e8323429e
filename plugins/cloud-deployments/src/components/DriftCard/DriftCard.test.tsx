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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl, makeDeployment } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { DriftCard } from './DriftCard';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const drifted = makeDeployment(1, {
  status: 'drifted',
  version: 4,
  drift: {
    detectedAt: '2026-12-06T03:00:00.000Z',
    fields: [
      {
        field: 'artifact.image',
        desired: 'ghcr.io/acme/model:1.0.0',
        observed: 'evil/miner:latest',
      },
      { field: 'compute.instanceCount', desired: 3, observed: 1 },
      { field: 'env.POOL', desired: null, observed: 'pool.example:3333' },
    ],
  },
});

describe('DriftCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  // Allowed throughout: usePermission caches its answers for the whole file.
  const render = (deployment: Deployment, onDone = jest.fn()) =>
    renderInTestApp(<DriftCard deployment={deployment} onDone={onDone} />, {
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
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });

  it('shows each differing field with its desired and observed value', async () => {
    await render(drifted);
    expect(screen.getByText('Configuration drift')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      ['artifact.image', 'ghcr.io/acme/model:1.0.0', 'evil/miner:latest'],
      ['compute.instanceCount', '3', '1'],
      ['env.POOL', '(none)', 'pool.example:3333'],
    ]);
  });

  it('re-applies the spec, and hands back what the backend answered', async () => {
    const onDone = jest.fn();
    const updating = { ...drifted, status: 'updating', drift: undefined };
    server.use(
      http.post(`${baseUrl}/deployments/${drifted.id}/drift/reapply`, () =>
        HttpResponse.json(updating, { status: 202 }),
      ),
    );
    await render(drifted, onDone);
    const button = screen.getByRole('button', { name: 'Re-apply the spec' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(updating));
  });

  it('accepts what runs at the version it shows, and shows a refusal', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${baseUrl}/deployments/${drifted.id}/drift/accept`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(
            {
              error: {
                name: 'ConflictError',
                message:
                  'Deployment model-1 drifted in env.POOL, which a spec cannot take as it is; re-apply the spec instead',
              },
              request: { method: 'POST', url: '/' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          );
        },
      ),
    );
    const onDone = jest.fn();
    await render(drifted, onDone);
    const button = screen.getByRole('button', { name: 'Accept what runs' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(
      await screen.findByText(/which a spec cannot take as it is/),
    ).toBeInTheDocument();
    expect(body).toEqual({ version: 4 });
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows nothing for a deployment that has not drifted', async () => {
    await render(makeDeployment(2));
    expect(screen.queryByText('Configuration drift')).not.toBeInTheDocument();
  });
});
