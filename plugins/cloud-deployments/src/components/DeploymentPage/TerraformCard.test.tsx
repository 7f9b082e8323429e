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
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { TerraformCard } from './TerraformCard';

const ID = '4be721e6-eaaa-4ebc-9723-0c94de14d434';
const hourAgo = new Date(Date.now() - 3_600_000).toISOString();

const planEvent: DeploymentEvent = {
  id: 7,
  deploymentId: ID,
  type: 'log',
  message: 'Plan: 1 to add, 1 to change, 0 to destroy; …',
  data: {
    terraformPlan: {
      changes: { add: 1, change: 1, destroy: 0 },
      resources: [
        { address: 'aws_sagemaker_endpoint.this', action: 'update' },
        { address: 'aws_sagemaker_model.this', action: 'create' },
      ],
      monthlyBefore: 100,
      monthlyAfter: 167.9,
      monthlyDelta: 67.9,
      unpriced: ['aws_cloudwatch_log_group.logs'],
      stateSerial: 2,
    },
  },
  actor: 'plugin:cloud-deployments',
  createdAt: hourAgo,
};

const version = (n: number, extra: object = {}) => ({
  version: n,
  serial: n + 1,
  lineage: 'cc536431-0000-0000-0000-000000000000',
  md5: 'abc',
  size: 1751,
  encrypted: true,
  createdBy: `workspace:${ID}`,
  createdAt: hourAgo,
  lock: { ID: `lock-${n}`, Operation: 'OperationTypeApply' },
  ...extra,
});

describe('TerraformCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = (
    engine: 'sdk' | 'kubernetes' | 'terraform',
    events: DeploymentEvent[] = [],
  ) =>
    renderInTestApp(
      <TerraformCard deploymentId={ID} engine={engine} events={events} />,
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

  it.each(['sdk', 'kubernetes'] as const)(
    'says a deployment with the %s engine is not provisioned through Terraform, and asks for nothing',
    async engine => {
      const requests: string[] = [];
      server.events.on('request:start', ({ request }) => {
        requests.push(request.url);
      });
      await render(engine);
      expect(
        screen.getByText(/Not provisioned through Terraform/),
      ).toHaveTextContent(`uses the ${engine} engine`);
      expect(requests).toEqual([]);
    },
  );

  it('shows the last plan with its cost change, the lock, and the state history', async () => {
    server.use(
      http.get(`${baseUrl}/terraform/workspaces/${ID}`, () =>
        HttpResponse.json({
          name: ID,
          deploymentId: ID,
          createdBy: 'plugin:cloud-deployments',
          createdAt: hourAgo,
          tokenCreatedAt: hourAgo,
          lock: {
            info: {
              ID: 'held',
              Operation: 'OperationTypeApply',
              Who: 'ci@runner-7',
            },
            lockedAt: hourAgo,
          },
        }),
      ),
      http.get(
        `${baseUrl}/terraform/workspaces/${ID}/versions`,
        ({ request }) => {
          expect(new URL(request.url).searchParams.get('limit')).toBe('10');
          return HttpResponse.json({
            items: [
              version(3, { rolledBackFrom: 1, lock: undefined }),
              version(2),
              version(1),
            ],
          });
        },
      ),
    );
    await render('terraform', [planEvent]);

    expect(
      await screen.findByText(
        `Workspace ${ID} · locked by ci@runner-7 (Apply), 1 h ago`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /1 to add, 1 to change, 0 to destroy · monthly cost \$100\.00 → \$167\.90 \(\+\$67\.90\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('create aws_sagemaker_model.this'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('update aws_sagemaker_endpoint.this'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not priced: aws_cloudwatch_log_group.logs/),
    ).toBeInTheDocument();

    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('3');
    expect(rows[1]).toHaveTextContent('rollback to version 1');
    expect(rows[2]).toHaveTextContent('apply');
    expect(rows[2]).toHaveTextContent('1.7 KiB, encrypted');
  });

  it('says when nothing was planned yet, and shows errors', async () => {
    server.use(
      http.get(`${baseUrl}/terraform/workspaces/${ID}`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: `No Terraform workspace named ${ID}`,
            },
          },
          { status: 404 },
        ),
      ),
    );
    await render('terraform');
    expect(await screen.findByText('No state yet.')).toBeInTheDocument();
    expect(screen.getByText(/No plan yet/)).toBeInTheDocument();
  });

  it('shows a failure to load the state history', async () => {
    server.use(
      http.get(`${baseUrl}/terraform/workspaces/${ID}`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'You are not allowed to read',
            },
          },
          { status: 403 },
        ),
      ),
    );
    await render('terraform');
    expect(
      await screen.findByText(/You are not allowed to read/),
    ).toBeInTheDocument();
  });
});
