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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ObservedState,
  ProviderContext,
  ProviderError,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { CloudRunProvider } from './CloudRunProvider';
import { cloudRunService } from './cloudRunService';
import { createServicesClient } from './createServicesClient';
import { CloudRunAccount } from './readCloudRunConfig';

const ACCOUNTS: CloudRunAccount[] = [
  {
    id: 'ml',
    projectId: 'acme-ml',
    regions: ['us-central1', 'europe-west1'],
  },
  { id: 'other', projectId: 'acme-other' },
];
const PARENT = 'projects/acme-ml/locations/us-central1';

let counter = 0;
function deployment(
  overrides: Omit<Partial<Deployment>, 'spec'> & {
    compute?: Partial<Deployment['spec']['compute']>;
    spec?: Partial<Deployment['spec']>;
  } = {},
): Deployment {
  counter += 1;
  const { compute, spec, ...rest } = overrides;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    name: `model-${counter}`,
    status: 'provisioning',
    outputs: {},
    createdBy: 'user:default/ada',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: 'user:default/ada',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...rest,
    spec: {
      owner: 'group:default/ml',
      component: 'component:default/model',
      environment: 'development',
      provider: 'gcp-cloud-run',
      region: 'us-central1',
      engine: 'sdk',
      artifact: { image: 'us-docker.pkg.dev/acme/models/model:1.0.0' },
      ...spec,
      compute: {
        cpu: 1,
        memoryMiB: 512,
        minInstances: 0,
        maxInstances: 3,
        ...compute,
      },
    },
  };
}

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const ctx: ProviderContext = {
    log: async (message, data) => {
      lines.push(`${message} ${JSON.stringify(data ?? {})}`);
    },
    signal,
    logger: mockServices.logger.mock(),
  };
  return { ctx, lines };
}

