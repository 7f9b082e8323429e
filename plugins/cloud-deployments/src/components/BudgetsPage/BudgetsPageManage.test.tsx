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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeBudgetsBackend, makeBudget } from '../../__testUtils__/budgets';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { BudgetsPage } from './BudgetsPage';

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const budget = makeBudget(1, { environment: 'production', version: 3 });

// Allowed throughout: usePermission caches its answers for the whole file
// (SWR), so what everyone else sees is tested in BudgetsPage.test.tsx.
function renderPage(backend: FakeBudgetsBackend) {
  return renderInTestApp(<BudgetsPage />, {
    mountedRoutes: { '/cloud-deployments': rootRouteRef },
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
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

const writes = (backend: FakeBudgetsBackend) =>
  backend.received.filter(r => r.method !== 'GET');

async function openNewBudget(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'New budget' }));
  return within(await screen.findByRole('dialog', { name: 'New budget' }));
}

describe('BudgetsPage, for holders of cloud.budget.manage', () => {
  it('creates a budget, sending what the backend accepts', async () => {
    const backend = new FakeBudgetsBackend([]);
    const user = userEvent.setup();
    renderPage(backend);

    expect(await screen.findByText('No budgets yet')).toBeInTheDocument();
    const dialog = await openNewBudget(user);
    await user.type(dialog.getByRole('textbox', { name: /Owner/ }), 'ml-team');
    await user.type(
      dialog.getByRole('textbox', { name: /Environment/ }),
      'staging',
    );
    await user.type(
      dialog.getByRole('textbox', { name: /Amount/ }),
      '$1,200.50',
    );
    await user.type(
      dialog.getByRole('textbox', { name: /thresholds/ }),
      '90, 50%',
    );
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('$1,200.50 a month')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(writes(backend)).toEqual([
      {
        method: 'POST',
        path: '/budgets',
        body: {
          owner: 'group:default/ml-team',
          environment: 'staging',
          amount: 1200.5,
          thresholds: [50, 90],
        },
      },
    ]);
  });

  it('checks the fields inline and sends nothing the backend would refuse', async () => {
    const backend = new FakeBudgetsBackend([budget]);
    const user = userEvent.setup();
    renderPage(backend);

    const dialog = await openNewBudget(user);
    await user.type(
      dialog.getByRole('textbox', { name: /Owner/ }),
      'user:default/jane',
    );
    await user.type(dialog.getByRole('textbox', { name: /Amount/ }), '-5');
    await user.type(
      dialog.getByRole('textbox', { name: /thresholds/ }),
      '80, 2000',
    );
    // An error shows once its field is left.
    await user.tab();
    expect(dialog.getByText('2000 must be at most 1000')).toBeInTheDocument();

    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(
      dialog.getByText('must refer to a group, like "group:default/name"'),
    ).toBeInTheDocument();
    expect(dialog.getByText('must be greater than 0')).toBeInTheDocument();
    expect(dialog.getByRole('textbox', { name: /Amount/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await user.clear(dialog.getByRole('textbox', { name: /Amount/ }));
    await user.type(dialog.getByRole('textbox', { name: /Amount/ }), '10.001');
    expect(
      dialog.getByText('must be whole cents (at most 2 decimals)'),
    ).toBeInTheDocument();
    await user.clear(dialog.getByRole('textbox', { name: /thresholds/ }));
    await user.type(
      dialog.getByRole('textbox', { name: /thresholds/ }),
      'lots',
    );
    expect(dialog.getByText(/"lots" is not a number/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(writes(backend)).toEqual([]);
  });

  it('shows what the backend refuses in the dialog, which stays open', async () => {
    const backend = new FakeBudgetsBackend([budget]);
    backend.failNext(
      'POST',
      '/budgets',
      409,
      'group:default/ml-team has a budget for environment production already',
    );
    const user = userEvent.setup();
    renderPage(backend);

    const dialog = await openNewBudget(user);
    await user.type(dialog.getByRole('textbox', { name: /Owner/ }), 'ml-team');
    await user.type(
      dialog.getByRole('textbox', { name: /Environment/ }),
      'production',
    );
    await user.type(dialog.getByRole('textbox', { name: /Amount/ }), '100');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(
      await dialog.findByText(
        /has a budget for environment production already/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'New budget' })).toBeVisible();
  });

  it('edits the amount and thresholds, sending the version it read', async () => {
    const backend = new FakeBudgetsBackend([budget]);
    const user = userEvent.setup();
    renderPage(backend);

    await user.click(
      await screen.findByRole('button', {
        name: 'Edit budget of ml-team, production',
      }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Edit the budget of ml-team, production',
      }),
    );
    const amount = dialog.getByRole('textbox', { name: /Amount/ });
    expect(amount).toHaveValue('1000');
    await user.clear(amount);
    await user.type(amount, '1500');
    const thresholds = dialog.getByRole('textbox', { name: /thresholds/ });
    expect(thresholds).toHaveValue('80, 100');
    await user.clear(thresholds);
    await user.type(thresholds, '75, 100');
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('$1,500.00 a month')).toBeInTheDocument();
    expect(writes(backend)).toEqual([
      {
        method: 'PATCH',
        path: `/budgets/${budget.id}`,
        body: { version: 3, amount: 1500, thresholds: [75, 100] },
      },
    ]);
  });

  it('says when someone else changed the budget, reloads it and saves on their version', async () => {
    const backend = new FakeBudgetsBackend([budget]);
    const user = userEvent.setup();
    renderPage(backend);

    await user.click(
      await screen.findByRole('button', {
        name: 'Edit budget of ml-team, production',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    // Meanwhile, another admin sets it to $2,000.
    backend.budgets = [
      makeBudget(1, {
        environment: 'production',
        amount: 2000,
        version: 4,
        updatedBy: 'user:default/sam',
      }),
    ];
    backend.failNext(
      'PATCH',
      `/budgets/${budget.id}`,
      409,
      'The budget has changed since version 3',
    );
    const amount = dialog.getByRole('textbox', { name: /Amount/ });
    await user.clear(amount);
    await user.type(amount, '1500');
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Someone changed this budget while you were editing it (sam). It has been reloaded: it is now $2,000.00 a month',
    );
    expect(dialog.getByRole('textbox', { name: /Amount/ })).toHaveValue('2000');
    // The table behind shows their change too.
    expect(await screen.findByText('$2,000.00 a month')).toBeInTheDocument();

    await user.clear(dialog.getByRole('textbox', { name: /Amount/ }));
    await user.type(dialog.getByRole('textbox', { name: /Amount/ }), '2500');
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(writes(backend).map(w => w.body.version)).toEqual([3, 4]);
    expect(writes(backend)[1].body.amount).toBe(2500);
  });

  it('deletes a budget only once confirmed', async () => {
    const backend = new FakeBudgetsBackend([budget]);
    const user = userEvent.setup();
    renderPage(backend);

    const remove = await screen.findByRole('button', {
      name: 'Delete budget of ml-team, production',
    });
    await user.click(remove);
    let dialog = within(
      await screen.findByRole('dialog', {
        name: 'Delete the budget of ml-team, production?',
      }),
    );
    expect(dialog.getByText(/\$1,000\.00 a month/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Keep it' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(writes(backend)).toEqual([]);

    await user.click(remove);
    dialog = within(await screen.findByRole('dialog'));
    await user.click(dialog.getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('No budgets yet')).toBeInTheDocument();
    expect(writes(backend)).toEqual([
      { method: 'DELETE', path: `/budgets/${budget.id}`, body: undefined },
    ]);
  });
});
