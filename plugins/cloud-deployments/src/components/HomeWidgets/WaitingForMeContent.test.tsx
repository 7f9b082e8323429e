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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { baseUrl, makeDeployment } from '../../__testUtils__/fixtures';
import { renderWidget, setupBackend } from '../../__testUtils__/homeWidgets';
import { WaitingForMeContent } from './WaitingForMeContent';

const day = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();

function approvalOf(n: number, requestedBy: string) {
  const deployment = makeDeployment(n, { status: 'awaiting_approval' });
  return {
    ...deployment,
    approval: {
      id: `approval-${n}`,
      deploymentId: deployment.id,
      operation: 'create',
      status: 'awaiting_approval',
      requestedBy,
      requestedAt: deployment.createdAt,
    },
  };
}

describe('WaitingForMeContent', () => {
  const { server } = setupBackend();

  it('lists approvals the user may decide, their drift and their TTLs ending within a week', async () => {
    const held = [
      approvalOf(1, 'user:default/bob'),
      // Their own request: someone else decides.
      approvalOf(2, 'user:default/jane'),
      // The policy does not let them decide this one.
      approvalOf(3, 'user:default/bob'),
    ];
    const drifted = makeDeployment(4, {
      status: 'drifted',
      drift: {
        detectedAt: inDays(-1),
        fields: [{ field: 'compute.instanceCount', desired: 2, observed: 1 }],
      },
    });
    const expiring = {
      ...makeDeployment(5),
      expiresAt: inDays(2),
    };
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${baseUrl}/deployments`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        const status = query.getAll('status');
        if (status.includes('awaiting_approval')) {
          return HttpResponse.json({ items: held, totalCount: 3 });
        }
        if (status.includes('drifted')) {
          return HttpResponse.json({ items: [drifted], totalCount: 1 });
        }
        if (query.get('expiresWithin') === 'P7D') {
          // The first of 12: the link leads to the rest.
          return HttpResponse.json({ items: [expiring], totalCount: 12 });
        }
        return HttpResponse.error();
      }),
      http.get(`${baseUrl}/deployments/:id`, ({ params }) =>
        HttpResponse.json(held.find(d => d.id === params.id)),
      ),
    );
    await renderWidget(<WaitingForMeContent />, request =>
      'resourceRef' in request && request.resourceRef === held[2].id
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );

    const approvals = (
      await screen.findByRole(
        'heading',
        { name: 'Approvals you can decide (1)' },
        { timeout: 20_000 },
      )
    ).parentElement!;
    expect(
      within(approvals).getByRole('link', { name: 'model-1' }),
    ).toBeInTheDocument();
    expect(
      within(approvals).getByText('The create, requested by bob'),
    ).toBeInTheDocument();
    expect(within(approvals).queryByText('model-2')).not.toBeInTheDocument();
    expect(within(approvals).queryByText('model-3')).not.toBeInTheDocument();

    const drift = screen.getByRole('heading', { name: 'Drifted (1)' })
      .parentElement!;
    expect(
      within(drift).getByRole('link', { name: 'model-4' }),
    ).toBeInTheDocument();
    expect(
      within(drift).getByText('1 field differs from the spec'),
    ).toBeInTheDocument();

    const ttl = screen.getByRole('heading', {
      name: 'TTL ending within a week (12)',
    }).parentElement!;
    expect(within(ttl).getByRole('link', { name: 'model-5' })).toHaveAttribute(
      'href',
      `/cloud-deployments/deployments/${expiring.id}`,
    );
    expect(within(ttl).getByText(/^Destroyed /)).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Expiring soon on the deployments page',
      }),
    ).toHaveAttribute(
      'href',
      '/cloud-deployments?expiresWithin=P7D&sort=expiresAt',
    );
    const asked = queries.find(q => q.has('expiresWithin'))!;
    expect(asked.get('sort')).toBe('expiresAt');

    const owned = queries.filter(q => q.getAll('owner').length > 0);
    expect(
      owned.every(
        q =>
          q.getAll('owner').join() ===
          'user:default/jane,group:default/ml-team',
      ),
    ).toBe(true);
  });

  it('says when nothing waits', async () => {
    server.use(
      http.get(`${baseUrl}/deployments`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
    );
    await renderWidget(<WaitingForMeContent />);

    expect(
      await screen.findByText('None waiting.', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('None of yours has drifted.')).toBeInTheDocument();
    expect(screen.getByText('None of yours.')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Expiring soon/ }),
    ).not.toBeInTheDocument();
  });
});