async function settle(
  provider: CloudRunProvider,
  d: Deployment,
  ctx: ProviderContext,
): Promise<ObservedState> {
  for (let i = 0; i < 100; i++) {
    const state = await provider.describe(d, ctx);
    if (state.state !== 'in-progress') return state;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error(`${d.name} did not settle`);
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error;
}

describe('CloudRunProvider', () => {
  let sandbox: CloudRunSandbox;
  let provider: CloudRunProvider;
  const requests = (method?: string) =>
    sandbox.requests.filter(r => !method || r.method === method);

  beforeEach(async () => {
    sandbox = await CloudRunSandbox.start({ readyAfterMs: 150 });
    provider = new CloudRunProvider({
      accounts: ACCOUNTS,
      sandboxUrl: sandbox.url,
      timeoutMs: 2000,
    });
  });

  afterEach(async () => {
    await provider.close();
    await sandbox.close();
  });

  it('provisions a service: in progress, then ready with its endpoint and outputs', async () => {
    const d = deployment({ compute: { cpu: 0.5, memoryMiB: 256 } });
    const { ctx, lines } = context();

    const started = await provider.provision(d, ctx);
    expect(started).toMatchObject({
      state: 'in-progress',
      detail: expect.stringMatching(/^Deploying revision model-\d+-00001-/),
    });
    expect(requests().map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /v2/${PARENT}/services/${d.name}`,
      `POST /v2/${PARENT}/services`,
      `GET /v2/${PARENT}/services/${d.name}`,
    ]);
    const create = requests('POST')[0];
    expect(create.query.serviceId).toBe(d.name);
    expect(create.body).toMatchObject({
      labels: {
        'managed-by': 'backstage-cloud-deployments',
        'cloud-deployments-id': d.id,
      },
      template: {
        containers: [
          {
            image: 'us-docker.pkg.dev/acme/models/model:1.0.0',
            resources: { limits: { cpu: '500m', memory: '256Mi' } },
          },
        ],
        scaling: { minInstanceCount: 0, maxInstanceCount: 3 },
        // Cloud Run refuses more than one request at a time below one CPU.
        maxInstanceRequestConcurrency: 1,
      },
    });
    expect(lines).toEqual([
      expect.stringContaining(
        `Creating Cloud Run service ${d.name} in project acme-ml, region us-central1`,
      ),
    ]);

    const ready = await settle(provider, d, ctx);
    const [service] = sandbox.services();
    expect(ready).toEqual({
      state: 'ready',
      endpoint: service.uri,
      outputs: {
        serviceName: `${PARENT}/services/${d.name}`,
        uri: service.uri,
        latestReadyRevision: service.latestReadyRevision,
        account: 'ml',
        projectId: 'acme-ml',
        region: 'us-central1',
      },
      config: {
        image: 'us-docker.pkg.dev/acme/models/model:1.0.0',
        cpu: 0.5,
        memoryMiB: 256,
        minInstances: 0,
        maxInstances: 3,
        // Read, and none set: an empty set, not an unknown one.
        env: {},
      },
    });
    // The sandbox answers at the endpoint, for a newcomer to click.
    const hello = await fetch(service.uri);
    expect(hello.status).toBe(200);
  });

  it('creates nothing twice when provision is called again (crash retry)', async () => {
    const d = deployment();
    const { ctx } = context();
    await provider.provision(d, ctx);
    expect(await provider.provision(d, ctx)).toMatchObject({
      state: 'in-progress',
    });
    await settle(provider, d, ctx);
    expect(await provider.provision(d, ctx)).toMatchObject({ state: 'ready' });

    expect(sandbox.services()).toHaveLength(1);
    expect(requests('POST')).toHaveLength(1);
  });

  it('finds a service whose create got through before an error', async () => {
    const d = deployment();
    const { ctx } = context();
    // Another attempt created it between our look and our create.
    sandbox.seedService(
      `${PARENT}/services/${d.name}`,
      cloudRunService(d) as Record<string, unknown>,
    );
    sandbox.rejectNext({
      method: 'GET',
      status: 'NOT_FOUND',
      message: 'not there yet',
    });
    expect(await provider.provision(d, ctx)).toMatchObject({ state: 'ready' });
    expect(sandbox.services()).toHaveLength(1);
  });

  it('reports a failed rollout with Cloud Run’s reason', async () => {
    const d = deployment();
    const { ctx } = context();
    sandbox.failNextCreate(
      d.name,
      'The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable.',
    );
    await provider.provision(d, ctx);
    const failed = await settle(provider, d, ctx);
    expect(failed).toMatchObject({
      state: 'failed',
      reason: `Cloud Run service ${d.name} failed (REVISION_FAILED): The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable.`,
      outputs: expect.objectContaining({
        serviceName: `${PARENT}/services/${d.name}`,
      }),
    });
  });

  it('throws throttled on RESOURCE_EXHAUSTED rate limits, and works on retry', async () => {
    const d = deployment();
    const { ctx } = context();
    sandbox.throttleNext(1);
    const error = await rejection(provider.provision(d, ctx));
    expect(error.kind).toBe('throttled');
    expect(error.code).toBe('RESOURCE_EXHAUSTED');
    expect(error.message).toBe(
      `Cloud Run get of service ${PARENT}/services/${d.name} failed with RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' of service 'run.googleapis.com' for consumer 'project_number:000000000000'.`,
    );
    // The SDK did not retry by itself.
    expect(requests()).toHaveLength(1);

    expect(await provider.provision(d, ctx)).toMatchObject({
      state: 'in-progress',
    });
  });

  it('throws transient when a request times out, without retrying it', async () => {
    provider = new CloudRunProvider({
      accounts: ACCOUNTS,
      sandboxUrl: sandbox.url,
      timeoutMs: 200,
    });
    const d = deployment();
    const { ctx } = context();
    sandbox.hangNext(1);
    const started = Date.now();
    const error = await rejection(provider.describe(d, ctx));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    // gax counts the deadline from its own clock: 200 ms, or 199 by then.
    expect(error.message).toMatch(
      /did not respond within (19\d|200) milliseconds/,
    );
    expect(requests()).toHaveLength(1);
  });

  it('throws transient on UNAVAILABLE and INTERNAL', async () => {
    const d = deployment();
    const { ctx } = context();
    for (const status of ['UNAVAILABLE', 'INTERNAL'] as const) {
      sandbox.rejectNext({
        status,
        message: 'The service is currently unavailable.',
      });
      const error = await rejection(provider.describe(d, ctx));
      expect(error).toMatchObject({ kind: 'transient', code: status });
    }
  });

  it('throws permanent with a readable message on validation, quota and permission errors', async () => {
    const d = deployment();
    const { ctx } = context();

    sandbox.rejectNext({
      method: 'POST',
      status: 'INVALID_ARGUMENT',
      message:
        "template.containers[0].image: Image 'us-docker.pkg.dev/acme/models/model:1.0.0' not found.",
    });
    let error = await rejection(provider.provision(d, ctx));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(
      `Cloud Run create of service ${PARENT}/services/${d.name} failed with INVALID_ARGUMENT: template.containers[0].image: Image 'us-docker.pkg.dev/acme/models/model:1.0.0' not found.`,
    );

    sandbox.rejectNext({
      method: 'POST',
      status: 'RESOURCE_EXHAUSTED',
      reason: 'QUOTA_EXCEEDED',
      message:
        "Quota exceeded for quota metric 'Total CPU allocation' and limit 'Total CPU allocation per project per region' of service 'run.googleapis.com'.",
    });
    error = await rejection(provider.provision(d, ctx));
    expect(error).toMatchObject({
      kind: 'permanent',
      code: 'RESOURCE_EXHAUSTED',
    });

    sandbox.rejectNext({
      status: 'PERMISSION_DENIED',
      message:
        "Permission 'run.services.get' denied on resource (or it may not exist).",
    });
    error = await rejection(provider.describe(d, ctx));
    expect(error).toMatchObject({
      kind: 'permanent',
      code: 'PERMISSION_DENIED',
    });
    expect(error.message).toContain("Permission 'run.services.get' denied");

    expect(sandbox.services()).toHaveLength(0);
  });

  it('refuses a spec Cloud Run would refuse without calling it', async () => {
    const d = deployment({ compute: { cpu: 3 } });
    const { ctx } = context();
    const error = await rejection(provider.update(d, ctx));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain(
      'compute.cpu: Cloud Run supports 1, 2, 4, 6 or 8 CPUs',
    );
    expect(requests()).toHaveLength(0);
  });

  it('updates to a new spec, and rolls back to the previous one', async () => {
    const v1 = deployment();
    const { ctx } = context();
    await provider.provision(v1, ctx);
    const first = await settle(provider, v1, ctx);

    const v2: Deployment = {
      ...v1,
      spec: {
        ...v1.spec,
        artifact: { image: 'us-docker.pkg.dev/acme/models/model:2.0.0' },
        compute: {
          cpu: 2,
          memoryMiB: 4096,
          minInstances: 1,
          maxInstances: 5,
          concurrency: 40,
        },
      },
    };
    expect(await provider.update(v2, ctx)).toMatchObject({
      state: 'in-progress',
    });
    const patch = requests('PATCH')[0];
    expect(patch.path).toBe(`/v2/${PARENT}/services/${v1.name}`);
    expect(patch.body).toMatchObject({
      labels: { 'cloud-deployments-id': v1.id },
      template: {
        containers: [
          {
            image: 'us-docker.pkg.dev/acme/models/model:2.0.0',
            resources: { limits: { cpu: '2', memory: '4096Mi' } },
          },
        ],
        scaling: { minInstanceCount: 1, maxInstanceCount: 5 },
        maxInstanceRequestConcurrency: 40,
      },
    });
    const second = await settle(provider, v2, ctx);
    expect(second.state).toBe('ready');
    expect(second).not.toEqual(first);
    expect(sandbox.services()[0].template.containers[0].image).toBe(
      'us-docker.pkg.dev/acme/models/model:2.0.0',
    );

    // A failed rollout, then the engine's rollback: the previous spec.
    const v3: Deployment = {
      ...v2,
      spec: {
        ...v2.spec,
        artifact: { image: 'us-docker.pkg.dev/acme/models/model:3.0.0-broken' },
      },
    };
    sandbox.failNextUpdate(v1.name, 'Container failed to start.');
    await provider.update(v3, ctx);
    expect(await settle(provider, v3, ctx)).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('Container failed to start.'),
    });
    await provider.update(v2, ctx);
    const rolledBack = await settle(provider, v2, ctx);
    expect(rolledBack.state).toBe('ready');
    const [service] = sandbox.services();
    expect(service.template.containers[0].image).toBe(
      'us-docker.pkg.dev/acme/models/model:2.0.0',
    );
    expect(service.generation).toBe('4');
    expect(sandbox.services()).toHaveLength(1);
  });

  it('recreates a service deleted behind its back when updating', async () => {
    const d = deployment();
    const { ctx } = context();
    await provider.provision(d, ctx);
    sandbox.deleteOutOfBand(`${PARENT}/services/${d.name}`);
    expect(await provider.update(d, ctx)).toMatchObject({
      state: 'in-progress',
    });
    expect(await settle(provider, d, ctx)).toMatchObject({ state: 'ready' });
  });

  it('reports what a service changed outside the portal runs, and destroys it leaving nothing', async () => {
    const d = deployment({ compute: { cpu: 1, memoryMiB: 512 } });
    const { ctx } = context();
    await provider.provision(d, ctx);
    expect(await settle(provider, d, ctx)).toMatchObject({
      state: 'ready',
      config: {
        image: 'us-docker.pkg.dev/acme/models/model:1.0.0',
        cpu: 1,
        memoryMiB: 512,
        minInstances: 0,
        maxInstances: 3,
      },
    });
    expect(
      sandbox.editBehindTheBack(`${PARENT}/services/${d.name}`, service => {
        const container = service.template.containers[0];
        container.image = 'evil/miner:latest';
        container.resources.limits = { cpu: '2', memory: '2Gi' };
        container.env = [{ name: 'POOL', value: 'pool.example:3333' }];
        service.template.scaling = { minInstanceCount: 1, maxInstanceCount: 9 };
      }),
    ).toBe(true);
    const state = await settle(provider, d, ctx);
    expect(state).toMatchObject({
      state: 'ready',
      config: {
        image: 'evil/miner:latest',
        cpu: 2,
        memoryMiB: 2048,
        minInstances: 1,
        maxInstances: 9,
        env: { POOL: 'pool.example:3333' },
      },
    });
    // Reconciliation lists; the listing reports the same.
    expect((await provider.describeMany([d], ctx)).get(d.id)).toEqual(state);

    await provider.destroy(d, ctx);
    expect(await settle(provider, d, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.services()).toHaveLength(0);
  });

  it('destroys a service, and reports absent when it is already gone', async () => {
    const d = deployment();
    const { ctx, lines } = context();
    await provider.provision(d, ctx);
    await settle(provider, d, ctx);

    expect(await provider.destroy(d, ctx)).toEqual({
      state: 'in-progress',
      detail: `Cloud Run is deleting service ${d.name}`,
    });
    expect(lines[1]).toContain(`Deleting Cloud Run service ${d.name}`);
    // Called again while deleting: nothing more is sent.
    await provider.destroy(d, ctx);
    expect(requests('DELETE')).toHaveLength(1);
    expect(await settle(provider, d, ctx)).toEqual({ state: 'absent' });

    expect(await provider.destroy(d, ctx)).toEqual({ state: 'absent' });
    expect(requests('DELETE')).toHaveLength(1);
    expect(sandbox.services()).toHaveLength(0);
  });

  it('leaves alone a service of the same name that is not the deployment’s', async () => {
    const d = deployment();
    const { ctx } = context();
    sandbox.seedService(`${PARENT}/services/${d.name}`, {
      labels: { team: 'search' },
      template: { containers: [{ image: 'gcr.io/acme/search' }] },
    });
    const error = await rejection(provider.provision(d, ctx));
    expect(error).toMatchObject({ kind: 'permanent', code: 'ALREADY_EXISTS' });
    expect(error.message).toContain('does not belong to this deployment');
    expect(await provider.describe(d, ctx)).toEqual({ state: 'absent' });
    expect(await provider.destroy(d, ctx)).toEqual({ state: 'absent' });
    expect(requests('DELETE')).toHaveLength(0);
    expect(sandbox.services()).toHaveLength(1);
  });

  it('stops by scaling to zero and starts with the spec’s scaling back, idempotently', async () => {
    const d = deployment({ compute: { minInstances: 1, maxInstances: 4 } });
    const { ctx, lines } = context();
    await provider.provision(d, ctx);
    const ready = await settle(provider, d, ctx);
    expect(ready.state).toBe('ready');
    const name = `${PARENT}/services/${d.name}`;
    const revision = sandbox.service(name)?.latestReadyRevision;
    lines.length = 0;

    expect((await provider.stop(d, ctx)).state).toBe('in-progress');
    const stopped = await settle(provider, d, ctx);
    expect(stopped).toMatchObject({
      state: 'stopped',
      outputs: { serviceName: name, account: 'ml', region: 'us-central1' },
      // The revision template keeps the spec's bounds: no drift to report.
      config: { minInstances: 1, maxInstances: 4, cpu: 1, memoryMiB: 512 },
    });
    expect(sandbox.service(name)).toMatchObject({
      labels: {
        'cloud-deployments-stopped': 'true',
        'cloud-deployments-id': d.id,
      },
      scaling: { scalingMode: 'MANUAL', manualInstanceCount: 0 },
      template: { scaling: { minInstanceCount: 1, maxInstanceCount: 4 } },
      // No new revision: only the service-level scaling changed.
      latestReadyRevision: revision,
    });
    expect((await provider.describeMany([d], ctx)).get(d.id)).toEqual(stopped);
    // Listed, as it exists, but nothing of it runs.
    const [listed] = (await provider.listTaggedResources(ctx)).filter(
      r => r.deploymentId === d.id,
    );
    expect(listed.config).toMatchObject({ instanceCount: 0, minInstances: 1 });
    const patches = () => requests('PATCH').length;
    expect(patches()).toBe(1);
    expect(await provider.stop(d, ctx)).toEqual(stopped);
    expect(patches()).toBe(1);

    expect((await provider.start(d, ctx)).state).toBe('in-progress');
    expect(await settle(provider, d, ctx)).toEqual(ready);
    expect(sandbox.service(name)).toMatchObject({
      labels: { 'cloud-deployments-id': d.id },
      template: { scaling: { minInstanceCount: 1, maxInstanceCount: 4 } },
      latestReadyRevision: revision,
    });
    expect(sandbox.service(name)?.scaling).toBeUndefined();
    expect(
      (sandbox.service(name)?.labels as Record<string, string>)[
        'cloud-deployments-stopped'
      ],
    ).toBeUndefined();
    expect(await provider.start(d, ctx)).toEqual(ready);
    expect(patches()).toBe(2);
    expect(lines.map(l => l.replace(/ \{.*$/, ''))).toEqual([
      `Scaling Cloud Run service ${d.name} to zero`,
      `Scaling Cloud Run service ${d.name} back to the spec's autoscaling`,
    ]);
  });

  it('destroys a stopped service, and stops or starts nothing that is gone', async () => {
    const d = deployment();
    const { ctx } = context();
    await provider.provision(d, ctx);
    await settle(provider, d, ctx);
    await provider.stop(d, ctx);
    expect((await settle(provider, d, ctx)).state).toBe('stopped');

    expect((await provider.destroy(d, ctx)).state).toBe('in-progress');
    expect(await settle(provider, d, ctx)).toEqual({ state: 'absent' });
    expect(await provider.stop(d, ctx)).toEqual({ state: 'absent' });
    expect(await provider.start(d, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.services()).toEqual([]);
  });

  it('describes hundreds of deployments with a few list requests, drift included', async () => {
    const deployments: Deployment[] = [];
    for (let i = 0; i < 300; i++) {
      const d = deployment({
        spec: {
          region: i < 250 ? 'us-central1' : 'europe-west1',
          account: i % 100 === 7 ? 'other' : undefined,
        },
      });
      deployments.push(d);
      const account = ACCOUNTS.find(a => a.id === (d.spec.account ?? 'ml'))!;
      sandbox.seedService(
        `projects/${account.projectId}/locations/${d.spec.region}/services/${d.name}`,
        cloudRunService(d) as Record<string, unknown>,
      );
    }
    const neverCreated = deployment();
    const drifted = deployments[42];
    sandbox.deleteOutOfBand(`${PARENT}/services/${drifted.name}`);
    const { ctx } = context();

    const observed = await provider.describeMany(
      [...deployments, neverCreated],
      ctx,
    );

    expect(observed.size).toBe(301);
    expect(observed.get(drifted.id)).toEqual({ state: 'absent' });
    expect(observed.get(neverCreated.id)).toEqual({ state: 'absent' });
    const ready = [...observed.values()].filter(s => s.state === 'ready');
    expect(ready).toHaveLength(299);
    expect(observed.get(deployments[7].id)).toMatchObject({
      state: 'ready',
      outputs: { account: 'other', projectId: 'acme-other' },
    });
    // Pages of 100: 3 for acme-ml/us-central1 (247 services), 1 each for
    // acme-ml/europe-west1 and acme-other/us-central1.
    expect(requests()).toHaveLength(5);
    expect(requests().every(r => r.query.pageSize === '100')).toBe(true);
  });

  // How fast is for bench:reconcile; this checks the paging at that size.
  it('describes 10,000 deployments with one list request per 100', async () => {
    const deployments = Array.from({ length: 10000 }, () => deployment());
    for (const d of deployments) {
      sandbox.seedService(
        `${PARENT}/services/${d.name}`,
        cloudRunService(d) as Record<string, unknown>,
      );
    }
    const { ctx } = context();
    const observed = await provider.describeMany(deployments, ctx);
    expect([...observed.values()].every(s => s.state === 'ready')).toBe(true);
    expect(observed.size).toBe(10000);
    expect(requests()).toHaveLength(100);
  }, 60_000);

  it('fails describeMany as a whole when a listing fails', async () => {
    const { ctx } = context();
    sandbox.throttleNext(1);
    const error = await rejection(provider.describeMany([deployment()], ctx));
    expect(error.kind).toBe('throttled');
  });

  it('stops a hanging call when the context’s signal is aborted', async () => {
    const d = deployment();
    const controller = new AbortController();
    const { ctx } = context(controller.signal);
    sandbox.hangNext(1);
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejection(provider.describe(d, ctx));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ kind: 'transient', code: 'CANCELLED' });
  });

  it('refuses deployments of unknown accounts or with names Cloud Run cannot take', async () => {
    const { ctx } = context();
    let error = await rejection(
      provider.provision(deployment({ spec: { account: 'nope' } }), ctx),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain(
      "account: no Google Cloud project 'nope' is configured for Cloud Run (configured: ml, other)",
    );
    const long = deployment({ name: `m${'x'.repeat(49)}` });
    error = await rejection(provider.provision(long, ctx));
    expect(error.message).toContain(
      'name: must be at most 49 characters for Google Cloud Run',
    );
    // No such service can exist.
    expect(await provider.describe(long, ctx)).toEqual({ state: 'absent' });
    expect(await provider.destroy(long, ctx)).toEqual({ state: 'absent' });
    expect(requests()).toHaveLength(0);
  });

  it('validates specs against the accounts and Cloud Run’s limits', () => {
    const { spec } = deployment();
    expect(provider.validate(spec)).toEqual([]);
    expect(provider.validate(spec, 'a'.repeat(49))).toEqual([]);
    expect(
      provider.validate({ ...spec, account: 'other', region: 'asia-east1' }),
    ).toEqual([]);
    expect(
      provider.validate(
        {
          ...spec,
          account: 'ml',
          region: 'asia-east1',
          artifact: {},
          compute: { cpu: 1.5, memoryMiB: 8192, concurrency: 10, gpu: 2 },
        },
        'a'.repeat(50),
      ),
    ).toEqual([
      'region: asia-east1 is not allowed in Google Cloud project ml (allowed: us-central1, europe-west1)',
      "name: must be at most 49 characters for Google Cloud Run (the service id), 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' has 50",
      'artifact.image: is required: Cloud Run runs a container image',
      'compute.cpu: Cloud Run supports 1, 2, 4, 6 or 8 CPUs, or a fraction of one CPU from 0.08 to 1, not 1.5',
      'compute.cpu: Cloud Run needs at least 2 CPUs for 8192 MiB of memory',
      'compute.gpu: Cloud Run supports one GPU (NVIDIA L4) per instance',
      'compute.gpu: Cloud Run needs at least 4 CPUs and 16384 MiB of memory with a GPU',
    ]);
    expect(
      provider.validate({
        ...spec,
        account: 'nope',
        region: 'us-central-1',
        compute: {
          cpu: 0.5,
          memoryMiB: 512,
          concurrency: 4,
          instanceType: 'e2-small',
        },
      }),
    ).toEqual([
      "account: no Google Cloud project 'nope' is configured for Cloud Run (configured: ml, other)",
      "region: 'us-central-1' is not a Google Cloud region such as us-central1",
      'compute.instanceType: Cloud Run has no instance types; set compute.cpu and compute.memoryMiB',
      'compute.concurrency: must be 1 when compute.cpu is below 1 (Cloud Run)',
    ]);
  });

  it('keeps credentials out of errors, outputs and log lines', async () => {
    const privateKey =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7sandboxsecret\n-----END PRIVATE KEY-----\n';
    const account: CloudRunAccount = {
      id: 'keyed',
      projectId: 'acme-keyed',
      credentials: {
        type: 'service_account',
        client_email: 'deployer@acme-keyed.iam.gserviceaccount.com',
        private_key_id: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
        private_key: privateKey,
      },
    };
    provider = new CloudRunProvider({
      accounts: [account],
      // The sandbox does not check credentials; talk to it with its token.
      createClient: a => createServicesClient(a, sandbox.url),
    });
    const d = deployment({ spec: { account: 'keyed' } });
    const { ctx, lines } = context();
    const secrets = [
      privateKey,
      'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
      'MIIEvQIBADAN',
    ];

    // A server that echoes what it was sent.
    sandbox.rejectNext({
      status: 'UNAUTHENTICATED',
      message: `Invalid key f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed for ${privateKey} with Bearer ya29.a0AfH6SMBsecret`,
    });
    const error = await rejection(provider.provision(d, ctx));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('[redacted]');
    await provider.provision(d, ctx);
    const ready = await settle(provider, d, ctx);

    const seen = JSON.stringify([error.message, error.stack, ready, lines]);
    for (const secret of [...secrets, 'ya29.a0AfH6SMBsecret']) {
      expect(seen).not.toContain(secret);
    }
  });
});
