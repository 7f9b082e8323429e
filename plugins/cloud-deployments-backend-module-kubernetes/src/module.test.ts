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
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The module is tested inside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { cloudDeploymentsProvidersExtensionPoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AddressInfo } from 'node:net';
import { cloudDeploymentsModuleKubernetes } from './module';
import { deploymentManifests } from './manifests/deploymentManifests';
import { toYaml } from './manifests/renderKubernetes';
import {
  kubernetesDeployment,
  SETTINGS,
} from './__testUtils__/kubernetesCases';

// The module in the real cloud-deployments backend (SQLite, job worker),
// with its sandbox cluster, over HTTP.

jest.setTimeout(60_000);

describe('cloudDeploymentsModuleKubernetes', () => {
  let api: string;
  let stop: () => Promise<void>;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        cloudDeploymentsModuleKubernetes,
        sandboxes,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            cloudDeployments: {
              jobs: {
                pollInterval: { milliseconds: 200 },
                idlePollInterval: { milliseconds: 100 },
              },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    api = `http://localhost:${port}/api/cloud-deployments`;
    stop = () => backend.stop();
  });
  afterAll(() => stop());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  async function until(id: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const { body } = await call('GET', `/deployments/${id}`);
      if (body.status === status) return body;
      if (body.status === 'failed')
        throw new Error(`failed: ${body.statusReason}`);
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`never ${status}`);
  }

  it('registers the sandbox cluster and says so', async () => {
    const { body } = await call('GET', '/providers');
    expect(body).toContainEqual({
      id: 'kubernetes',
      title: 'Kubernetes',
      sandbox: true,
      accounts: ['local'],
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Kubernetes is in sandbox mode: deployments go to the cluster 'local', a local simulation of the Kubernetes API at http:\/\/127\.0\.0\.1:\d+\./,
      ),
    );
  });

  it('is off without a cluster when no sandbox is installed, and says how to turn it on', async () => {
    const addProvider = jest.fn();
    const quiet = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [cloudDeploymentsModuleKubernetes, quiet.factory],
      extensionPoints: [
        [cloudDeploymentsProvidersExtensionPoint, { addProvider }],
      ],
    });

    expect(addProvider).not.toHaveBeenCalled();
    expect(quiet.warn).toHaveBeenCalledWith(
      'Kubernetes is off: no cluster is configured and no sandbox is installed. ' +
        'To deploy to real clusters, list them under kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount); ' +
        'for a local simulation, add @cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox to the backend',
    );
    await backend.stop();
  });

  it('deploys, updates and destroys through the job engine', async () => {
    const created = await call('POST', '/deployments', {
      name: 'shop',
      owner: 'group:default/web-team',
      component: 'component:default/shop',
      environment: 'staging',
      provider: 'kubernetes',
      region: 'europe-west1',
      engine: 'kubernetes',
      artifact: { image: 'ghcr.io/acme/shop:1.0.0' },
      compute: { cpu: 0.25, memoryMiB: 256, minInstances: 1, maxInstances: 4 },
    });
    expect(created.status).toBe(202);
    const active = await until(created.body.id, 'active');
    expect(active).toMatchObject({
      endpoint: 'http://shop.default.svc.cluster.local',
      outputs: { cluster: 'local', namespace: 'default', deployment: 'shop' },
    });
    const events = (
      await call('GET', `/deployments/${created.body.id}/events`)
    ).body.items.map((e: any) => e.message);
    expect(events).toEqual(
      expect.arrayContaining([
        'Applied Deployment default/shop to cluster local (server-side apply, field manager backstage-cloud-deployments)',
        'Applied HorizontalPodAutoscaler default/shop to cluster local (server-side apply, field manager backstage-cloud-deployments)',
      ]),
    );

    const updated = await call('PATCH', `/deployments/${created.body.id}`, {
      version: active.version,
      compute: { cpu: 0.25, memoryMiB: 256, instanceCount: 1 },
    });
    // A change applies at once.
    expect(updated).toMatchObject({
      status: 200,
      body: { status: 'updating' },
    });
    await until(created.body.id, 'active');
    const afterUpdate = (
      await call('GET', `/deployments/${created.body.id}/events`)
    ).body.items.map((e: any) => e.message);
    expect(afterUpdate).toContain(
      'Pruned HorizontalPodAutoscaler default/shop: the deployment no longer has it',
    );

    expect(
      (await call('DELETE', `/deployments/${created.body.id}`)).status,
    ).toBe(202);
    await until(created.body.id, 'destroyed');
  });

  it('applies manifests through POST /kubernetes/apply, dry run first', async () => {
    const manifests = toYaml(
      deploymentManifests(kubernetesDeployment({ name: 'catalogue' }), {
        ...SETTINGS,
        namespace: 'default',
      }),
    );
    const dry = await call('POST', '/kubernetes/apply', {
      manifests,
      applySet: 'catalogue',
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      cluster: 'local',
      namespace: 'default',
      dryRun: true,
      pruned: [],
    });
    expect(dry.body.applied.map((r: any) => r.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
    ]);

    const real = await call('POST', '/kubernetes/apply', {
      manifests,
      applySet: 'catalogue',
      prune: true,
      wait: true,
      timeoutSeconds: 30,
    });
    expect(real.status).toBe(200);
    expect(real.body.rollouts).toEqual([
      {
        name: 'catalogue',
        ready: true,
        message: 'catalogue rolled out: 1 of 1 replicas available',
      },
    ]);
  });

  it.each([
    [
      'a missing applySet',
      { manifests: 'a: b' },
      'Invalid Kubernetes apply: applySet: Required',
    ],
    [
      'an unknown field',
      { manifests: 'a: b', applySet: 'x', force: true },
      'unknown field(s) "force"',
    ],
    [
      'invalid manifests',
      {
        manifests:
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Bad\n',
        applySet: 'x',
      },
      'Deployment/Bad: metadata.name: must be a DNS-1123 subdomain',
    ],
    [
      'an unknown cluster',
      { manifests: 'a: b', applySet: 'x', cluster: 'prod' },
      "cluster: no Kubernetes cluster 'prod' is configured (clusters: local)",
    ],
    [
      'an alias that refers to itself',
      {
        manifests:
          'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, x: *m}\n',
        applySet: 'x',
      },
      'manifests: document 1: alias *m is inside the node it refers to (a cycle)',
    ],
    [
      'a billion laughs',
      {
        manifests: [
          'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
          ...'bcdefghi'
            .split('')
            .map(
              (c, i) =>
                `${c}: &${c} [${Array(9)
                  .fill(`*${'abcdefgh'[i]}`)
                  .join(', ')}]`,
            ),
        ].join('\n'),
        applySet: 'x',
      },
      'manifests: document 1 cannot be read: Excessive alias count',
    ],
  ])(
    'answers %s with a 400 that says what is wrong',
    async (_, body, message) => {
      const response = await call('POST', '/kubernetes/apply', body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
    },
  );

  it('refuses deeply nested manifests again and again, and still answers', async () => {
    // The YAML composer used to recurse past the end of the stack, and the
    // 400 quoted 'Maximum call stack size exceeded'.
    const manifests = `data: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (let i = 0; i < 3; i++) {
      const response = await call('POST', '/kubernetes/apply', {
        manifests,
        applySet: 'x',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /^manifests: are nested deeper than 64 levels \(at line 1, column 71\)$/,
      );
    }
    expect((await call('GET', '/providers')).status).toBe(200);
  });
});
