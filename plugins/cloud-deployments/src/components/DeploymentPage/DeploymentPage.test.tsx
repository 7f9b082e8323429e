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
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EventLog } from '../../__testUtils__/events';
import { makeApproval } from '../../__testUtils__/approvals';
import { FakeBackend } from '../../__testUtils__/FakeBackend';
import {
  makeDeployment,
  makeEstimate,
  makeLine,
} from '../../__testUtils__/fixtures';
import { makeEmissions } from '../../__testUtils__/emissions';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { Router } from '../Router';

const ID = '00000000-0000-4000-8000-000000000001';

/** Events of a deployment that was provisioned and is active. */
function activeLog() {
  const log = new EventLog();
  log.created();
  log.status('pending', 'provisioning');
  log.log('Creating the AWS SageMaker resources');
  log.log('Endpoint Creating');
  log.status('provisioning', 'active');
  return log;
}

/** Events of a deployment that is provisioning. */
function provisioningLog() {
  const log = new EventLog(Date.now() - 3 * 60_000);
  log.created();
  log.status('pending', 'provisioning');
  log.log('Creating the AWS SageMaker resources');
  return log;
}

/** The deployment as the last status event of the log left it. */
const deploymentAfter = (log: EventLog, overrides: Partial<Deployment>) =>
  makeDeployment(1, {
    updatedAt: log.events[log.events.length - 1].createdAt,
    ...overrides,
  });

function renderPage(backend: FakeBackend, id = ID) {
  return renderInTestApp(<Router />, {
    mountPath: '/cloud-deployments',
    initialRouteEntries: [`/cloud-deployments/deployments/${id}`],
    mountedRoutes: {
      '/cloud-deployments': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
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
      mockApis.permission(),
      mockApis.identity({ userEntityRef: 'user:default/ann' }),
      [toastApiRef, { post: jest.fn() }],
    ],
  });
}

/** The name and state of each stage, as a screen reader hears them. */
/** The name and state of each stage, as a screen reader hears them. */
const stageTexts = () => {
  const stages = screen.getByRole('list', { name: 'Stages' });
  return within(stages)
    .getAllByRole('listitem')
    .filter(li => li.parentElement === stages)
    .map(
      li =>
        within(li).getByText(/^\((done|in progress|failed|not started)\)$/)
          .parentElement?.textContent,
    );
};

