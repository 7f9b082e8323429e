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
import {
  DeploymentRevision,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl, makeDeployment } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { RevisionHistory } from './RevisionHistory';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const deployment = makeDeployment(1, { name: 'fraud-model', version: 7 });
const ago = (minutes: number) =>
  new Date(Date.now() - minutes * 60 * 1000).toISOString();
const spec = (image: string, instanceCount = 1): DeploymentSpec => ({
  ...deployment.spec,
  artifact: { image },
  compute: { instanceType: 'ml.m5.large', instanceCount },
});

const revisions: DeploymentRevision[] = [
  {
    deploymentId: deployment.id,
    number: 3,
    spec: spec('acme/model:bad', 2),
    monthlyCost: 167.9,
    currency: 'USD',
    costKind: 'exact',
    change: 'update',
    createdBy: 'user:default/jane',
    createdAt: ago(10),
    outcome: 'active',
  },
  {
    deploymentId: deployment.id,
    number: 2,
    spec: spec('acme/model:2'),
    currency: 'USD',
    costKind: 'unknown',
    change: 'update',
    createdBy: 'user:default/jane',
    createdAt: ago(60),
    outcome: 'superseded',
  },
  {
    deploymentId: deployment.id,
    number: 1,
    spec: spec('acme/model:1'),
    monthlyCost: 83.95,
    currency: 'USD',
    costKind: 'approximate',
    change: 'create',
    approvedBy: 'user:default/ann',
    createdBy: 'user:default/jane',
    createdAt: ago(180),
    outcome: 'active',
  },
];

