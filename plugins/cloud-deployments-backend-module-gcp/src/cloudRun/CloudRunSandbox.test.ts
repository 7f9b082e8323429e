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
import { ServicesClient } from '@google-cloud/run';
import { createServicesClient } from './createServicesClient';
import { toProviderError } from './toProviderError';
import { CloudRunSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';

const PARENT = 'projects/acme-ml/locations/europe-west1';
const fastPolling = {
  longrunning: {
    initialRetryDelayMillis: 10,
    retryDelayMultiplier: 1,
    maxRetryDelayMillis: 10,
    totalTimeoutMillis: 5000,
  },
};
const service = (image = 'us-docker.pkg.dev/acme/models/model:1.0.0') => ({
  labels: { team: 'ml' },
  template: {
    containers: [
      { image, resources: { limits: { cpu: '1', memory: '512Mi' } } },
    ],
  },
});

describe('CloudRunSandbox', () => {
  let sandbox: CloudRunSandbox;
  let client: ServicesClient;

  beforeEach(async () => {
    sandbox = await CloudRunSandbox.start({ readyAfterMs: 150 });
    client = createServicesClient(
      { id: 'ml', projectId: 'acme-ml' },
      sandbox.url,
    );
  });

  afterEach(async () => {
    await client.close();
    await sandbox.close();
  });

  it('runs services through the SDK’s long-running operations', async () => {
    const [create] = await client.createService(
      { parent: PARENT, serviceId: 'hello', service: service() },
      fastPolling,
    );
    expect(create.done).toBe(false);
    const [creating] = await client.getService({
      name: `${PARENT}/services/hello`,
    });
    expect(creating).toMatchObject({
      reconciling: true,
      terminalCondition: { state: 'CONDITION_PENDING' },
      latestReadyRevision: '',
    });

    const [created] = await create.promise();
    expect(created).toMatchObject({
      name: `${PARENT}/services/hello`,
      reconciling: false,
      // The SDK decodes an operation's result with numeric enums.
      terminalCondition: { state: 4 },
      latestReadyRevision: expect.stringMatching(
        /^projects\/acme-ml\/locations\/europe-west1\/services\/hello\/revisions\/hello-00001-/,
      ),
      uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/run\//),
    });

    const [update] = await client.updateService(
      { service: { name: `${PARENT}/services/hello`, ...service('img:2') } },
      fastPolling,
    );
    const [updated] = await update.promise();
    // A Long: the SDK decodes an operation's result with protobufjs.
    expect(String(updated.generation)).toBe('2');
    expect(updated.template?.containers?.[0].image).toBe('img:2');

    const [remove] = await client.deleteService(
      { name: `${PARENT}/services/hello` },
      fastPolling,
    );
    await remove.promise();
    await expect(
      client.getService({ name: `${PARENT}/services/hello` }),
    ).rejects.toMatchObject({ code: 5, httpStatusCode: 404 });
    expect(sandbox.services()).toEqual([]);
  });

  it('scales a service to zero with manual scaling, keeping its revision, and back', async () => {
    const name = `${PARENT}/services/pausable`;
    const [create] = await client.createService(
      { parent: PARENT, serviceId: 'pausable', service: service() },
      fastPolling,
    );
    const [created] = await create.promise();

    // The service as read goes back with the service-level scaling set.
    const [stop] = await client.updateService(
      {
        service: {
          ...created,
          scaling: { scalingMode: 'MANUAL', manualInstanceCount: 0 },
        },
      },
      fastPolling,
    );
    const [stopped] = await stop.promise();
    expect(stopped).toMatchObject({
      // Numeric enums, as the SDK decodes an operation's result.
      scaling: { scalingMode: 2, manualInstanceCount: 0 },
      latestReadyRevision: created.latestReadyRevision,
      latestCreatedRevision: created.latestCreatedRevision,
    });
    expect(String(stopped.generation)).toBe('2');
    expect(sandbox.service(name)).toMatchObject({
      scaling: { scalingMode: 'MANUAL', manualInstanceCount: 0 },
      template: { scaling: { maxInstanceCount: 100 } },
    });

    const { scaling: _scaling, ...started } = stopped;
    await (
      await client.updateService({ service: started }, fastPolling)
    )[0].promise;
    const [read] = await client.getService({ name });
    expect(read.scaling).toBeNull();
    expect(read.latestReadyRevision).toBe(created.latestReadyRevision);
  });

  it('refuses service-level scaling Cloud Run refuses', async () => {
    const refusal = async (scaling: Record<string, unknown>) => {
      const error = await client
        .createService({
          parent: PARENT,
          serviceId: 'scaled',
          service: { ...service(), scaling },
        })
        .then(
          () => undefined,
          e => e,
        );
      return toProviderError(error, 'create');
    };
    expect(
      await refusal({ scalingMode: 'AUTOMATIC', manualInstanceCount: 2 }),
    ).toMatchObject({
      kind: 'permanent',
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(
        'service.scaling.manual_instance_count: manual_instance_count can only be set when scaling_mode is MANUAL',
      ),
    });
    expect(
      await refusal({ scalingMode: 'MANUAL', manualInstanceCount: -1 }),
    ).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('must be a non-negative integer'),
    });
    expect(
      await refusal({ minInstanceCount: 3, maxInstanceCount: 2 }),
    ).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('service.scaling: Invalid scaling'),
    });
  });

  it('ends the operation of a failed create with its error', async () => {
    sandbox.failNextCreate('broken', 'Container failed to start.');
    const [create] = await client.createService(
      { parent: PARENT, serviceId: 'broken', service: service() },
      fastPolling,
    );
    await expect(create.promise()).rejects.toMatchObject({
      code: 9,
      message: expect.stringContaining('Container failed to start.'),
    });
    expect(sandbox.service(`${PARENT}/services/broken`)).toMatchObject({
      reconciling: false,
      terminalCondition: {
        state: 'CONDITION_FAILED',
        reason: 'REVISION_FAILED',
      },
    });
  });

  it('refuses what Cloud Run refuses, as permanent errors', async () => {
    const refusal = async (
      request: Parameters<ServicesClient['createService']>[0],
    ) => {
      const error = await client.createService(request).then(
        () => undefined,
        e => e,
      );
      return toProviderError(error, 'create');
    };
    const badCpu = service();
    badCpu.template.containers[0].resources.limits.cpu = '3';
    expect(
      await refusal({ parent: PARENT, serviceId: 'a', service: badCpu }),
    ).toMatchObject({
      kind: 'permanent',
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(
        "template.containers[0].resources.limits.cpu: Invalid value specified for cpu '3'",
      ),
    });
    expect(
      await refusal({
        parent: PARENT,
        serviceId: `a${'b'.repeat(49)}`,
        service: service(),
      }),
    ).toMatchObject({ kind: 'permanent', code: 'INVALID_ARGUMENT' });

    await client.createService({
      parent: PARENT,
      serviceId: 'twice',
      service: service(),
    });
    expect(
      await refusal({ parent: PARENT, serviceId: 'twice', service: service() }),
    ).toMatchObject({ kind: 'permanent', code: 'ALREADY_EXISTS' });

    const anonymous = await fetch(`${sandbox.url}/v2/${PARENT}/services`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED' },
    });
  });

  // A workload, not a timing: a loaded machine gets the time it needs.
  it('pages through 10,000 services', async () => {
    for (let i = 0; i < 10000; i++) {
      sandbox.seedService(`${PARENT}/services/svc-${i}`, service());
    }
    const ids = new Set<string>();
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const [page, , response] = await client.listServices(
        { parent: PARENT, pageSize: 1000, pageToken },
        { autoPaginate: false },
      );
      pages += 1;
      for (const s of page) ids.add(s.name!);
      pageToken = response?.nextPageToken || undefined;
    } while (pageToken);
    expect(ids.size).toBe(10000);
    expect(pages).toBe(10);
  }, 60_000);

  it('holds requests for a while, or until it closes', async () => {
    sandbox.hangNext(1, 100);
    const started = Date.now();
    await client
      .getService({ name: `${PARENT}/services/none` })
      .catch(() => {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    sandbox.hangNext(1);
    const hanging = fetch(`${sandbox.url}/v2/${PARENT}/services`, {
      headers: { authorization: 'Bearer t' },
    });
    await new Promise(resolve => setTimeout(resolve, 20));
    await sandbox.close();
    await expect(hanging).rejects.toThrow();
  });
});
