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
  ConnectionTest,
  ProviderInfo,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../../__testUtils__/fixtures';
import { cloudDeploymentsApiRef, CloudDeploymentsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { ProvidersPage } from './ProvidersPage';

// Allowed throughout: usePermission caches its answers for the whole file
// (SWR), so what others see is tested in ProvidersPageDenied.test.tsx.

// Rendering material-table rows is slow in jsdom.
jest.setTimeout(20_000);

const providers: ProviderInfo[] = [
  {
    id: 'aws-sagemaker',
    title: 'AWS SageMaker',
    sandbox: true,
    accounts: ['sandbox'],
  },
  { id: 'legacy', title: 'Legacy target', sandbox: false },
];

const test: ConnectionTest = {
  provider: 'aws-sagemaker',
  account: 'sandbox',
  sandbox: true,
  checkedAt: '2026-12-07T02:58:08.091Z',
  ok: false,
  identity: {
    arn: 'arn:aws:iam::123456789012:user/cloud-deployments-sandbox',
    account: '123456789012',
  },
  permissions: [
    {
      name: 'sagemaker:CreateEndpoint',
      purpose: 'provision, start',
      status: 'granted',
    },
    {
      name: 'sagemaker:DeleteEndpoint',
      purpose: 'destroy, stop',
      status: 'missing',
    },
  ],
  problems: [],
};

describe('ProvidersPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(answer: () => Response) {
    const tested: string[] = [];
    server.use(
      http.get(`${baseUrl}/providers`, () => HttpResponse.json(providers)),
      http.post(
        `${baseUrl}/providers/:provider/accounts/:account/test`,
        ({ params }) => {
          tested.push(`${params.provider}/${params.account}`);
          return answer();
        },
      ),
    );
    return tested;
  }

  function renderPage(authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
    return renderInTestApp(<ProvidersPage />, {
      mountedRoutes: { '/cloud-deployments': rootRouteRef },
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
        mockApis.permission({ authorize }),
      ],
    });
  }

  it('lists the providers and shows a test with its missing permission', async () => {
    const tested = serve(() => HttpResponse.json(test));
    renderPage(AuthorizeResult.ALLOW);

    expect(await screen.findByText('AWS SageMaker')).toBeInTheDocument();
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
    expect(
      screen.getByText('This provider cannot test its connection.'),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Test connection of sandbox' }),
    );

    expect(
      await screen.findByText(
        'Not ready: 1 missing (checked 2026-12-07T02:58:08.091Z).',
      ),
    ).toBeInTheDocument();
    expect(tested).toEqual(['aws-sagemaker/sandbox']);
    expect(
      screen.getByText(
        'arn:aws:iam::123456789012:user/cloud-deployments-sandbox',
      ),
    ).toBeInTheDocument();
    const missing = screen.getByText('sagemaker:DeleteEndpoint').closest('tr')!;
    expect(within(missing).getByText('missing')).toBeInTheDocument();
    expect(within(missing).getByText('destroy, stop')).toBeInTheDocument();
    const granted = screen.getByText('sagemaker:CreateEndpoint').closest('tr')!;
    expect(within(granted).getByText('granted')).toBeInTheDocument();
  });

  it('shows the problems of a failed test, and an error answer', async () => {
    let answer = HttpResponse.json({
      ...test,
      identity: {},
      permissions: [],
      problems: [
        'STS GetCallerIdentity failed (HTTP 403): InvalidClientTokenId',
      ],
    });
    serve(() => answer);
    renderPage(AuthorizeResult.ALLOW);

    const button = await screen.findByRole('button', {
      name: 'Test connection of sandbox',
    });
    fireEvent.click(button);
    expect(
      await screen.findByText(
        'STS GetCallerIdentity failed (HTTP 403): InvalidClientTokenId',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Not read')).toBeInTheDocument();

    answer = HttpResponse.json(
      {
        error: {
          name: 'NotAllowedError',
          message:
            'You are not allowed to test provider connections (cloud.provider.test)',
        },
        response: { statusCode: 403 },
      },
      { status: 403 },
    );
    fireEvent.click(button);
    expect(
      (
        await screen.findAllByText(
          /You are not allowed to test provider connections/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
