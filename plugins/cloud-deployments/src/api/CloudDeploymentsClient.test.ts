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
import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeApproval } from '../__testUtils__/approvals';
import { CloudDeploymentsClient } from './CloudDeploymentsClient';

const baseUrl = 'http://localhost:7007/api/cloud-deployments';

const deployment: Deployment = {
  id: '6f1c1a4e-1d0e-4a43-9d0a-0c5e2f7f6b11',
  name: 'fraud-model',
  spec: {
    owner: 'group:default/ml-team',
    component: 'component:default/fraud-model',
    environment: 'production',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    artifact: { image: 'ghcr.io/acme/fraud:1.0.0' },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
    engine: 'sdk',
  },
  status: 'active',
  outputs: {},
  createdBy: 'user:default/jane',
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedBy: 'user:default/jane',
  updatedAt: '2026-01-01T10:00:00.000Z',
  version: 1,
};

type Received = {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
};

describe('CloudDeploymentsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new CloudDeploymentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

  /** Answers every request with `body` and records what was received. */
  function serve(
    status: number,
    body: Record<string, unknown> | unknown[],
  ): Received[] {
    const received: Received[] = [];
    server.use(
      http.all(`${baseUrl}/*`, async ({ request }) => {
        const url = new URL(request.url);
        const text = await request.text();
        received.push({
          method: request.method,
          path: url.pathname.slice('/api/cloud-deployments'.length),
          query: url.searchParams,
          body: text ? JSON.parse(text) : undefined,
        });
        return HttpResponse.json(body, { status });
      }),
    );
    return received;
  }

  describe('listDeployments', () => {
    it('sends no query string without filters', async () => {
      const received = serve(200, { items: [deployment], totalCount: 1 });

      await expect(client.listDeployments()).resolves.toEqual({
        items: [deployment],
        totalCount: 1,
      });
      expect(received).toHaveLength(1);
      expect(received[0].method).toBe('GET');
      expect(received[0].path).toBe('/deployments');
      expect([...received[0].query]).toEqual([]);
    });

    it('repeats array filters and passes the cursor and limit', async () => {
      const received = serve(200, { items: [], totalCount: 0 });

      await client.listDeployments({
        owner: ['group:default/ml-team', 'group:default/web'],
        provider: ['kubernetes'],
        status: ['active', 'failed'],
        environment: ['production'],
        q: 'fraud & co',
        cursor: 'abc==',
        limit: 50,
      });

      const { query } = received[0];
      expect(query.getAll('owner')).toEqual([
        'group:default/ml-team',
        'group:default/web',
      ]);
      expect(query.getAll('provider')).toEqual(['kubernetes']);
      expect(query.getAll('status')).toEqual(['active', 'failed']);
      expect(query.getAll('environment')).toEqual(['production']);
      expect(query.get('q')).toBe('fraud & co');
      expect(query.get('cursor')).toBe('abc==');
      expect(query.get('limit')).toBe('50');
      expect(query.has('component')).toBe(false);
    });
  });

  it('gets a deployment with its id encoded', async () => {
    const received = serve(200, deployment);

    await expect(client.getDeployment('a/b c')).resolves.toEqual(deployment);
    expect(received[0].method).toBe('GET');
    expect(received[0].path).toBe('/deployments/a%2Fb%20c');
  });

  it('lists events after an event id', async () => {
    const received = serve(200, { items: [] });

    await expect(
      client.listEvents(deployment.id, { after: 42, limit: 10 }),
    ).resolves.toEqual({ items: [] });
    expect(received[0].method).toBe('GET');
    expect(received[0].path).toBe(`/deployments/${deployment.id}/events`);
    expect(received[0].query.get('after')).toBe('42');
    expect(received[0].query.get('limit')).toBe('10');
  });

  describe('streamEvents', () => {
    const streamUrl = `${baseUrl}/deployments/:id/events/stream`;
    const event = (id: number) => ({
      id,
      deploymentId: deployment.id,
      type: 'log',
      message: `line ${id}`,
      actor: 'engine',
      createdAt: '2026-01-01T10:00:00.000Z',
    });

    it('passes on the deployment events of the stream, after an event id', async () => {
      let query: URLSearchParams | undefined;
      server.use(
        http.get(streamUrl, ({ request }) => {
          query = new URL(request.url).searchParams;
          return new HttpResponse(
            [
              'retry: 1500\n\n',
              `id: 3\nevent: deployment-event\ndata: ${JSON.stringify(
                event(3),
              )}\n\n`,
              ': keep-alive\n\n',
              'event: error\ndata: {"message":"Reading the log failed"}\n\n',
              `id: 4\nevent: deployment-event\ndata: ${JSON.stringify(
                event(4),
              )}\n\n`,
            ].join(''),
            { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } },
          );
        }),
      );
      const onEvent = jest.fn();
      const onOpen = jest.fn();
      const onRetry = jest.fn();
      const onError = jest.fn();

      await client.streamEvents(deployment.id, {
        after: 2,
        onEvent,
        onOpen,
        onRetry,
        onError,
      });

      expect(query?.get('after')).toBe('2');
      expect(onOpen).toHaveBeenCalledTimes(1);
      expect(onRetry).toHaveBeenCalledWith(1500);
      expect(onEvent.mock.calls).toEqual([[event(3)], [event(4)]]);
      expect(onError).toHaveBeenCalledWith('Reading the log failed');
    });

    it('rejects with a ResponseError when the stream is refused', async () => {
      server.use(
        http.get(streamUrl, () =>
          HttpResponse.json(
            {
              error: { name: 'NotFoundError', message: 'No deployment x' },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
        ),
      );

      const error = await client
        .streamEvents('x', { onEvent: jest.fn() })
        .catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(404);
    });

    it('rejects with a NotImplementedError when the answer is not a stream', async () => {
      server.use(
        http.get(streamUrl, () => HttpResponse.text('<html>proxy</html>')),
      );
      const onOpen = jest.fn();

      await expect(
        client.streamEvents('x', { onEvent: jest.fn(), onOpen }),
      ).rejects.toMatchObject({ name: 'NotImplementedError' });
      expect(onOpen).not.toHaveBeenCalled();
    });
  });

  it('creates a deployment with a JSON body', async () => {
    const received = serve(201, { ...deployment, status: 'pending' });
    const { name, spec } = deployment;
    const request = { name, title: 'Fraud model', ...spec };

    await expect(client.createDeployment(request)).resolves.toMatchObject({
      status: 'pending',
    });
    expect(received[0].method).toBe('POST');
    expect(received[0].path).toBe('/deployments');
    expect(received[0].body).toEqual(request);
  });

  it('updates a deployment with its version', async () => {
    const received = serve(200, { ...deployment, version: 2 });

    await client.updateDeployment(deployment.id, {
      version: 1,
      title: null,
      compute: { instanceType: 'ml.m5.xlarge', instanceCount: 2 },
    });
    expect(received[0].method).toBe('PATCH');
    expect(received[0].path).toBe(`/deployments/${deployment.id}`);
    expect(received[0].body).toEqual({
      version: 1,
      title: null,
      compute: { instanceType: 'ml.m5.xlarge', instanceCount: 2 },
    });
  });

  it('destroys a deployment', async () => {
    const received = serve(202, { ...deployment, status: 'destroying' });

    await expect(client.destroyDeployment(deployment.id)).resolves.toEqual({
      ...deployment,
      status: 'destroying',
    });
    expect(received[0].method).toBe('DELETE');
    expect(received[0].path).toBe(`/deployments/${deployment.id}`);
  });

  it('rolls back to the revision before the current, or to a picked one, with a reason', async () => {
    const received = serve(202, { ...deployment, status: 'updating' });

    await client.rollbackDeployment('a/b');
    await client.rollbackDeployment('a/b', { revision: 2, reason: 'bad' });
    expect(received.map(r => [r.method, r.path, r.body])).toEqual([
      ['POST', '/deployments/a%2Fb/rollback', {}],
      ['POST', '/deployments/a%2Fb/rollback', { revision: 2, reason: 'bad' }],
    ]);
  });

  it('lists revisions, a page at a time, and reads one', async () => {
    const received = serve(200, { items: [], current: 3 });

    await expect(
      client.listRevisions('a/b', { before: 3, limit: 2 }),
    ).resolves.toEqual({ items: [], current: 3 });
    await client.getRevision('a/b', 2);
    expect(received.map(r => [r.method, r.path, r.query.toString()])).toEqual([
      ['GET', '/deployments/a%2Fb/revisions', 'before=3&limit=2'],
      ['GET', '/deployments/a%2Fb/revisions/2', ''],
    ]);
  });

  it.each([
    ['redeployDeployment', 'redeploy', 'updating'],
    ['cancelDeployment', 'cancel', 'failed'],
  ] as const)(
    '%s posts to /deployments/:id/%s without a body',
    async (method, action, status) => {
      const received = serve(202, { ...deployment, status });

      await expect(client[method]('a/b')).resolves.toMatchObject({ status });
      expect(received).toHaveLength(1);
      expect(received[0].method).toBe('POST');
      expect(received[0].path).toBe(`/deployments/a%2Fb/${action}`);
      expect(received[0].body).toBeUndefined();
    },
  );

  describe('disaster recovery', () => {
    const plan = { deploymentId: deployment.id, version: 3, runs: [] };

    it('gets the plan, and undefined for a deployment without one', async () => {
      const received = serve(200, plan);
      await expect(client.getDrPlan('a/b')).resolves.toEqual(plan);
      expect(received[0].method).toBe('GET');
      expect(received[0].path).toBe('/deployments/a%2Fb/dr');

      serve(404, {
        error: { name: 'NotFoundError', message: 'no DR plan' },
        response: { statusCode: 404 },
      });
      await expect(client.getDrPlan('a/b')).resolves.toBeUndefined();
    });

    it('puts a plan as JSON', async () => {
      const received = serve(202, plan);
      const request = {
        standbyRegion: 'eu-west-3',
        mode: 'warm-standby' as const,
        rtoMinutes: 15,
        version: 2,
      };
      await expect(client.putDrPlan('a/b', request)).resolves.toEqual(plan);
      expect(received.map(r => [r.method, r.path, r.body])).toEqual([
        ['PUT', '/deployments/a%2Fb/dr', request],
      ]);
    });

    it.each([
      ['deleteDrPlan', 'DELETE', ''],
      ['failoverDeployment', 'POST', '/failover'],
      ['failbackDeployment', 'POST', '/failback'],
      ['testDrPlan', 'POST', '/test'],
    ] as const)(
      '%s sends %s /deployments/:id/dr%s with the version read',
      async (method, verb, suffix) => {
        const received = serve(202, plan);
        await expect(client[method]('a/b', { version: 3 })).resolves.toEqual(
          plan,
        );
        await client[method]('a/b');
        expect(received.map(r => [r.method, r.path, r.body])).toEqual([
          [verb, `/deployments/a%2Fb/dr${suffix}`, { version: 3 }],
          [verb, `/deployments/a%2Fb/dr${suffix}`, {}],
        ]);
      },
    );
  });

  describe('approvals', () => {
    const approval = makeApproval(1, { deploymentId: deployment.id });

    it('gets a deployment with the request that waits for approval', async () => {
      serve(200, { ...deployment, status: 'awaiting_approval', approval });

      await expect(client.getDeployment(deployment.id)).resolves.toEqual({
        ...deployment,
        status: 'awaiting_approval',
        approval,
      });
    });

    it('lists the requests of a deployment', async () => {
      const received = serve(200, { items: [approval] });

      await expect(client.listApprovals('a/b')).resolves.toEqual({
        items: [approval],
      });
      expect(received[0].method).toBe('GET');
      expect(received[0].path).toBe('/deployments/a%2Fb/approvals');
    });

    it.each([
      ['approveRequest', 'approve', 202, 'pending'],
      ['rejectRequest', 'reject', 200, 'destroyed'],
    ] as const)(
      '%s posts the comment to /deployments/:id/approvals/:approvalId/%s',
      async (method, decision, code, status) => {
        const received = serve(code, { ...deployment, status });

        await expect(
          client[method](deployment.id, 'x/y', { comment: 'Budget agreed' }),
        ).resolves.toMatchObject({ status });
        expect(received).toHaveLength(1);
        expect(received[0].method).toBe('POST');
        expect(received[0].path).toBe(
          `/deployments/${deployment.id}/approvals/x%2Fy/${decision}`,
        );
        expect(received[0].body).toEqual({ comment: 'Budget agreed' });
      },
    );

    it("rejects with the server's message when a request is void", async () => {
      serve(409, {
        error: {
          name: 'ConflictError',
          message: 'The request is void: the deployment changed since.',
        },
        response: { statusCode: 409 },
      });

      const error = await client
        .approveRequest(deployment.id, approval.id, { comment: 'ok' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(409);
      expect(error.body.error.message).toBe(
        'The request is void: the deployment changed since.',
      );
    });
  });

  it('gets the summary with the same repeated filters as the list', async () => {
    const summary = {
      count: 3,
      currency: 'USD',
      monthlyCost: 120.5,
      byProvider: [{ provider: 'kubernetes', count: 3, monthlyCost: 120.5 }],
    };
    const received = serve(200, summary);

    await expect(
      client.getDeploymentsSummary({
        owner: ['group:default/ml-team', 'user:default/jane'],
        status: ['active'],
        q: 'fraud',
      }),
    ).resolves.toEqual(summary);
    expect(received[0].method).toBe('GET');
    expect(received[0].path).toBe('/deployments/summary');
    expect(received[0].query.getAll('owner')).toEqual([
      'group:default/ml-team',
      'user:default/jane',
    ]);
    expect(received[0].query.getAll('status')).toEqual(['active']);
    expect(received[0].query.get('q')).toBe('fraud');
    expect(received[0].query.has('cursor')).toBe(false);
  });

  it('lists the providers', async () => {
    const providers = [
      { id: 'kubernetes', title: 'Kubernetes', sandbox: true },
    ];
    const received = serve(200, providers);

    await expect(client.listProviders()).resolves.toEqual(providers);
    expect(received[0].method).toBe('GET');
    expect(received[0].path).toBe('/providers');
  });

  it('posts an estimate request as JSON', async () => {
    const estimate = {
      currency: 'USD',
      monthlyTotal: 10,
      complete: true,
      lines: [],
      assumptions: {},
      warnings: [],
      estimatedAt: '2026-01-01T00:00:00.000Z',
    };
    const received = serve(200, estimate);
    const request = {
      provider: 'gcp-cloud-run' as const,
      region: 'europe-west1',
      compute: { cpu: 1, memoryMiB: 512 },
    };

    await expect(client.estimateCost(request)).resolves.toEqual(estimate);
    expect(received[0].method).toBe('POST');
    expect(received[0].path).toBe('/estimates');
    expect(received[0].body).toEqual(request);
  });

  it('posts a compare request as JSON', async () => {
    const result = { currency: 'USD', options: [], estimatedAt: '2026-01-01' };
    const received = serve(200, result);
    const request = {
      compute: { cpu: 1, memoryMiB: 2048 },
      regions: { 'gcp-cloud-run': ['europe-west1'] },
    };

    await expect(client.compareEstimates(request)).resolves.toEqual(result);
    expect(received[0].method).toBe('POST');
    expect(received[0].path).toBe('/estimates/compare');
    expect(received[0].body).toEqual(request);
  });

  it('cancels an estimate request when its signal aborts', async () => {
    const received = serve(200, { currency: 'USD' });
    const controller = new AbortController();
    controller.abort();

    await expect(
      client.estimateCost(
        {
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          compute: { cpu: 1, memoryMiB: 512 },
        },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(received).toEqual([]);
  });

  it('maps error bodies to a ResponseError', async () => {
    serve(409, {
      error: { name: 'ConflictError', message: 'version 1 is stale' },
      response: { statusCode: 409 },
    });

    const error = await client
      .updateDeployment(deployment.id, { version: 1 })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.name).toBe('ConflictError');
    expect(error.cause.message).toBe('version 1 is stale');
  });

  it('maps a non-JSON failure to a ResponseError', async () => {
    server.use(
      http.get(`${baseUrl}/deployments/:id`, () =>
        HttpResponse.text('upstream down', { status: 502 }),
      ),
    );

    const error = await client.getDeployment('x').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
