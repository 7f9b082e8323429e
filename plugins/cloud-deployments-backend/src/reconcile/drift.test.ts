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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { KubernetesSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { kubernetesSandboxModule } from '../__testUtils__/sandboxProviders';
import { cloudDeploymentsPlugin } from '../plugin';

/*
 * Drift end to end through the HTTP API with a worker running: the real
 * Kubernetes provider against the sandbox cluster, a Deployment changed
 * behind the portal's back, reconciliation, then re-apply, accept or
 * destroy; on both databases.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';

const kubernetesRequest = {
  name: 'shop',
  owner: 'group:default/web-team',
  component: 'component:default/shop',
  environment: 'production',
  provider: 'kubernetes',
  region: 'local',
  engine: 'kubernetes',
  artifact: { image: 'ghcr.io/acme/shop:1.0.0' },
  compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 3 },
};

describe.each(databases.eachSupportedId())('drift on %p', databaseId => {
  let sandbox: KubernetesSandbox;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  let reconcile: () => Promise<void>;

  beforeEach(async () => {
    const knex = await databases.init(databaseId);
    const kubernetes = await kubernetesSandboxModule();
    sandbox = kubernetes.sandbox;
    reconcile = kubernetes.reconcile;
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        kubernetes.module,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.rootConfig.factory({
          data: {
            cloudDeployments: {
              jobs: {
                pollInterval: { milliseconds: 50 },
                idlePollInterval: { milliseconds: 50 },
                backoff: { milliseconds: 20 },
                maxBackoff: { milliseconds: 100 },
              },
              // Runs when a test triggers it.
              reconciliation: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 1 },
                },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = async () => {
      await backend.stop();
      await sandbox.close();
    };
  });

  afterEach(() => stop());

  const get = async (id: string) =>
    (await request(server).get(`${base}/deployments/${id}`)).body;

  async function until(id: string, status: string): Promise<any> {
    for (let i = 0; i < 400; i++) {
      const deployment = await get(id);
      if (deployment.status === status) return deployment;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`${id} is ${(await get(id)).status}, not ${status}`);
  }

  async function createActive(body: object = kubernetesRequest) {
    const res = await request(server).post(`${base}/deployments`).send(body);
    expect(res.status).toBe(202);
    return until(res.body.id, 'active');
  }

  const deploymentObject = () =>
    sandbox.objects().find(o => o.kind === 'Deployment') as any;

  /** What `kubectl scale`, `kubectl set image` and `kubectl label` do. */
  const tamper = (change: (spec: any, object: any) => void) =>
    expect(
      sandbox.editBehindTheBack('Deployment', 'default', 'shop', object =>
        change(object.spec, object),
      ),
    ).toBe(true);

  it('records each drifted field with both values, re-applies the spec over it, and is active again', async () => {
    const created = await createActive();
    tamper((spec, object) => {
      spec.replicas = 1;
      spec.template.spec.containers[0].image = 'evil/miner:latest';
      object.metadata.labels = {};
    });
    await reconcile();

    const drifted = await get(created.id);
    expect(drifted.status).toBe('drifted');
    expect(drifted.drift.fields).toEqual([
      {
        field: 'artifact.image',
        desired: 'ghcr.io/acme/shop:1.0.0',
        observed: 'evil/miner:latest',
      },
      { field: 'compute.instanceCount', desired: 3, observed: 1 },
      {
        field: 'metadata.labels.app.kubernetes.io/managed-by',
        desired: 'backstage-cloud-deployments',
        observed: null,
      },
      {
        field: 'metadata.labels.app.kubernetes.io/name',
        desired: 'shop',
        observed: null,
      },
      {
        field: 'metadata.labels.backstage.io/kubernetes-id',
        desired: 'shop',
        observed: null,
      },
      {
        field: 'metadata.labels.cloud-deployments.backstage.io/deployment-id',
        desired: created.id,
        observed: null,
      },
      {
        field: 'metadata.labels.cloud-deployments.backstage.io/environment',
        desired: 'production',
        observed: null,
      },
    ]);
    expect(drifted.drift.detectedAt).toEqual(expect.any(String));
    expect(drifted.statusReason).toMatch(
      /^Drift: Kubernetes runs a configuration other than the spec: artifact.image ghcr.io\/acme\/shop:1.0.0 → evil\/miner:latest, compute.instanceCount 3 → 1, /,
    );
    const events = (
      await request(server).get(`${base}/deployments/${created.id}/events`)
    ).body.items;
    expect(events.at(-1)).toMatchObject({
      type: 'status',
      data: { from: 'active', to: 'drifted', fields: drifted.drift.fields },
    });

    // Seen again unchanged: nothing is written.
    await reconcile();
    expect((await get(created.id)).version).toBe(drifted.version);

    // Labels cannot become a spec: accepting is refused, re-applying works.
    const accept = await request(server)
      .post(`${base}/deployments/${created.id}/drift/accept`)
      .send({ version: drifted.version });
    expect(accept.status).toBe(409);
    expect(accept.body.error.message).toMatch(/re-apply the spec instead/);

    await request(server)
      .post(`${base}/deployments/${created.id}/drift/reapply`)
      .expect(202);
    const back = await until(created.id, 'active');
    expect(back.drift).toBeUndefined();
    const object = deploymentObject();
    expect(object.spec.replicas).toBe(3);
    expect(object.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/acme/shop:1.0.0',
    );
    expect(object.metadata.labels).toMatchObject({
      'cloud-deployments.backstage.io/deployment-id': created.id,
    });
    await reconcile();
    expect((await get(created.id)).status).toBe('active');

    // Nothing to re-apply over an active deployment.
    await request(server)
      .post(`${base}/deployments/${created.id}/drift/reapply`)
      .expect(409);
  });

  it('accepts what runs as the new spec, with no change in the cluster', async () => {
    const created = await createActive();
    tamper(spec => {
      spec.replicas = 5;
      spec.template.spec.containers[0].resources.requests = {
        cpu: '1',
        memory: '1Gi',
      };
    });
    await reconcile();
    const drifted = await get(created.id);
    expect(drifted.drift.fields).toEqual([
      { field: 'compute.instanceCount', desired: 3, observed: 5 },
      { field: 'compute.cpu', desired: 0.5, observed: 1 },
      { field: 'compute.memoryMiB', desired: 512, observed: 1024 },
    ]);

    // A stale version is refused: accept what was seen, nothing else.
    await request(server)
      .post(`${base}/deployments/${created.id}/drift/accept`)
      .send({ version: drifted.version - 1 })
      .expect(409);
    await request(server)
      .post(`${base}/deployments/${created.id}/drift/accept`)
      .send({ version: 'x' })
      .expect(400);

    const requestsBefore = sandbox.requests.filter(
      r => r.method === 'PATCH',
    ).length;
    const accepted = await request(server)
      .post(`${base}/deployments/${created.id}/drift/accept`)
      .send({ version: drifted.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'active',
      spec: { compute: { cpu: 1, memoryMiB: 1024, instanceCount: 5 } },
    });
    expect(accepted.body.drift).toBeUndefined();
    expect(sandbox.requests.filter(r => r.method === 'PATCH')).toHaveLength(
      requestsBefore,
    );
    await reconcile();
    expect((await get(created.id)).status).toBe('active');
  });

  it('destroys a drifted, relabelled deployment and leaves nothing', async () => {
    const created = await createActive();
    tamper((spec, object) => {
      spec.template.spec.containers[0].image = 'evil/miner:latest';
      object.metadata.labels = {};
    });
    await reconcile();
    expect((await get(created.id)).status).toBe('drifted');
    await request(server)
      .delete(`${base}/deployments/${created.id}`)
      .expect(202);
    await until(created.id, 'destroyed');
    expect(sandbox.objects()).toEqual([]);
  });

  it('re-applies at once when the spec asks for it', async () => {
    const created = await createActive({
      ...kubernetesRequest,
      driftRemediation: 'reapply',
    });
    tamper(spec => {
      spec.replicas = 1;
    });
    await reconcile();
    expect((await get(created.id)).status).not.toBe('active');
    await until(created.id, 'active');
    expect(deploymentObject().spec.replicas).toBe(3);
    const trail = (
      await request(server).get(`${base}/deployments/${created.id}/events`)
    ).body.items
      .filter((e: any) => e.type === 'status')
      .map((e: any) => `${e.data.from}→${e.data.to}`);
    expect(trail.slice(-3)).toEqual([
      'active→drifted',
      'drifted→updating',
      'updating→active',
    ]);
  });
});
