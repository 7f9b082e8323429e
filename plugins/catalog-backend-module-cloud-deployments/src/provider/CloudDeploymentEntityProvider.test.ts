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
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  DEPLOYMENTS_EVENT_TOPIC,
  DeploymentChangedEvent,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CloudDeploymentEntityProvider } from './CloudDeploymentEntityProvider';

const deployment = (n: number): Deployment => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `svc-${n}`,
  spec: {
    owner: 'group:default/web-team',
    component: 'component:default/web',
    environment: 'staging',
    provider: 'kubernetes',
    region: 'eu-central-1',
    engine: 'kubernetes',
    artifact: { image: 'registry.example.com/web:1' },
    compute: { cpu: 0.5, memoryMiB: 256 },
  },
  status: 'active',
  outputs: {},
  createdBy: 'user:default/a',
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedBy: 'user:default/a',
  updatedAt: '2026-11-22T00:00:00.000Z',
  version: 1,
});

/**
 * Serves `GET /deployments` of the cloud-deployments backend in pages, with
 * offsets as cursors. It authenticates the caller the way the backend's auth
 * service does: a service token of the catalog, issued for cloud-deployments.
 */
async function serveDeployments(total: number, items?: Deployment[]) {
  const all =
    items ?? Array.from({ length: total }, (_, i) => deployment(i + 1));
  const auth = mockServices.auth({ pluginId: 'cloud-deployments' });
  const requests: Array<{ path: string; caller?: string }> = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const caller = token
      ? await auth.authenticate(token).then(
          c =>
            auth.isPrincipal(c, 'service') ? c.principal.subject : undefined,
          () => undefined,
        )
      : undefined;
    requests.push({ path: `${url.pathname}${url.search}`, caller });
    if (!caller) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'AuthenticationError' } }));
      return;
    }
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const next = start + limit < total ? String(start + limit) : undefined;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        items: all.slice(start, start + limit),
        totalCount: total,
        nextCursor: next,
      }),
    );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/cloud-deployments`,
    requests,
    close: () => new Promise(r => server.close(r)),
  };
}

function setup(options: { baseUrl?: string; auth?: AuthService } = {}) {
  const taskRunner = { run: jest.fn() };
  const logger = mockServices.logger.mock();
  const rootEvents = DefaultEventsService.create({
    logger,
    useEventBus: 'never',
  });
  const provider = new CloudDeploymentEntityProvider({
    discovery: {
      getBaseUrl: async () => options.baseUrl ?? 'http://127.0.0.1:1',
      getExternalBaseUrl: async () => options.baseUrl ?? 'http://127.0.0.1:1',
    },
    auth: options.auth ?? mockServices.auth({ pluginId: 'catalog' }),
    logger,
    events: rootEvents.forPlugin('catalog'),
    appBaseUrl: 'http://localhost:3000',
    taskRunner,
  });
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const backendEvents = rootEvents.forPlugin('cloud-deployments');
  const publish = (eventPayload: DeploymentChangedEvent | unknown) =>
    backendEvents.publish({ topic: DEPLOYMENTS_EVENT_TOPIC, eventPayload });
  const mutations = () => connection.applyMutation.mock.calls.map(c => c[0]);
  return { provider, connection, taskRunner, logger, publish, mutations };
}

describe('CloudDeploymentEntityProvider', () => {
  it('is named cloud-deployments and schedules its refresh on connect', async () => {
    const { provider, connection, taskRunner } = setup();
    expect(provider.getProviderName()).toBe('cloud-deployments');
    await provider.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledTimes(1);
    expect(taskRunner.run).toHaveBeenCalledWith({
      id: 'cloud-deployments:refresh',
      fn: expect.any(Function),
    });
  });

  it('publishes every deployment in one full mutation, over several pages', async () => {
    const api = await serveDeployments(450);
    const { provider, connection, taskRunner, mutations } = setup({
      baseUrl: api.baseUrl,
    });
    await provider.connect(connection);
    // What the scheduler runs.
    await taskRunner.run.mock.calls[0][0].fn();

    expect(api.requests).toEqual([
      {
        path: '/api/cloud-deployments/deployments?limit=200',
        caller: 'plugin:catalog',
      },
      {
        path: '/api/cloud-deployments/deployments?limit=200&cursor=200',
        caller: 'plugin:catalog',
      },
      {
        path: '/api/cloud-deployments/deployments?limit=200&cursor=400',
        caller: 'plugin:catalog',
      },
    ]);
    expect(mutations()).toHaveLength(1);
    const [mutation] = mutations();
    expect(mutation.type).toBe('full');
    expect(mutation.entities).toHaveLength(450);
    expect(
      new Set(mutation.entities.map((e: any) => e.entity.metadata.name)).size,
    ).toBe(450);
    expect(mutation.entities[449]).toEqual({
      locationKey: 'cloud-deployments',
      entity: expect.objectContaining({
        kind: 'CloudDeployment',
        metadata: expect.objectContaining({ name: 'svc-450' }),
      }),
    });
    await api.close();
  });

  it('publishes an empty catalog when there are no deployments', async () => {
    const api = await serveDeployments(0);
    const { provider, connection, mutations } = setup({
      baseUrl: api.baseUrl,
    });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toBe(0);
    expect(mutations()).toEqual([{ type: 'full', entities: [] }]);
    await api.close();
  });

  it('changes nothing when the backend refuses the token', async () => {
    const api = await serveDeployments(3);
    const { provider, connection } = setup({
      baseUrl: api.baseUrl,
      auth: mockServices.auth.mock({
        getOwnServiceCredentials: async () =>
          mockCredentials.service('plugin:catalog'),
        getPluginRequestToken: async () => ({
          token: mockCredentials.service.invalidToken(),
        }),
      }),
    });
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    await api.close();
  });

  it('changes nothing when the backend cannot be reached', async () => {
    const { provider, connection } = setup({ baseUrl: 'http://127.0.0.1:1' });
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow();
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('refuses to refresh before it is connected', async () => {
    const { provider } = setup();
    await expect(provider.refresh()).rejects.toThrow(/not connected/);
  });

  it('adds and removes deployments as deltas when the backend announces changes', async () => {
    const { provider, connection, publish, mutations } = setup();
    await provider.connect(connection);

    await publish({ action: 'upserted', deployment: deployment(1) });
    await publish({
      action: 'upserted',
      deployment: { ...deployment(2), status: 'destroyed' },
    });
    await publish({
      action: 'removed',
      deployment: { ...deployment(1), status: 'destroyed' },
    });

    const summary = mutations().map(m => ({
      type: m.type,
      added: m.added.map((e: any) => [e.locationKey, e.entity.metadata.name]),
      removed: m.removed.map((e: any) => [
        e.locationKey,
        e.entity.metadata.name,
      ]),
    }));
    expect(summary).toEqual([
      {
        type: 'delta',
        added: [['cloud-deployments', 'svc-1']],
        removed: [],
      },
      {
        type: 'delta',
        added: [],
        removed: [['cloud-deployments', 'svc-2']],
      },
      {
        type: 'delta',
        added: [],
        removed: [['cloud-deployments', 'svc-1']],
      },
    ]);
    expect(mutations()[0].added[0].entity).toMatchObject({
      apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
      kind: 'CloudDeployment',
      spec: deployment(1).spec,
    });
  });

  it('ignores malformed events, and logs changes it cannot apply', async () => {
    const { provider, connection, publish, logger } = setup();
    await provider.connect(connection);

    await publish({ action: 'upserted' });
    await publish({ action: 'renamed', deployment: deployment(1) });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(2);

    connection.applyMutation.mockRejectedValueOnce(new Error('database gone'));
    await expect(
      publish({ action: 'upserted', deployment: deployment(1) }),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenLastCalledWith(
      expect.stringContaining('database gone'),
    );
  });

  it('leaves out, with one logged error each, deployments the catalog could not process', async () => {
    const poisoned = {
      ...deployment(2),
      spec: { ...deployment(2).spec, owner: 'group:default/a\ud800b' },
    };
    const wrongKind = {
      ...deployment(3),
      spec: { ...deployment(3).spec, owner: 'component:default/web' },
    };
    const badName = { ...deployment(4), name: 'Not A Name!' };
    const api = await serveDeployments(4, [
      deployment(1),
      poisoned,
      wrongKind,
      badName,
    ]);
    const { provider, connection, mutations, logger } = setup({
      baseUrl: api.baseUrl,
    });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toBe(1);
    expect(
      mutations()[0].entities.map((e: any) => e.entity.metadata.name),
    ).toEqual(['svc-1']);
    expect(logger.error.mock.calls.map(c => c[0])).toEqual([
      `Not publishing deployment ${poisoned.id} to the catalog: spec.owner: must be well-formed Unicode (it has an unpaired UTF-16 surrogate)`,
      `Not publishing deployment ${wrongKind.id} to the catalog: spec: owner: must refer to a group or user, like "group:default/name"`,
      expect.stringMatching(
        new RegExp(
          `^Not publishing deployment ${badName.id} to the catalog: .*metadata.name`,
        ),
      ),
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'Published 1 deployments; skipped 3 the catalog could not process',
    );

    // The same for a change announced as an event: nothing is applied.
    logger.error.mockClear();
    await provider.applyChange({ action: 'upserted', deployment: poisoned });
    expect(mutations()).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    await api.close();
  });

  it('does not follow events before it is connected', async () => {
    const { connection, publish } = setup();
    await publish({ action: 'upserted', deployment: deployment(1) });
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
