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
import { DrPlan } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  conflict,
  deployment,
  makeDrPlan,
  pilotLightEstimate,
} from '../../__testUtils__/drPlans';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { DrCard } from './DrCard';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const drUrl = `${baseUrl}/deployments/${deployment.id}/dr`;

describe('DrCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Serves the plan, or a 404 without one. */
  function serve(plan: DrPlan | undefined) {
    server.use(
      http.get(drUrl, () =>
        plan
          ? HttpResponse.json(plan)
          : HttpResponse.json(
              {
                error: { name: 'NotFoundError', message: 'no DR plan' },
                response: { statusCode: 404 },
              },
              { status: 404 },
            ),
      ),
    );
  }

  // Allowed throughout: usePermission caches its answers for the whole file.
  const render = (onSettled = jest.fn()) =>
    renderInTestApp(
      <DrCard
        deployment={deployment}
        onSettled={onSettled}
        pollIntervalMs={50}
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
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      },
    );

  it('sets up a plan from the dialog, sending what was chosen', async () => {
    serve(undefined);
    let body: unknown;
    server.use(
      http.put(drUrl, async ({ request }) => {
        body = await request.json();
        const plan = makeDrPlan({ standbyState: 'syncing', runs: [] });
        // From now on, the plan is there to read.
        serve(plan);
        return HttpResponse.json(plan, { status: 202 });
      }),
    );
    await render();
    expect(
      await screen.findByText(/has no disaster-recovery plan/),
    ).toBeInTheDocument();
    const setUp = screen.getByRole('button', {
      name: 'Set up disaster recovery',
    });
    await waitFor(() => expect(setUp).toBeEnabled());
    await userEvent.click(setUp);

    const dialog = await screen.findByRole('dialog');
    const region = within(dialog).getByLabelText(/Standby region/);
    // The primary's own region cannot be picked.
    expect(
      within(region).getByRole('option', { name: 'us-east-1' }),
    ).toBeDisabled();
    await userEvent.selectOptions(region, 'eu-west-3');
    await userEvent.type(
      within(dialog).getByLabelText(/Standby account/),
      'dr-account',
    );
    await userEvent.click(within(dialog).getByLabelText(/^Warm standby/));
    const rto = within(dialog).getByLabelText(/Recovery-time objective/);
    await userEvent.clear(rto);
    await userEvent.type(rto, '30');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Set up' }),
    );

    await waitFor(() =>
      expect(body).toEqual({
        standbyRegion: 'eu-west-3',
        standbyAccount: 'dr-account',
        mode: 'warm-standby',
        rtoMinutes: 30,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // The answered plan shows while its standby syncs.
    expect(await screen.findByText('Warm standby')).toBeInTheDocument();
  });

  it('shows a met drill against its objective, and each cost with its certainty', async () => {
    serve(makeDrPlan());
    await render();

    expect(await screen.findByText('Warm standby')).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(
      screen.getByText('https://model-1-standby.example'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /recovered in 42\.3 s against an objective of 15 min — met/,
      ).length,
    ).toBeGreaterThan(0);
    // A warm standby priced from another region says so.
    expect(
      screen.getByText('≈ $90.50 a month (priced from eu-west-1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('≈ $83.95 a month (priced from eu-west-1)'),
    ).toBeInTheDocument();
    // Fail back only once the standby serves.
    expect(
      screen.getByRole('button', { name: 'Fail over' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Fail back' }),
    ).not.toBeInTheDocument();
  });

  it("shows a pilot light's $0 as exact, with why, never as unknown", async () => {
    serve(
      makeDrPlan({ mode: 'pilot-light', standbyEstimate: pilotLightEstimate }),
    );
    await render();

    expect(await screen.findByText('$0.00 a month')).toBeInTheDocument();
    expect(
      screen.getByText(/Pilot light: nothing runs in eu-west-3/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/unknown/i)).not.toBeInTheDocument();
  });

  it('fails over at the version read, and shows a refusal in the dialog', async () => {
    serve(makeDrPlan());
    let body: unknown;
    server.use(
      http.post(`${drUrl}/failover`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          conflict('The DR plan of model-1 changed since version 3'),
          { status: 409 },
        );
      }),
    );
    await render();
    const button = await screen.findByRole('button', { name: 'Fail over' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      /scales the standby in eu-west-3 to the full spec, then moves the endpoint of model-1 to it/,
    );
    expect(dialog).toHaveTextContent(/refused until you fail back/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Fail over' }),
    );
    expect(
      await within(dialog).findByText(/changed since version 3/),
    ).toBeInTheDocument();
    expect(body).toEqual({ version: 3 });
  });

  it('fails back while the standby serves, and follows the task until it settles', async () => {
    const serving = makeDrPlan({
      activeSide: 'standby',
      standbyState: 'serving',
      version: 5,
    });
    let plan: DrPlan = serving;
    let body: unknown;
    server.use(
      http.get(drUrl, () => HttpResponse.json(plan)),
      http.post(`${drUrl}/failback`, async ({ request }) => {
        body = await request.json();
        plan = { ...serving, standbyState: 'returning' };
        return HttpResponse.json(plan, { status: 202 });
      }),
    );
    const onSettled = jest.fn();
    await render(onSettled);

    expect(
      await screen.findByText(/changes to it are refused until you fail back/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Fail over' }),
    ).not.toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Fail back' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Fail back' }),
    );

    expect(await screen.findByText('Failing back')).toBeInTheDocument();
    expect(body).toEqual({ version: 5 });
    expect(screen.getByRole('button', { name: 'Fail back' })).toBeDisabled();

    plan = { ...serving, activeSide: 'primary', standbyState: 'ready' };
    expect(await screen.findByText('Ready')).toBeInTheDocument();
    expect(onSettled).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Fail over' })).toBeEnabled();
  });
});
