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
import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SETTINGS } from '../__testUtils__/kubernetesCases';
import { KubernetesProvider } from '../KubernetesProvider';
import { KUBERNETES_PERMISSIONS } from './testClusterConnection';

// The connection test through @kubernetes/client-node: against the sandbox
// API server, and against local servers that refuse or answer garbage.

const ctx = () => ({
  signal: new AbortController().signal,
  logger: mockServices.logger.mock(),
});

function providerFor(url: string, token: string) {
  return new KubernetesProvider({
    settings: {
      ...SETTINGS,
      clusters: [{ name: 'prod', url, token, skipTLSVerify: true }],
    },
  });
}

/** A local server answering every request with `status` and `body`. */
async function answering(status: number, body: string, type: string) {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

const close = (server: Server) =>
  new Promise<void>(resolve => server.close(() => resolve()));

describe('KubernetesProvider.testConnection', () => {
  it("reports the token's user and the one denied verb as missing", async () => {
    const sandbox = await KubernetesSandbox.start({
      denied: ['delete deployments.apps'],
    });
    try {
      const provider = providerFor(sandbox.url, sandbox.token);
      expect(provider.accounts).toEqual(['prod']);
      const { signal, logger } = ctx();
      const check = await provider.testConnection('prod', { signal, logger });
      expect(check.identity).toEqual({
        cluster: 'prod',
        server: sandbox.url,
        namespace: SETTINGS.namespace,
        user: 'system:serviceaccount:cloud-deployments:portal',
        groups: 'system:serviceaccounts, system:authenticated',
      });
      expect(check.problems).toEqual([]);
      expect(check.permissions).toHaveLength(KUBERNETES_PERMISSIONS.length);
      expect(check.permissions.filter(p => p.status !== 'granted')).toEqual([
        {
          name: 'delete deployments.apps',
          purpose: 'destroy, prune',
          status: 'missing',
        },
      ]);
      // The token goes to the API server, never into the answer or the log.
      expect(sandbox.requests[0].authorization).toBe(`Bearer ${sandbox.token}`);
      expect(JSON.stringify(check)).not.toContain(sandbox.token);
      expect(JSON.stringify(logger)).not.toContain(sandbox.token);
    } finally {
      await sandbox.close();
    }
  });

  it('reports a refusal (403) as a problem, the permissions unknown', async () => {
    const { server, url } = await answering(
      403,
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message:
          'selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource',
        reason: 'Forbidden',
        code: 403,
      }),
      'application/json',
    );
    try {
      const check = await providerFor(url, 'secret-token-1').testConnection(
        'prod',
        ctx(),
      );
      expect(check.identity).toEqual({});
      expect(check.problems).toEqual([
        'SelfSubjectReview failed (HTTP 403): selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource',
      ]);
      expect(check.permissions.every(p => p.status === 'unknown')).toBe(true);
      expect(JSON.stringify(check)).not.toContain('secret-token-1');
    } finally {
      await close(server);
    }
  });

  it.each([
    ['an HTML page', '<html><body>Bad gateway</body></html>', 'text/html'],
    [
      'truncated JSON',
      '{"kind":"SelfSubjectReview","status":{"user',
      'application/json',
    ],
    ['JSON of the wrong shape', '{"hello":"world"}', 'application/json'],
  ])('reports garbage (%s) as a problem', async (_, body, type) => {
    const { server, url } = await answering(200, body, type);
    try {
      const check = await providerFor(url, 'secret-token-2').testConnection(
        'prod',
        ctx(),
      );
      expect(check.identity).toEqual({});
      expect(check.problems).toHaveLength(1);
      expect(check.problems[0]).toMatch(/^SelfSubjectReview failed/);
      expect(JSON.stringify(check)).not.toContain('secret-token-2');
    } finally {
      await close(server);
    }
  });

  it('reports an unreachable cluster as a problem', async () => {
    const { server, url } = await answering(200, '', 'text/plain');
    await close(server);
    const check = await providerFor(url, 't').testConnection('prod', ctx());
    expect(check.problems[0]).toMatch(/^SelfSubjectReview failed: /);
  });
});
