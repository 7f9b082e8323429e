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
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { cloudRunRequest as terraformRequest } from './__testUtils__/fixtures';
import { cloudRunSandboxModule } from './__testUtils__/sandboxProviders';
import { cloudDeploymentsPlugin } from './plugin';

/*
 * The whole lifecycle through the HTTP API with a worker running: the real
 * Cloud Run provider and SDK against the Cloud Run sandbox, on both databases.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/cloud-deployments';
const PARENT = 'projects/cloud-deployments-sandbox/locations/europe-west1';
const cloudRunRequest = { ...terraformRequest, engine: 'sdk' };

const fastJobs = {
  pollInterval: { milliseconds: 50 },
  idlePollInterval: { milliseconds: 50 },
  backoff: { milliseconds: 20 },
  maxBackoff: { milliseconds: 100 },
  lease: { seconds: 5 },
};

describe.each(databases.eachSupportedId())('provisioning on %p', databaseId => {
  let knex: Knex;
  let sandbox: CloudRunSandbox;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  let reconcile: () => Promise<void>;

  async function start(
    options: { readyAfterMs?: number; timeoutMs?: number; jobs?: object } = {},
  ) {
    knex = await databases.init(databaseId);
    const cloudRun = await cloudRunSandboxModule({
      readyAfterMs: options.readyAfterMs,
      timeoutMs: options.timeoutMs,
    });
    sandbox = cloudRun.sandbox;
    reconcile = cloudRun.reconcile;
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        cloudRun.module,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.rootConfig.factory({
          data: {
            cloudDeployments: {
              jobs: { ...fastJobs, ...options.jobs },
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
  }

  afterEach(async () => {
    await stop?.();
  });

  const get = async (id: string) =>
    (await request(server).get(`${base}/deployments/${id}`)).body;

  async function until(
    id: string,
    statuses: string[],
    timeoutMs = 20_000,
  ): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const deployment = await get(id);
      if (statuses.includes(deployment.status)) return deployment;
      if (Date.now() > deadline) {
        throw new Error(
          `${id} is ${deployment.status}, not ${statuses.join(' or ')}`,
        );
      }
      await new Promise(r => setTimeout(r, 25));
    }
  }

  async function create(body: object = cloudRunRequest) {
    const res = await request(server).post(`${base}/deployments`).send(body);
    expect(res.status).toBe(202);
    return res.body;
  }

  const eventLog = async (id: string) =>
    (await request(server).get(`${base}/deployments/${id}/events`)).body.items;

  const statusTrail = async (id: string) =>
    (await eventLog(id))
      .filter((e: any) => e.type === 'status')
      .map((e: any) => `${e.data.from}→${e.data.to}`);

  /** Waits until the tasks of a deployment are in these states, oldest first. */
  async function untilTasks(id: string, states: string[], timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await knex('tasks')
        .where({ deployment_id: id })
        .orderBy('id');
      const now = rows.map(r => r.state);
      if (JSON.stringify(now) === JSON.stringify(states)) return;
      if (Date.now() > deadline) {
        throw new Error(`tasks of ${id} are ${now}, not ${states}`);
      }
      await new Promise(r => setTimeout(r, 25));
    }
  }

  const service = (name: string) =>
    sandbox.service(`${PARENT}/services/${name}`);

  it('answers 202 at once and provisions to active with the endpoint', async () => {
    await start();
    const created = await create();
    expect(created).toMatchObject({ status: 'pending', sandbox: true });

    const active = await until(created.id, ['active']);
    expect(active.endpoint).toMatch(/\/web-api-[0-9a-f]+$/);
    expect(active.outputs).toMatchObject({
      serviceName: `${PARENT}/services/web-api`,
    });
    expect(await statusTrail(created.id)).toEqual([
      'pending→provisioning',
      'provisioning→active',
    ]);
    const log = (
      await request(server).get(`${base}/deployments/${created.id}/events`)
    ).body.items.filter((e: any) => e.type === 'log');
    expect(log[0].message).toBe('Creating the Google Cloud Run resources');
    expect(log.at(-1).message).toBe(`Ready: ${active.endpoint}`);
    // Exactly one service, made by one create request.
    expect(sandbox.services()).toHaveLength(1);
    expect(
      sandbox.requests.filter(
        r => r.method === 'POST' && r.path.endsWith('/services'),
      ),
    ).toHaveLength(1);

    expect((await request(server).get(`${base}/providers`)).body).toEqual([
      {
        id: 'gcp-cloud-run',
        title: 'Google Cloud Run',
        sandbox: true,
        // Its connection can be tested.
        accounts: ['sandbox'],
      },
    ]);
  });

  it('refuses a provider or engine it cannot provision, writing nothing', async () => {
    await start();
    const sagemaker = await request(server)
      .post(`${base}/deployments`)
      .send({
        ...cloudRunRequest,
        provider: 'aws-sagemaker',
        compute: { instanceType: 'ml.m5.large' },
      });
    expect(sagemaker.status).toBe(400);
    expect(sagemaker.body.error.message).toBe(
      'provider: aws-sagemaker is not installed in this portal (installed: gcp-cloud-run)',
    );
    const terraform = await request(server)
      .post(`${base}/deployments`)
      .send(terraformRequest);
    expect(terraform.status).toBe(400);
    expect(terraform.body.error.message).toMatch(/^engine: terraform/);
    const longName = await request(server)
      .post(`${base}/deployments`)
      .send({ ...cloudRunRequest, name: 'a'.repeat(50) });
    expect(longName.status).toBe(400);
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(0);
    expect(Number((await knex('tasks').count({ n: '*' }))[0].n)).toBe(0);
  });

  it('fails with the cloud’s reason when the rollout fails', async () => {
    await start();
    sandbox.failNextCreate(
      'web-api',
      'The user-provided container failed to start and listen on the port defined by PORT=8080.',
    );
    const created = await create();
    const failed = await until(created.id, ['failed']);
    expect(failed.statusReason).toContain(
      'The user-provided container failed to start',
    );
    expect(await statusTrail(created.id)).toEqual([
      'pending→provisioning',
      'provisioning→failed',
    ]);
  });

  it('retries when throttled, then succeeds, saying why in the log', async () => {
    await start({ jobs: { maxAttempts: 5 } });
    sandbox.throttleNext(3);
    const created = await create();
    await until(created.id, ['active']);
    const [task] = await knex('tasks').where({ deployment_id: created.id });
    expect(task.state).toBe('succeeded');
    expect(Number(task.attempts)).toBe(3);
    expect(task.last_error).toMatch(/RESOURCE_EXHAUSTED|Quota exceeded/);
    expect(sandbox.services()).toHaveLength(1);

    // Each retry is in the deployment's log, with the provider's reason.
    const retries = (await eventLog(created.id)).filter(
      (e: any) => e.data?.retry,
    );
    expect(retries.map((e: any) => e.data.retry.attempt)).toEqual([1, 2, 3]);
    for (const retry of retries) {
      expect(retry).toMatchObject({
        type: 'log',
        actor: 'plugin:cloud-deployments',
      });
      expect(retry.message).toMatch(
        /^Attempt [123] of 5 failed: Cloud Run get of service projects\/.+ failed with RESOURCE_EXHAUSTED: Quota exceeded .+; retrying in \d+ ms$/,
      );
    }
  });

  it('fails a deployment that does not get ready in time', async () => {
    await start({
      readyAfterMs: 60_000,
      jobs: { provisionTimeout: { seconds: 1 } },
    });
    const created = await create();
    const failed = await until(created.id, ['failed']);
    expect(failed.statusReason).toMatch(
      /^Timed out after 1 s waiting for the deployment to become ready/,
    );
  });

  it('destroys, also when the resources are already gone', async () => {
    await start();
    const a = await create();
    const b = await create({ ...cloudRunRequest, name: 'web-api-2' });
    await until(a.id, ['active']);
    await until(b.id, ['active']);

    expect(
      (await request(server).delete(`${base}/deployments/${a.id}`)).status,
    ).toBe(202);
    const destroyed = await until(a.id, ['destroyed']);
    expect(destroyed.endpoint).toBeUndefined();
    expect(service('web-api')).toBeUndefined();

    sandbox.deleteOutOfBand(`${PARENT}/services/web-api-2`);
    await request(server).delete(`${base}/deployments/${b.id}`).expect(202);
    await until(b.id, ['destroyed']);
    expect(await statusTrail(b.id)).toEqual([
      'pending→provisioning',
      'provisioning→active',
      'active→destroying',
      'destroying→destroyed',
    ]);
  });

  it('provisions one name in two environments under two cloud names; a destroy leaves the other', async () => {
    await start();
    const staging = await create({
      ...cloudRunRequest,
      environment: 'staging',
    });
    const production = await create({
      ...cloudRunRequest,
      environment: 'production',
    });
    expect(staging.resourceName).toBe('web-api');
    expect(production.resourceName).toBe('web-api-production');
    const again = await request(server)
      .post(`${base}/deployments`)
      .send({ ...cloudRunRequest, environment: 'production' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'name: a deployment named "web-api" already exists in environment production',
    );

    await until(staging.id, ['active']);
    const active = await until(production.id, ['active']);
    expect(active.outputs).toMatchObject({
      serviceName: `${PARENT}/services/web-api-production`,
    });
    expect(
      sandbox
        .services()
        .map(s => s.name)
        .sort(),
    ).toEqual([
      `${PARENT}/services/web-api`,
      `${PARENT}/services/web-api-production`,
    ]);

    await request(server)
      .delete(`${base}/deployments/${production.id}`)
      .expect(202);
    await until(production.id, ['destroyed']);
    expect(service('web-api-production')).toBeUndefined();
    expect(service('web-api')).toBeDefined();
    expect((await get(staging.id)).status).toBe('active');
  });

  it('redeploys a change, and rolls back to the revision before a failed one', async () => {
    await start();
    const created = await create();
    const v1 = await until(created.id, ['active']);
    const image = (name: string) => service(name)?.template.containers[0].image;
    expect(image('web-api')).toBe(cloudRunRequest.artifact.image);

    // A good change.
    const patched = await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({
        version: v1.version,
        artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.4.0' },
      });
    // A change applies at once: updating, then active.
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('updating');
    const v2 = await until(created.id, ['active']);
    expect(image('web-api')).toBe('europe-docker.pkg.dev/acme/web/api:2.4.0');

    // A bad change fails in the cloud...
    sandbox.failNextUpdate(
      'web-api',
      'Revision web-api-00003 is not ready: container exited with code 1',
    );
    await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({
        version: v2.version,
        artifact: { image: 'europe-docker.pkg.dev/acme/web/api:broken' },
      })
      .expect(200);
    const failed = await until(created.id, ['failed']);
    expect(failed.statusReason).toContain('container exited with code 1');

    // ...and rollback puts the revision before it back, in the DB and the cloud.
    const rolling = await request(server).post(
      `${base}/deployments/${created.id}/rollback`,
    );
    expect(rolling.status).toBe(202);
    expect(rolling.body).toMatchObject({
      status: 'updating',
      spec: { artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.4.0' } },
    });
    await until(created.id, ['active']);
    expect(image('web-api')).toBe('europe-docker.pkg.dev/acme/web/api:2.4.0');
  });

  it('refuses a rollback of a deployment that has only its first revision', async () => {
    await start();
    sandbox.failNextCreate('web-api');
    const created = await create();
    await until(created.id, ['failed']);
    const res = await request(server).post(
      `${base}/deployments/${created.id}/rollback`,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Deployment web-api has only revision 1; there is no earlier revision to roll back to',
    );
    // Redeploy provisions it from scratch instead.
    await request(server)
      .post(`${base}/deployments/${created.id}/redeploy`)
      .expect(202);
    await until(created.id, ['active']);
  });

  it('honours a cancel while provisioning', async () => {
    // Slow enough to cancel before it is ready; the destroy below waits as long.
    await start({ readyAfterMs: 3000 });
    const created = await create();
    await until(created.id, ['provisioning']);
    const cancelled = await request(server).post(
      `${base}/deployments/${created.id}/cancel`,
    );
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({
      status: 'failed',
      statusReason:
        'Cancelled by user:default/mock; resources created so far remain until the deployment is destroyed',
    });
    // The task stops and never records an outcome over the cancel.
    await new Promise(r => setTimeout(r, 500));
    expect((await get(created.id)).status).toBe('failed');
    const tasks = await knex('tasks').where({ deployment_id: created.id });
    expect(tasks.map(t => t.state)).toEqual(['cancelled']);
    // A cancel of a deployment that is not provisioning is refused.
    const again = await request(server).post(
      `${base}/deployments/${created.id}/cancel`,
    );
    expect(again.status).toBe(409);
    // What was made is cleaned up by a destroy.
    await request(server)
      .delete(`${base}/deployments/${created.id}`)
      .expect(202);
    await until(created.id, ['destroyed']);
    expect(sandbox.services()).toHaveLength(0);
  });

  it('cancels an update that hangs at the provider, stopping it at once, then rolls back', async () => {
    // Requests time out after 30 s: only the cancel can stop the hang in time.
    await start({ timeoutMs: 30_000 });
    const created = await create();
    const v1 = await until(created.id, ['active']);
    const before = sandbox.requests.length;
    sandbox.hangNext(1);
    await request(server)
      .patch(`${base}/deployments/${created.id}`)
      .send({
        version: v1.version,
        artifact: { image: 'europe-docker.pkg.dev/acme/web/api:hangs' },
      })
      .expect(200);
    await until(created.id, ['updating']);
    // The update's first request is held by the cloud.
    for (let i = 0; sandbox.requests.length === before; i++) {
      if (i > 800) throw new Error('the update never reached the sandbox');
      await new Promise(r => setTimeout(r, 25));
    }

    const cancelledAt = Date.now();
    const cancelled = await request(server).post(
      `${base}/deployments/${created.id}/cancel`,
    );
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({
      status: 'failed',
      statusReason:
        'Update cancelled by user:default/mock; the cloud may be part-way through the change (a change it already accepted may still complete there); roll back or redeploy to apply a known spec',
    });
    // The task in flight stops well before its request would have timed out.
    await untilTasks(created.id, ['succeeded', 'cancelled'], 10_000);
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    const log = await eventLog(created.id);
    expect(log.at(-1)).toMatchObject({
      type: 'log',
      message: 'Update in flight stopped: it was cancelled or superseded',
    });
    expect((await get(created.id)).status).toBe('failed');

    // Rollback puts the revision before the cancelled one back.
    const rolling = await request(server).post(
      `${base}/deployments/${created.id}/rollback`,
    );
    expect(rolling.status).toBe(202);
    await until(created.id, ['active']);
    expect(service('web-api')?.template.containers[0].image).toBe(
      cloudRunRequest.artifact.image,
    );
    expect(await statusTrail(created.id)).toEqual([
      'pending→provisioning',
      'provisioning→active',
      'active→updating',
      'updating→failed',
      'failed→updating',
      'updating→active',
    ]);
  });

  it('cancels a destroy that hangs, leaving a deployment that can be destroyed again', async () => {
    await start({ timeoutMs: 30_000 });
    const created = await create();
    await until(created.id, ['active']);
    const before = sandbox.requests.length;
    sandbox.hangNext(1);
    await request(server)
      .delete(`${base}/deployments/${created.id}`)
      .expect(202);
    for (let i = 0; sandbox.requests.length === before; i++) {
      if (i > 800) throw new Error('the destroy never reached the sandbox');
      await new Promise(r => setTimeout(r, 25));
    }
    // A second destroy cannot supersede the first...
    expect(
      (await request(server).delete(`${base}/deployments/${created.id}`))
        .status,
    ).toBe(409);
    // ...but a cancel stops it.
    const cancelled = await request(server).post(
      `${base}/deployments/${created.id}/cancel`,
    );
    expect(cancelled.status).toBe(202);
    expect(cancelled.body.statusReason).toBe(
      'Destroy cancelled by user:default/mock; resources not yet deleted remain and are still billed (some may still be deleting); destroy again to delete them',
    );
    await untilTasks(created.id, ['succeeded', 'cancelled'], 10_000);
    expect(service('web-api')).toBeDefined();

    await request(server)
      .delete(`${base}/deployments/${created.id}`)
      .expect(202);
    await until(created.id, ['destroyed']);
    expect(service('web-api')).toBeUndefined();
  });

  it('records drift found by reconciliation', async () => {
    await start();
    const created = await create();
    const other = await create({ ...cloudRunRequest, name: 'web-api-2' });
    await until(created.id, ['active']);
    await until(other.id, ['active']);
    sandbox.deleteOutOfBand(`${PARENT}/services/web-api`);
    await reconcile();
    expect((await get(other.id)).status).toBe('active');
    const drifted = await get(created.id);
    expect(drifted.status).toBe('failed');
    expect(drifted.statusReason).toBe(
      'Drift: the Google Cloud Run resources were deleted outside the portal',
    );
    // Redeploy brings it back.
    await request(server)
      .post(`${base}/deployments/${created.id}/redeploy`)
      .expect(202);
    await until(created.id, ['active']);
    expect(sandbox.services()).toHaveLength(2);
  });

  it('records configuration drift with its fields, and a destroy leaves nothing', async () => {
    await start();
    const created = await create();
    await until(created.id, ['active']);
    sandbox.editBehindTheBack(`${PARENT}/services/web-api`, stored => {
      stored.template.containers[0].image = 'evil/miner:latest';
      stored.template.scaling = { minInstanceCount: 2, maxInstanceCount: 10 };
    });
    await until(created.id, ['active']);
    await reconcile();
    const drifted = await get(created.id);
    expect(drifted.status).toBe('drifted');
    expect(drifted.drift.fields).toEqual([
      {
        field: 'artifact.image',
        desired: 'europe-docker.pkg.dev/acme/web/api:2.3.1',
        observed: 'evil/miner:latest',
      },
      { field: 'compute.minInstances', desired: 0, observed: 2 },
    ]);
    await request(server)
      .delete(`${base}/deployments/${created.id}`)
      .expect(202);
    await until(created.id, ['destroyed']);
    expect(service('web-api')).toBeUndefined();
  });

  it('streams the log as server-sent events', async () => {
    await start();
    const created = await create();
    await until(created.id, ['active']);
    const res = await request(server)
      .get(`${base}/deployments/${created.id}/events/stream`)
      .buffer(true)
      .parse((response, callback) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          // Enough once the last status change arrived.
          if (text.includes('"to":"active"')) (response as any).destroy();
        });
        response.on('close', () => callback(null, text));
        response.on('error', () => callback(null, text));
      });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = String(res.body)
      .split('\n\n')
      .filter(block => block.startsWith('id: '))
      .map(block => JSON.parse(block.split('\ndata: ')[1]));
    expect(events[0]).toMatchObject({ type: 'created' });
    expect(events.map((e: any) => e.id)).toEqual(
      [...events.map((e: any) => e.id)].sort((x, y) => x - y),
    );
  });
});