describe('RevisionHistory', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(status: number, body: object) {
    server.use(
      http.get(`${baseUrl}/deployments/:id/revisions`, () =>
        HttpResponse.json(body, { status }),
      ),
    );
  }

  function renderHistory(
    options: {
      authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      onRolledBack?: jest.Mock;
      status?: 'active' | 'updating';
    } = {},
  ) {
    return renderInTestApp(
      <RevisionHistory
        deployment={{ ...deployment, status: options.status ?? 'active' }}
        onRolledBack={options.onRolledBack ?? jest.fn()}
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
          mockApis.permission({
            authorize: options.authorize ?? AuthorizeResult.ALLOW,
          }),
        ],
      },
    );
  }

  const tableRows = () =>
    screen
      .getAllByRole('row')
      .filter(row => row.closest('tbody'))
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );

  it('lists the revisions newest first with who, why, cost and its kind, outcome and the current one', async () => {
    serve(200, { items: revisions, current: 3 });
    await renderHistory();
    await screen.findByText('Created');
    expect(tableRows()).toEqual([
      [
        '3current',
        'Updatedby jane · 10 min ago',
        '$167.90 (exact)',
        'reached active',
        '',
      ],
      [
        '2',
        'Updatedby jane · 1 h ago',
        'unknown (unpriced)',
        'superseded before it settled',
        'Roll back to revision 2',
      ],
      [
        '1',
        'Createdby jane, approved by ann · 3 h ago',
        '≈ $83.95 (approximate)',
        'reached active',
        'Roll back to revision 1',
      ],
    ]);
  });

  it('breaks a reason at the separators of a URL in it, not inside its words', async () => {
    const url = 'https://status.example.com/incidents/2026-12-08-latency';
    serve(200, {
      items: [{ ...revisions[0], reason: `rolled back after ${url}` }],
      current: 3,
    });
    await renderHistory();
    const reason = await screen.findByText(
      (_, el) =>
        el?.tagName === 'DIV' &&
        el.textContent === `Updated: rolled back after ${url}`,
    );
    // A <wbr> between each two of its parts: https:// status. example. com/
    // incidents/ 2026- 12- 08- latency.
    expect(reason.querySelectorAll('wbr')).toHaveLength(8);
  });

  it('shows the field diff of any two revisions', async () => {
    serve(200, { items: revisions, current: 3 });
    const user = userEvent.setup();
    await renderHistory();
    const changes = await screen.findByRole('list', {
      name: 'Changes from revision 2 to revision 3',
    });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'artifact.image: acme/model:2 → acme/model:bad',
      'compute.instanceCount: 1 → 2',
    ]);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'From' }),
      'Revision 1',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'To' }),
      'Revision 2',
    );
    expect(
      within(
        screen.getByRole('list', {
          name: 'Changes from revision 1 to revision 2',
        }),
      )
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['artifact.image: acme/model:1 → acme/model:2']);
  });

  it('rolls back to a picked revision after a confirmation naming it and its cost delta', async () => {
    serve(200, { items: revisions, current: 3 });
    const sent: unknown[] = [];
    server.use(
      http.post(`${baseUrl}/deployments/:id/rollback`, async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json(
          { ...deployment, status: 'updating', version: 8 },
          { status: 202 },
        );
      }),
    );
    const onRolledBack = jest.fn();
    const user = userEvent.setup();
    await renderHistory({ onRolledBack });
    await user.click(
      await screen.findByRole('button', { name: 'Roll back to revision 1' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Roll back fraud-model to revision 1?',
      }),
    );
    expect(
      dialog.getByText(/is applied again as a new revision/).textContent,
    ).toBe(
      'The spec of revision 1 (3 h ago, by jane) is applied again as a new revision, replacing revision 3. About −$83.95 a month ($167.90 → ≈ $83.95).',
    );
    expect(
      within(dialog.getByRole('list', { name: 'What changes' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'artifact.image: acme/model:bad → acme/model:1',
      'compute.instanceCount: 2 → 1',
    ]);
    await user.type(
      dialog.getByRole('textbox', { name: 'Why (optional)' }),
      'checkout answers 500',
    );
    await user.click(
      dialog.getByRole('button', { name: 'Roll back to revision 1' }),
    );
    await waitFor(() => expect(onRolledBack).toHaveBeenCalled());
    expect(sent).toEqual([{ revision: 1, reason: 'checkout answers 500' }]);
    expect(onRolledBack.mock.calls[0][0]).toMatchObject({ status: 'updating' });
  });

  it('keeps the rollback buttons disabled while the deployment changes', async () => {
    serve(200, { items: revisions, current: 3 });
    await renderHistory({ status: 'updating' });
    const button = await screen.findByRole('button', {
      name: 'Roll back to revision 1',
    });
    expect(button).toBeDisabled();
  });

  it('shows why the revisions could not be read', async () => {
    serve(404, {
      error: { name: 'NotFoundError', message: 'No deployment with id x' },
      response: { statusCode: 404 },
    });
    await renderHistory();
    expect(
      await screen.findByText(/No deployment with id x/),
    ).toBeInTheDocument();
  });

  it('reads the current revision when it is not on the newest page', async () => {
    // Revisions 3 and 2 were made after the current one (say, never applied).
    serve(200, { items: revisions.slice(0, 2), current: 1, nextBefore: 2 });
    server.use(
      http.get(`${baseUrl}/deployments/:id/revisions/:number`, ({ params }) =>
        HttpResponse.json(
          revisions.find(r => String(r.number) === params.number),
        ),
      ),
    );
    await renderHistory();
    expect(
      await screen.findByRole('button', { name: 'Roll back to revision 3' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Roll back to revision 2' }),
    ).toBeInTheDocument();
  });

  it('shows why older revisions could not be read, keeping the loaded ones', async () => {
    server.use(
      http.get(`${baseUrl}/deployments/:id/revisions`, ({ request }) =>
        new URL(request.url).searchParams.has('before')
          ? HttpResponse.json(
              {
                error: { name: 'Error', message: 'database is on fire' },
                response: { statusCode: 500 },
              },
              { status: 500 },
            )
          : HttpResponse.json({
              items: revisions.slice(0, 2),
              current: 3,
              nextBefore: 2,
            }),
      ),
    );
    const user = userEvent.setup();
    await renderHistory();
    await user.click(
      await screen.findByRole('button', { name: 'Load older revisions' }),
    );
    // The panel's message (its details quote the body too).
    expect(await screen.findByText('database is on fire')).toBeInTheDocument();
    expect(tableRows().map(row => row[0])).toEqual(['3current', '2']);
    expect(
      screen.getByRole('button', { name: 'Load older revisions' }),
    ).toBeEnabled();
  });
});
