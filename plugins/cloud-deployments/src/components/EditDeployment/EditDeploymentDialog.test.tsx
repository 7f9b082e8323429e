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
import { DeploymentChangePreview } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
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
import { EditDeploymentDialog } from './EditDeploymentDialog';

describe('EditDeploymentDialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const deployment = makeDeployment(1, { version: 3 });

  function serve(preview: Partial<DeploymentChangePreview>) {
    const received: { method: string; body: any }[] = [];
    server.use(
      http.post(`${baseUrl}/deployments/:id/preview`, async ({ request }) => {
        received.push({ method: 'POST', body: await request.json() });
        return HttpResponse.json({
          version: 3,
          outcome: 'apply',
          changes: [],
          spec: deployment.spec,
          before: makeEstimate({ monthlyTotal: 100, pricedSubtotal: 100 }),
          after: makeEstimate({ monthlyTotal: 300, pricedSubtotal: 300 }),
          monthlyDelta: 200,
          ...preview,
        });
      }),
      http.patch(`${baseUrl}/deployments/:id`, async ({ request }) => {
        received.push({ method: 'PATCH', body: await request.json() });
        return HttpResponse.json({
          ...deployment,
          status: 'updating',
          version: 4,
        });
      }),
    );
    return received;
  }

  async function open(shown = deployment) {
    const onDone = jest.fn();
    const onClose = jest.fn();
    await renderInTestApp(
      <EditDeploymentDialog
        deployment={shown}
        onDone={onDone}
        onClose={onClose}
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
        ],
      },
    );
    return { onDone, onClose };
  }

  it('previews the change (fields, cost, outcome) and applies it at the version previewed', async () => {
    const received = serve({
      changes: [{ path: 'compute.instanceCount', before: '1', after: '3' }],
      decision: { outcome: 'allow', reasons: [], values: {} },
    });
    const { onDone } = await open();
    const dialog = screen.getByRole('dialog', { name: 'Change model-1' });
    const instances = within(dialog).getByRole('spinbutton', {
      name: 'Instances',
    });
    await userEvent.clear(instances);
    await userEvent.type(instances, '3');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );

    const review = await screen.findByRole('dialog', {
      name: 'Review the change of model-1',
    });
    expect(within(review).getByRole('status')).toHaveTextContent(
      'Applies at once: model-1 is updated to the new spec.',
    );
    const rows = within(
      within(review).getByRole('table', { name: 'Changes' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('compute.instanceCount13');
    expect(review).toHaveTextContent('Now: $100.00 a month');
    expect(review).toHaveTextContent('After: $300.00 a month');
    expect(review).toHaveTextContent('+$200.00 a month');
    // Nothing was changed yet.
    expect(received.map(r => r.method)).toEqual(['POST']);
    expect(received[0].body).toEqual({
      version: 3,
      compute: { instanceType: 'ml.m5.large', instanceCount: 3 },
    });

    await userEvent.click(
      within(review).getByRole('button', { name: 'Apply' }),
    );
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(received[1]).toEqual({
      method: 'PATCH',
      body: {
        version: 3,
        compute: { instanceType: 'ml.m5.large', instanceCount: 3 },
      },
    });
    expect(onDone.mock.calls[0][0]).toMatchObject({ status: 'updating' });
  });

  it('says Terraform is planning while the preview runs, then shows its plan and prices', async () => {
    const terraform = makeDeployment(2, {
      version: 3,
      spec: { ...deployment.spec, engine: 'terraform' },
    });
    let answer: (preview: object) => void = () => {};
    const answered = new Promise<object>(resolve => {
      answer = resolve;
    });
    server.use(
      http.post(`${baseUrl}/deployments/:id/preview`, async () =>
        HttpResponse.json(await answered),
      ),
    );
    await open(terraform);
    const dialog = screen.getByRole('dialog', { name: 'Change model-2' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Running terraform plan…',
    );

    answer({
      version: 3,
      outcome: 'apply',
      changes: [{ path: 'artifact.image', before: '1.0.0', after: '1.1.0' }],
      spec: terraform.spec,
      before: makeEstimate({ monthlyTotal: 100, pricedSubtotal: 100 }),
      after: makeEstimate({ monthlyTotal: 100, pricedSubtotal: 100 }),
      monthlyDelta: 0,
      terraformPlan: {
        changes: { add: 2, change: 1, destroy: 2 },
        resources: [
          { address: 'aws_sagemaker_model.this', action: 'replace' },
          { address: 'aws_sagemaker_endpoint.this', action: 'update' },
        ],
        monthlyBefore: 83.95,
        monthlyAfter: 96.5,
        monthlyDelta: 12.55,
        unpriced: ['aws_cloudwatch_log_group.this'],
      },
    });
    const review = await screen.findByRole('dialog', {
      name: 'Review the change of model-2',
    });
    const plan = within(review).getByRole('region', { name: 'Terraform plan' });
    expect(
      within(plan).getByRole('heading', {
        name: 'Terraform plan: 2 to add, 1 to change, 2 to destroy',
      }),
    ).toBeInTheDocument();
    expect(
      within(within(plan).getByRole('list', { name: 'Planned resources' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'aws_sagemaker_model.this: replace',
      'aws_sagemaker_endpoint.this: update',
    ]);
    expect(plan).toHaveTextContent(
      'Monthly cost by the plan: $83.95 → $96.50 (+$12.55)',
    );
    expect(plan).toHaveTextContent('Not priced: aws_cloudwatch_log_group.this');
    expect(screen.queryByText(/Running terraform plan/)).toBeNull();
  });

  it('shows why Terraform could not plan, with the rest of the preview', async () => {
    serve({
      changes: [{ path: 'artifact.image', before: '1.0.0', after: '1.1.0' }],
      terraformPlanError:
        'The backend is busy with other Terraform plan previews (2 at once); try again in a moment.',
    });
    await open(
      makeDeployment(2, {
        version: 3,
        spec: { ...deployment.spec, engine: 'terraform' },
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const review = await screen.findByRole('dialog', {
      name: 'Review the change of model-2',
    });
    expect(within(review).getByRole('alert')).toHaveTextContent(
      'The backend is busy with other Terraform plan previews (2 at once); try again in a moment.',
    );
    expect(review).toHaveTextContent('+$200.00 a month');
    expect(within(review).getByRole('button', { name: 'Apply' })).toBeEnabled();
  });

  it('names the policies of a change that would wait for approval, and asks for it', async () => {
    serve({
      outcome: 'approval',
      decision: {
        outcome: 'approval',
        reasons: [
          {
            policy: 'over-10000-a-month-needs-approval',
            message:
              'Deployments estimated at over $10,000 a month need an approval.',
            effect: 'approval',
          },
        ],
        values: {},
      },
    });
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const review = await screen.findByRole('dialog', {
      name: 'Review the change of model-1',
    });
    expect(within(review).getByRole('status')).toHaveTextContent(
      'Waits for an approval before it applies: over-10000-a-month-needs-approval (Deployments estimated at over $10,000 a month need an approval).',
    );
    expect(
      within(review).getByRole('button', { name: 'Request approval' }),
    ).toBeEnabled();
  });

  it('offers no way to apply what a policy refuses, and says the difference is unknown when a price is missing', async () => {
    serve({
      outcome: 'refused',
      monthlyDelta: null,
      after: makeEstimate({
        monthlyTotal: null,
        pricedSubtotal: 80,
        totalKind: 'partial',
        complete: false,
        missingLines: 1,
      }),
      decision: {
        outcome: 'refuse',
        reasons: [
          {
            policy: 'no-gpu-in-development',
            message: 'GPUs are not allowed in development.',
            effect: 'refuse',
          },
        ],
        values: {},
      },
    });
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const review = await screen.findByRole('dialog', {
      name: 'Review the change of model-1',
    });
    expect(within(review).getByRole('status')).toHaveTextContent(
      'Refused by policy: no-gpu-in-development (GPUs are not allowed in development).',
    );
    expect(review).toHaveTextContent(
      'The difference is unknown: an estimate has a line without a price.',
    );
    expect(
      within(review).getByRole('button', { name: 'Apply' }),
    ).toBeDisabled();
    await userEvent.click(within(review).getByRole('button', { name: 'Back' }));
    expect(
      screen.getByRole('dialog', { name: 'Change model-1' }),
    ).toBeInTheDocument();
  });

  it('shows the server refusing bad input, and keeps the form', async () => {
    server.use(
      http.post(`${baseUrl}/deployments/:id/preview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                'Invalid change: compute.instanceCount must be at most 100',
            },
            request: { method: 'POST', url: '/deployments/x/preview' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText(/compute.instanceCount must be at most 100/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Change model-1' }),
    ).toBeInTheDocument();
  });
});