describe('DeploymentPage', () => {
  it('shows progress while the deployment loads', async () => {
    const backend = new FakeBackend(makeDeployment(1));
    backend.fetchApi.fetch.mockImplementation(() => new Promise(() => {}));

    await renderPage(backend);

    // The page's own header (the router shows progress too while the page's
    // code loads).
    expect(
      await screen.findByRole('heading', { name: 'Deployment' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when there is no such deployment, linking back to the list', async () => {
    const backend = new FakeBackend(undefined);

    const unknown = '00000000-0000-4000-8000-00000000dead';
    await renderPage(backend, unknown);

    expect(await screen.findByText('No such deployment')).toBeInTheDocument();
    expect(
      screen.getByText(new RegExp(`no deployment with id ${unknown}`)),
    ).toBeInTheDocument();
    expect(screen.getByText('All deployments').closest('a')).toHaveAttribute(
      'href',
      '/cloud-deployments',
    );
    // Nothing to follow.
    expect(backend.requests).toEqual([`GET /deployments/${unknown}`]);
  });

  it('gives a malformed id the same page as an unknown one, not the 400', async () => {
    // The backend answers a 400 for an id that is not a UUID.
    const backend = new FakeBackend(makeDeployment(1));

    await renderPage(backend, 'not-an-id');

    expect(await screen.findByText('No such deployment')).toBeInTheDocument();
    expect(
      screen.getByText(/"not-an-id" is not a deployment id/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    expect(screen.getByText('All deployments').closest('a')).toHaveAttribute(
      'href',
      '/cloud-deployments',
    );
  });

  it('shows the error when the deployment cannot be loaded', async () => {
    const backend = new FakeBackend(makeDeployment(1));
    backend.deploymentError = {
      status: 500,
      name: 'Error',
      message: 'database is on fire',
    };

    await renderPage(backend);

    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(screen.getByText(/database is on fire/)).toBeInTheDocument();
  });

  it('shows an active deployment: header, stages, log, endpoint, outputs, cost', async () => {
    const log = activeLog();
    const backend = new FakeBackend(
      deploymentAfter(log, {
        title: 'Fraud model',
        // A staging model-1 had the name first.
        resourceName: 'model-1-production',
        sandbox: true,
        endpoint: 'https://runtime.example.test/endpoints/model-1/invocations',
        outputs: { endpointName: 'model-1', ports: [8080] },
        estimate: makeEstimate({
          lines: [
            makeLine(),
            makeLine({
              description: 'Storage',
              unit: 'gib-hour',
              unitPrice: null,
              monthlyCost: null,
              sku: 'storage',
              source: undefined,
              origin: undefined,
              effectiveDate: undefined,
            }),
          ],
          warnings: ['Data transfer is not included'],
          emissions: makeEmissions(),
        }),
      }),
      log.events,
    );

    await renderPage(backend);

    // Header
    expect(
      await screen.findByRole('heading', { name: 'model-1' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Fraud model').length).toBeGreaterThan(0);
    expect(screen.getByText('active')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Status: active' }),
    ).toHaveTextContent('active');
    // The header's chip, and the endpoint's.
    expect(screen.getAllByText('Sandbox')).toHaveLength(2);
    expect(screen.getByText('AWS SageMaker')).toBeInTheDocument();
    expect(screen.getByText('us-east-1')).toBeInTheDocument();
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('Cloud name')).toBeInTheDocument();
    expect(screen.getByText('model-1-production')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ml-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/ml-team',
    );
    expect(screen.getByRole('link', { name: 'service-1' })).toHaveAttribute(
      'href',
      '/catalog/default/component/service-1',
    );
    expect(
      within(screen.getByRole('group', { name: 'Actions for model-1' }))
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      // No Roll back: it has no revision before its current one.
      'Redeploy model-1',
      'Stop model-1',
      'Destroy model-1',
    ]);

    // Stages
    expect(
      await screen.findByRole('list', { name: 'Stages' }),
    ).toBeInTheDocument();
    expect(stageTexts()).toEqual([
      'Queued (done)',
      'Provisioning (done)',
      'Active (done)',
    ]);
    expect(screen.getByText('took 1 min')).toBeInTheDocument();
    expect(screen.getByText('took 3 min')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Provisioning steps' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['Creating the AWS SageMaker resources', 'Endpoint Creating']);

    // Log
    const logBox = screen.getByRole('log', { name: 'Log of model-1' });
    expect(logBox).toHaveTextContent('Creating the AWS SageMaker resources');
    expect(logBox.querySelectorAll('time')).toHaveLength(5);
    expect(logBox.querySelector('time')).toHaveAttribute('datetime', log.at(0));
    expect(screen.getByRole('status', { hidden: true })).toHaveTextContent(
      'Status changed from provisioning to active',
    );

    // Endpoint and outputs
    // A sandbox's endpoint is text, not a link: no cloud serves it.
    expect(
      screen.getByText(
        'https://runtime.example.test/endpoints/model-1/invocations',
      ).tagName,
    ).toBe('CODE');
    expect(
      screen.queryByRole('link', { name: /runtime\.example\.test/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy the endpoint URL' }),
    ).toBeInTheDocument();
    const outputs = screen.getByRole('table', { name: 'Outputs' });
    expect(within(outputs).getByText('endpointName')).toBeInTheDocument();
    expect(within(outputs).getByText('[8080]')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy endpointName' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy ports' }),
    ).toBeInTheDocument();

    // Cost
    expect(screen.getByText('≥ $83.95')).toBeInTheDocument();
    const breakdown = screen.getByRole('table', { name: 'Cost breakdown' });
    expect(within(breakdown).getByText('Storage')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Prices from AWS Pricing API \(live\), as of 2026-05-01\. Estimated 2026-06-01/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Data transfer is not included'),
    ).toBeInTheDocument();
    expect(screen.getByText(/nothing is billed/)).toBeInTheDocument();
    const emissions = screen.getByRole('region', {
      name: 'Estimated emissions',
    });
    expect(
      within(emissions).getByRole('heading', { level: 3 }),
    ).toHaveTextContent('Estimated emissions');
    expect(within(emissions).getByText('3.0 kgCO2e')).toBeInTheDocument();
    expect(
      within(emissions)
        .getAllByRole('rowheader')
        .map(th => th.textContent),
    ).toEqual(['CPU', 'Memory', 'Embodied']);

    // Terraform
    expect(
      screen.getByText(/Not provisioned through Terraform/),
    ).toBeInTheDocument();

    // Loaded once, then the stream after the last event.
    await waitFor(() => expect(backend.openStreams).toBe(1));
    expect(backend.requests).toEqual(
      expect.arrayContaining([
        `GET /deployments/${ID}`,
        `GET /deployments/${ID}/events?limit=500`,
        `GET /deployments/${ID}/events/stream?after=5`,
      ]),
    );
    expect(
      backend.requests.filter(r => r === `GET /deployments/${ID}`),
    ).toHaveLength(1);
    expect(screen.getByText('Live')).toBeInTheDocument();
  });

  it('follows the stream: new lines appear, and a status change updates the header', async () => {
    const log = provisioningLog();
    const backend = new FakeBackend(
      deploymentAfter(log, { status: 'provisioning' }),
      log.events,
    );

    await renderPage(backend);
    expect(await screen.findByText('provisioning')).toBeInTheDocument();
    await waitFor(() => expect(backend.openStreams).toBe(1));
    expect(await screen.findByText('Live')).toBeInTheDocument();
    expect(stageTexts()).toEqual([
      'Queued (done)',
      'Provisioning (in progress)',
      'Active (not started)',
    ]);
    expect(screen.getByText(/^2 min( \d+ s)? so far$/)).toBeInTheDocument();

    backend.push(log.log('Endpoint Creating'));
    const logBox = screen.getByRole('log');
    await waitFor(() => expect(logBox).toHaveTextContent('Endpoint Creating'));

    backend.deployment = {
      ...backend.deployment!,
      status: 'active',
      endpoint: 'https://runtime.example.test/invocations',
      outputs: { endpointName: 'model-1' },
      version: 2,
    };
    backend.push(log.status('provisioning', 'active'));

    expect(await screen.findByText('active')).toBeInTheDocument();
    expect(screen.queryByText('provisioning')).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /runtime\.example\.test/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('endpointName')).toBeInTheDocument();
    expect(stageTexts()).toEqual([
      'Queued (done)',
      'Provisioning (done)',
      'Active (done)',
    ]);
    expect(screen.getByRole('status', { hidden: true })).toHaveTextContent(
      'Status changed from provisioning to active',
    );
    // Once at first, once for the status change; not for the log line.
    expect(
      backend.requests.filter(r => r === `GET /deployments/${ID}`),
    ).toHaveLength(2);
  });

  it('polls for events when the stream cannot be opened', async () => {
    const log = provisioningLog();
    const backend = new FakeBackend(
      deploymentAfter(log, { status: 'provisioning' }),
      log.events,
    );
    backend.stream = 'refuse';
    // Written between loading the events and opening the stream.
    backend.fetchApi.fetch.mockImplementationOnce(
      backend.fetchApi.fetch.getMockImplementation()!,
    );
    const original = backend.fetchApi.fetch.getMockImplementation()!;
    backend.fetchApi.fetch.mockImplementation(async (input, init) => {
      if (String(input).endsWith('/events/stream?after=3')) {
        backend.events.push(log.log('Endpoint Creating'));
      }
      return original(input, init);
    });

    await renderPage(backend);

    const logBox = await screen.findByRole('log');
    await waitFor(() => expect(logBox).toHaveTextContent('Endpoint Creating'));
    expect(
      await screen.findByText('Checking for new lines every 2 s'),
    ).toBeInTheDocument();
    const expected = [
      `GET /deployments/${ID}`,
      'GET /providers',
      `GET /deployments/${ID}/revisions?limit=2`,
      `GET /deployments/${ID}/dr`,
      `GET /deployments/${ID}/events?limit=500`,
      `GET /deployments/${ID}/events/stream?after=3`,
      `GET /deployments/${ID}/events?after=3&limit=500`,
    ];
    expect(backend.requests).toEqual(expect.arrayContaining(expected));
    // On a slow machine the next poll may have come (it tries the stream
    // again first); nothing else is asked.
    for (const r of backend.requests.filter(x => !expected.includes(x))) {
      expect(r).toMatch(/\/events(\/stream)?\?after=\d+(&limit=500)?$/);
    }
  });

  it('shows why a deployment failed, and where', async () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'failed', 'ResourceLimitExceeded: ml.g5.xlarge');
    const backend = new FakeBackend(
      deploymentAfter(log, {
        status: 'failed',
        statusReason: 'ResourceLimitExceeded: ml.g5.xlarge',
      }),
      log.events,
    );

    await renderPage(backend);

    expect(
      await screen.findByText('Error: model-1 failed'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Stages' }),
    ).toBeInTheDocument();
    expect(stageTexts()).toEqual([
      'Queued (done)',
      'Provisioning (failed)',
      'Failed (failed)',
    ]);
    expect(
      screen.getAllByText('ResourceLimitExceeded: ml.g5.xlarge').length,
    ).toBeGreaterThan(1);
    expect(
      screen.getByRole('button', { name: 'Redeploy model-1' }),
    ).toBeInTheDocument();
    // Its cloud resources carry its name: nothing more to say.
    expect(screen.queryByText('Cloud name')).not.toBeInTheDocument();
  });

  it('lists every event on the events tab', async () => {
    const log = activeLog();
    const backend = new FakeBackend(
      deploymentAfter(log, { status: 'active' }),
      log.events,
    );
    const user = userEvent.setup();

    await renderPage(backend);
    await user.click(await screen.findByRole('tab', { name: 'Events' }));

    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveAttribute('aria-labelledby', 'deployment-tab-events');
    await within(panel).findByText('Creating the AWS SageMaker resources');
    // The events, newest first.
    const rows = within(panel)
      .getAllByRole('row')
      .filter(row => row.closest('tbody'));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveTextContent('status');
    expect(rows[0]).toHaveTextContent('provisioning → active');
    expect(rows[1]).toHaveTextContent('plugin:cloud-deployments');
    expect(rows[4]).toHaveTextContent('created');
    expect(within(rows[4]).getByRole('link', { name: 'jane' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
  });

  it('shows a create waiting for approval, and the page follows its approval', async () => {
    const log = new EventLog(Date.now() - 10 * 60_000);
    log.createdForApproval();
    const backend = new FakeBackend(
      deploymentAfter(log, { status: 'awaiting_approval' }),
      log.events,
    );
    backend.approvals = [makeApproval(1)];
    const user = userEvent.setup();

    await renderPage(backend);

    expect(
      await screen.findByRole('heading', { name: 'Waiting for approval' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Status: awaiting approval' }),
    ).toHaveTextContent('awaiting approval');
    await screen.findByRole('list', { name: 'Stages' });
    expect(stageTexts()).toEqual([
      'Awaiting approval (in progress)',
      'Queued (not started)',
      'Provisioning (not started)',
      'Active (not started)',
    ]);

    const approve = screen.getByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeEnabled());
    await user.click(approve);
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('textbox'), 'Agreed');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));

    await waitFor(() =>
      expect(
        screen.queryByRole('heading', { name: 'Waiting for approval' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('group', { name: 'Status: pending' }),
    ).toBeVisible();
    expect(backend.requests).toContain(
      `POST /deployments/${ID}/approvals/${backend.approvals[0].id}/approve`,
    );

    await user.click(screen.getByRole('tab', { name: 'Approvals' }));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveAttribute(
      'aria-labelledby',
      'deployment-tab-approvals',
    );
    await within(panel).findByText('Agreed');
    const rows = within(panel)
      .getAllByRole('row')
      .filter(row => row.closest('tbody'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('approved');
    expect(rows[0]).toHaveTextContent('create');
    expect(within(rows[0]).getByRole('link', { name: 'ann' })).toHaveAttribute(
      'href',
      '/catalog/default/user/ann',
    );
  });

  it('lists the revisions in their tab and rolls back to a picked one', async () => {
    const log = activeLog();
    const deployment = deploymentAfter(log, { status: 'active' });
    const backend = new FakeBackend(deployment, log.events);
    const revision = (number: number, image: string) => ({
      deploymentId: ID,
      number,
      spec: { ...deployment.spec, artifact: { image } },
      monthlyCost: 83.95,
      currency: 'USD' as const,
      costKind: 'exact' as const,
      change: number === 1 ? ('create' as const) : ('update' as const),
      createdBy: 'user:default/jane',
      createdAt: new Date(Date.now() - number * 60_000).toISOString(),
      outcome: 'active' as const,
    });
    backend.revisions = [
      revision(2, 'acme/model:bad'),
      revision(1, 'acme/model:1'),
    ];
    const user = userEvent.setup();

    await renderPage(backend);
    await user.click(await screen.findByRole('tab', { name: 'Revisions' }));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveAttribute(
      'aria-labelledby',
      'deployment-tab-revisions',
    );
    const button = await within(panel).findByRole('button', {
      name: 'Roll back to revision 1',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('No change in monthly cost');
    await user.click(
      within(dialog).getByRole('button', { name: 'Roll back to revision 1' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: 'Status: updating' }),
      ).toBeVisible(),
    );
    expect(backend.requests).toContain(`POST /deployments/${ID}/rollback`);
    await within(panel).findByText('Rollback to revision 1');
    expect(
      within(panel)
        .getAllByRole('row')
        .filter(row => row.closest('tbody')),
    ).toHaveLength(3);
  });

  it('pages through 250 revisions: loads older ones, compares any two and rolls back to the oldest ones', async () => {
    const log = activeLog();
    const deployment = deploymentAfter(log, { status: 'active' });
    const backend = new FakeBackend(deployment, log.events);
    backend.revisions = Array.from({ length: 250 }, (_, i) => {
      const number = 250 - i;
      return {
        deploymentId: ID,
        number,
        spec: {
          ...deployment.spec,
          artifact: { image: `acme/model:${number}` },
        },
        monthlyCost: 83.95,
        currency: 'USD' as const,
        costKind: 'exact' as const,
        change: number === 1 ? ('create' as const) : ('update' as const),
        createdBy: 'user:default/jane',
        createdAt: new Date(Date.now() - number * 60_000).toISOString(),
        outcome: number === 250 ? ('active' as const) : ('superseded' as const),
      };
    });
    const user = userEvent.setup();
    const firstColumn = () =>
      within(screen.getByRole('tabpanel'))
        .getAllByRole('row')
        .filter(row => row.closest('tbody'))
        .map(row => within(row).getAllByRole('cell')[0].textContent);

    await renderPage(backend);
    await user.click(await screen.findByRole('tab', { name: 'Revisions' }));
    await screen.findByText('100 newest shown');
    // 20 rows a page, newest first.
    expect(firstColumn()).toEqual([
      '250current',
      ...Array.from({ length: 19 }, (_, i) => String(249 - i)),
    ]);
    const from = screen.getByRole('combobox', { name: 'From' });
    expect(within(from).getAllByRole('option')).toHaveLength(100);

    await user.click(
      screen.getByRole('button', { name: 'Load older revisions' }),
    );
    await screen.findByText('200 newest shown');
    await user.click(
      screen.getByRole('button', { name: 'Load older revisions' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Load older revisions' }),
      ).not.toBeInTheDocument(),
    );
    expect(backend.requests.filter(r => r.includes('/revisions'))).toEqual([
      // The page's own: is there a revision to roll back to?
      `GET /deployments/${ID}/revisions?limit=2`,
      `GET /deployments/${ID}/revisions?limit=100`,
      `GET /deployments/${ID}/revisions?before=151&limit=100`,
      `GET /deployments/${ID}/revisions?before=51&limit=100`,
    ]);

    // Any two of the 250 compare.
    expect(within(from).getAllByRole('option')).toHaveLength(250);
    await user.selectOptions(from, 'Revision 3');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'To' }),
      'Revision 240',
    );
    expect(
      within(
        screen.getByRole('list', {
          name: 'Changes from revision 3 to revision 240',
        }),
      )
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['artifact.image: acme/model:3 → acme/model:240']);

    // The last of 13 pages holds the oldest ten, each with its rollback.
    await user.click(screen.getByRole('button', { name: 'Last Page' }));
    await waitFor(() =>
      expect(firstColumn()).toEqual(
        Array.from({ length: 10 }, (_, i) => String(10 - i)),
      ),
    );
    const button = screen.getByRole('button', {
      name: 'Roll back to revision 7',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    const dialog = screen.getByRole('dialog');
    await user.click(
      within(dialog).getByRole('button', { name: 'Roll back to revision 7' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: 'Status: updating' }),
      ).toBeVisible(),
    );
    expect(backend.revisions[0]).toMatchObject({
      number: 251,
      rollbackTo: 7,
      spec: { artifact: { image: 'acme/model:7' } },
    });
    // The tab starts over from the newest page, the rollback on top.
    await screen.findByText('Rollback to revision 7');
    expect(firstColumn()[0]).toBe('251current');
  }, 60_000);

  it('shows the deployment an action returned at once', async () => {
    const log = activeLog();
    const backend = new FakeBackend(
      deploymentAfter(log, { status: 'active' }),
      log.events,
    );
    const fetch = backend.fetchApi.fetch.getMockImplementation()!;
    backend.fetchApi.fetch.mockImplementation(async (input, init) => {
      if (init?.method === 'DELETE') {
        return new Response(
          JSON.stringify({
            ...backend.deployment,
            status: 'destroying',
            updatedAt: new Date().toISOString(),
            version: 2,
          }),
          { status: 202, headers: { 'Content-Type': 'application/json' } },
        );
      }
      return fetch(input, init);
    });
    const user = userEvent.setup();

    await renderPage(backend);
    await user.click(
      await screen.findByRole('button', { name: 'Destroy model-1' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Destroy' }));

    expect(await screen.findByText('destroying')).toBeInTheDocument();
    expect(stageTexts()).toEqual([
      'Destroying (in progress)',
      'Destroyed (not started)',
    ]);
  });
});
