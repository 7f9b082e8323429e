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
import { mockServices } from '@backstage/backend-test-utils';
import { Deployment } from '@internal/backstage-plugin-cloud-deployments-common';
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

/** Serves the deployments list in pages of 200, checking the token and cursor. */
async function serveDeployments(total: number) {
  const all = Array.from({ length: total }, (_, i) => deployment(i + 1));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(`${req.headers.authorization} ${url.pathname}${url.search}`);
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      res.writeHead(401).end();
      return;
    }
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const items = all.slice(start, start + limit);
    const next = start + limit < total ? String(start + limit) : undefined;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ items, totalCount: total, nextCursor: next }));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/cloud-deployments`,
    requests,
    close: () => new Promise(r => server.close(r)),
  };
}

function provider(baseUrl: string) {
  const taskRunner = { run: jest.fn() };
  const instance = new CloudDeploymentEntityProvider({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    appBaseUrl: 'http://localhost:3000',
    taskRunner,
  });
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  return { instance, connection, taskRunner };
}

describe('CloudDeploymentEntityProvider', () => {
  it('publishes every deployment in one full mutation, over several pages', async () => {
    const api = await serveDeployments(450);
    const { instance, connection, taskRunner } = provider(api.baseUrl);
    await instance.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'cloud-deployments:refresh' }),
    );

    await expect(instance.refresh()).resolves.toBe(450);
    expect(api.requests.map(r => r.replace(/^Bearer \S+ /, ''))).toEqual([
      '/api/cloud-deployments/deployments?limit=200',
      '/api/cloud-deployments/deployments?limit=200&cursor=200',
      '/api/cloud-deployments/deployments?limit=200&cursor=400',
    ]);
    const [mutation] = connection.applyMutation.mock.calls[0];
    expect(mutation.type).toBe('full');
    expect(mutation.entities).toHaveLength(450);
    expect(mutation.entities[0]).toMatchObject({
      locationKey: 'cloud-deployments',
      entity: { kind: 'CloudDeployment', metadata: { name: 'svc-1' } },
    });
    await api.close();
  });

  it('adds a changed deployment and removes a destroyed one as deltas', async () => {
    const { instance, connection } = provider('http://127.0.0.1:1');
    await instance.connect(connection);
    await instance.applyChange({
      action: 'upserted',
      deployment: deployment(1),
    });
    await instance.applyChange({
      action: 'removed',
      deployment: { ...deployment(1), status: 'destroyed' },
    });
    const [added, removed] = connection.applyMutation.mock.calls.map(c => c[0]);
    expect(added).toMatchObject({ type: 'delta', removed: [] });
    expect(added.added[0].entity.metadata.name).toBe('svc-1');
    expect(removed).toMatchObject({ type: 'delta', added: [] });
    expect(removed.removed[0].entity.metadata.name).toBe('svc-1');
  });

  it('fails the refresh, changing nothing, when the backend refuses', async () => {
    const { instance, connection } = provider('http://127.0.0.1:1/nothing');
    await instance.connect(connection);
    await expect(instance.refresh()).rejects.toThrow();
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
