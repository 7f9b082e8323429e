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
import { ConfigReader } from '@backstage/config';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ObservedState,
  ProviderContext,
  ProviderError,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AciSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { AzureContainerInstancesProvider } from './AzureContainerInstancesProvider';
import { dnsNameLabel } from './containerGroup';
import { AciSubscription, readAciConfig } from './readAciConfig';

const SUB = '11111111-2222-3333-4444-555555555555';
const OTHER_SUB = '99999999-2222-3333-4444-555555555555';
const SUBSCRIPTIONS: AciSubscription[] = [
  {
    id: 'ml',
    subscriptionId: SUB,
    resourceGroup: 'ml-models',
    regions: ['westeurope', 'eastus'],
  },
  { id: 'other', subscriptionId: OTHER_SUB, resourceGroup: 'other' },
];
const scope = { subscriptionId: SUB, resourceGroup: 'ml-models' };
const GROUP_PATH = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/ml-models/providers/Microsoft.ContainerInstance/containerGroups/${name}`;

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
      provider: 'azure-container-instances',
      region: 'westeurope',
      engine: 'sdk',
      artifact: { image: 'acme.azurecr.io/models/model:1.0.0' },
      ...spec,
      compute: { cpu: 1, memoryMiB: 2048, ...compute },
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

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error;
}

describe('AzureContainerInstancesProvider', () => {
  let sandbox: AciSandbox;
  let provider: AzureContainerInstancesProvider;
  const requests = (method?: string) =>
    sandbox.requests().filter(r => !method || r.method === method);

  async function start(
    options: {
      readyAfterMs?: number;
      pageSize?: number;
      timeoutMs?: number;
    } = {},
    subscriptions = SUBSCRIPTIONS,
  ) {
    sandbox = await AciSandbox.start({
      readyAfterMs: options.readyAfterMs ?? 100,
      pageSize: options.pageSize,
    });
    provider = new AzureContainerInstancesProvider({
      subscriptions,
      timeoutMs: options.timeoutMs ?? 5000,
      sandbox,
    });
  }

  async function settle(
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

  afterEach(async () => {
    await provider?.close();
    await sandbox?.close();
  });

  it('provisions: in progress at first, then ready with endpoint and outputs', async () => {
    await start();
    const d = deployment({ name: 'hello' });
    const { ctx, lines } = context();

    expect(provider.sandbox).toBe(true);
    expect(await provider.provision(d, ctx)).toEqual({
      state: 'in-progress',
      detail: 'The container group is being created',
    });
    const fqdn = `${dnsNameLabel(d)}.westeurope.azurecontainer.io`;
    const ready = await settle(d, ctx);
    expect(ready).toMatchObject({
      state: 'ready',
      endpoint: `http://${fqdn}:8080`,
      outputs: {
        containerGroupId: GROUP_PATH('hello'),
        containerGroupName: 'hello',
        resourceGroup: 'ml-models',
        subscriptionId: SUB,
        account: 'ml',
        region: 'westeurope',
        ip: expect.stringMatching(/^198\./),
        fqdn,
        port: 8080,
      },
    });
    expect(lines).toEqual([
      'Creating container group hello in resource group ml-models (westeurope) {}',
    ]);
    // What the SDK sent: the group the spec describes.
    const [put] = requests('PUT');
    expect(put).toMatchObject({
      path: GROUP_PATH('hello'),
      query: { 'api-version': '2023-05-01' },
      body: {
        location: 'westeurope',
        tags: {
          'managed-by': 'backstage-cloud-deployments',
          'cloud-deployments-id': d.id,
        },
        properties: {
          osType: 'Linux',
          restartPolicy: 'Always',
          containers: [
            {
              name: 'app',
              properties: {
                image: 'acme.azurecr.io/models/model:1.0.0',
                resources: { requests: { cpu: 1, memoryInGB: 2 } },
                ports: [{ port: 8080, protocol: 'TCP' }],
              },
            },
          ],
          ipAddress: {
            type: 'Public',
            dnsNameLabel: dnsNameLabel(d),
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        },
      },
    });
  });

  it('creates nothing twice when provision is called again (crash retry)', async () => {
    await start();
    const d = deployment();
    const { ctx } = context();

    await provider.provision(d, ctx);
    expect((await provider.provision(d, ctx)).state).toBe('in-progress');
    await settle(d, ctx);
    expect((await provider.provision(d, ctx)).state).toBe('ready');

    expect(requests('PUT')).toHaveLength(1);
    expect(sandbox.containerGroups().map(g => g.name)).toEqual([d.name]);
  });

  it('refuses a container group of the same name that is not the deployment’s', async () => {
    await start();
    const { ctx } = context();
    await provider.provision(deployment({ name: 'taken' }), ctx);

    const error = await rejection(
      provider.provision(deployment({ name: 'taken' }), ctx),
    );
    expect(error).toMatchObject({
      kind: 'permanent',
      code: 'ContainerGroupNameTaken',
    });
    expect(requests('PUT')).toHaveLength(1);
    // Neither describe nor destroy touch it.
    expect(await provider.describe(deployment({ name: 'taken' }), ctx)).toEqual(
      {
        state: 'absent',
      },
    );
    expect(await provider.destroy(deployment({ name: 'taken' }), ctx)).toEqual({
      state: 'absent',
    });
    expect(requests('DELETE')).toHaveLength(0);
  });

  it('surfaces a failed container group with the reason from its events', async () => {
    await start();
    const d = deployment({ name: 'broken' });
    const { ctx } = context();
    sandbox.failNextCreate(
      'broken',
      "Failed to pull image 'acme.azurecr.io/models/model:1.0.0': manifest unknown",
    );

    expect((await provider.provision(d, ctx)).state).toBe('in-progress');
    expect(await settle(d, ctx)).toMatchObject({
      state: 'failed',
      reason:
        "Container 'app': Failed: Failed to pull image 'acme.azurecr.io/models/model:1.0.0': manifest unknown",
      outputs: expect.objectContaining({ containerGroupName: 'broken' }),
    });
  });

  it('reports a failure that the create operation shows at once', async () => {
    await start({ readyAfterMs: 0 });
    const d = deployment({ name: 'broken-now' });
    const { ctx } = context();
    sandbox.failNextCreate('broken-now', 'The image is not for linux/amd64');

    expect(await provider.provision(d, ctx)).toMatchObject({
      state: 'failed',
      reason: "Container 'app': Failed: The image is not for linux/amd64",
    });
  });

  it('is throttled, then succeeds on the retry', async () => {
    await start();
    const d = deployment();
    const { ctx } = context();
    sandbox.throttleNext(1, { retryAfterSeconds: 3 });

    const error = await rejection(provider.provision(d, ctx));
    expect(error).toMatchObject({
      kind: 'throttled',
      code: 'SubscriptionRequestsThrottled',
    });
    expect(error.message).toContain('HTTP 429');
    expect(error.message).toContain('retry after 3 s');

    expect((await provider.provision(d, ctx)).state).toBe('in-progress');
    expect((await settle(d, ctx)).state).toBe('ready');
    expect(sandbox.containerGroups()).toHaveLength(1);
  });

  it('turns a request timeout into a transient error', async () => {
    await start({ timeoutMs: 150 });
    const d = deployment();
    const { ctx } = context();
    sandbox.hangNext();

    const started = Date.now();
    const error = await rejection(provider.provision(d, ctx));
    expect(error).toMatchObject({ kind: 'transient', code: 'RequestTimeout' });
    expect(error.message).toBe(
      'Azure Resource Manager did not answer within 150 ms',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(requests('PUT')).toHaveLength(0);
  });

  it('interrupts a hanging call when ctx.signal is aborted', async () => {
    await start({ timeoutMs: 30000 });
    const controller = new AbortController();
    const { ctx } = context(controller.signal);
    sandbox.hangNext();

    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(provider.describe(deployment(), ctx));
    expect(error).toMatchObject({ kind: 'transient', code: 'Aborted' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    [
      409,
      'ContainerGroupQuotaReached',
      'Resource type container group quota exceeded in region westeurope. Limit: 100, Usage: 100.',
    ],
    [
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.',
    ],
    [
      403,
      'AuthorizationFailed',
      "The client does not have authorization to perform action 'Microsoft.ContainerInstance/containerGroups/write'.",
    ],
  ])(
    'fails permanently on HTTP %s %s with a readable message',
    async (status, code, message) => {
      await start();
      const d = deployment();
      const { ctx } = context();
      sandbox.rejectNext({ method: 'PUT', status, code, message });

      const error = await rejection(provider.provision(d, ctx));
      expect(error).toMatchObject({ kind: 'permanent', code });
      expect(error.message).toBe(
        `Azure answered HTTP ${status} ${code}: ${message}`,
      );
      expect(sandbox.containerGroups()).toHaveLength(0);
    },
  );

  it('retries a conflict that passes, and 5xx, as transient', async () => {
    await start();
    const { ctx } = context();
    sandbox.rejectNext({
      status: 503,
      code: 'ServiceUnavailable',
      message: 'The service is unavailable.',
    });
    expect(await rejection(provider.describe(deployment(), ctx))).toMatchObject(
      {
        kind: 'transient',
        code: 'ServiceUnavailable',
      },
    );

    const d = deployment();
    await provider.provision(d, ctx);
    // Still creating: ACI refuses the update until it has settled.
    const error = await rejection(
      provider.update(
        { ...d, spec: { ...d.spec, artifact: { image: 'img:2' } } },
        ctx,
      ),
    );
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'ContainerGroupTransitioning',
    });
  });

  it('refuses specs and names ACI would refuse, before calling Azure', async () => {
    await start();
    const { ctx } = context();
    expect(
      await rejection(provider.provision(deployment({ name: 'a--b' }), ctx)),
    ).toMatchObject({ kind: 'permanent', code: 'InvalidContainerGroupName' });
    const error = await rejection(
      provider.provision(deployment({ spec: { region: 'northeurope' } }), ctx),
    );
    expect(error).toMatchObject({ kind: 'permanent', code: 'InvalidSpec' });
    expect(error.message).toContain('region: subscription');
    expect(requests()).toHaveLength(0);
  });

  it('updates in place to a new image, and back (rollback)', async () => {
    await start();
    const d = deployment({ name: 'svc' });
    const { ctx, lines } = context();
    await provider.provision(d, ctx);
    await settle(d, ctx);

    const v2 = {
      ...d,
      spec: {
        ...d.spec,
        artifact: { image: 'acme.azurecr.io/models/model:2.0.0' },
      },
    };
    expect(await provider.update(v2, ctx)).toEqual({
      state: 'in-progress',
      detail: 'The container group is being updated',
    });
    expect((await settle(v2, ctx)).state).toBe('ready');
    expect(
      sandbox.containerGroup(scope, 'svc')?.properties.containers,
    ).toMatchObject([
      { properties: { image: 'acme.azurecr.io/models/model:2.0.0' } },
    ]);

    // Rollback: the previous spec through update.
    await provider.update(d, ctx);
    expect((await settle(d, ctx)).state).toBe('ready');
    expect(
      sandbox.containerGroup(scope, 'svc')?.properties.containers,
    ).toMatchObject([
      { properties: { image: 'acme.azurecr.io/models/model:1.0.0' } },
    ]);
    expect(requests('PUT')).toHaveLength(3);
    expect(requests('DELETE')).toHaveLength(0);
    expect(lines).toContain(
      'Applying the spec to container group svc in resource group ml-models {}',
    );
  });

  it('recreates the container group to change CPU, memory or region', async () => {
    await start();
    const d = deployment({ name: 'resize' });
    const { ctx, lines } = context();
    await provider.provision(d, ctx);
    await settle(d, ctx);

    const bigger = {
      ...d,
      spec: { ...d.spec, compute: { cpu: 2, memoryMiB: 4096 } },
    };
    expect(await provider.update(bigger, ctx)).toEqual({
      state: 'in-progress',
      detail:
        'Deleting the container group to create it again with the new spec',
    });
    expect(lines.at(-1)).toContain(
      'cannot change the CPU or memory (1 vCPU 2 GB to 2 vCPU 4 GB)',
    );
    // As the engine does: once gone, provision again.
    expect(await settle(bigger, ctx)).toEqual({ state: 'absent' });
    await provider.provision(bigger, ctx);
    expect((await settle(bigger, ctx)).state).toBe('ready');
    expect(
      sandbox.containerGroup(scope, 'resize')?.properties.containers,
    ).toMatchObject([
      { properties: { resources: { requests: { cpu: 2, memoryInGB: 4 } } } },
    ]);
  });

  it('reports what a container group changed outside the portal runs, and destroys it leaving nothing', async () => {
    await start();
    const d = deployment({ compute: { cpu: 1, memoryMiB: 300 } });
    const { ctx } = context();
    await provider.provision(d, ctx);
    // 300 MiB is kept as 0.3 GB: what the spec rounds to is no drift.
    expect(await settle(d, ctx)).toMatchObject({
      state: 'ready',
      config: {
        image: 'acme.azurecr.io/models/model:1.0.0',
        cpu: 1,
        memoryMiB: 300,
      },
    });
    expect(
      sandbox.editBehindTheBack(scope, d.name, body => {
        const [container] = body.properties.containers;
        container.properties.image = 'evil/miner:latest';
        container.properties.resources.requests = { cpu: 2, memoryInGB: 4 };
        container.properties.environmentVariables.push({
          name: 'POOL',
          value: 'pool.example:3333',
        });
      }),
    ).toBe(true);
    const state = await settle(d, ctx);
    expect(state).toMatchObject({
      state: 'ready',
      config: {
        image: 'evil/miner:latest',
        cpu: 2,
        memoryMiB: 4096,
        env: { POOL: 'pool.example:3333' },
      },
    });
    // Reconciliation lists; the listing reports the same configuration.
    expect((await provider.describeMany([d], ctx)).get(d.id)).toMatchObject({
      config: (state as { config: object }).config,
    });

    await provider.destroy(d, ctx);
    expect(await settle(d, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.containerGroups()).toEqual([]);
  });

  it('destroys, and a second destroy of what is gone is absent without error', async () => {
    await start();
    const d = deployment();
    const { ctx } = context();
    await provider.provision(d, ctx);
    await settle(d, ctx);

    expect(await provider.destroy(d, ctx)).toEqual({
      state: 'in-progress',
      detail: 'The container group is being deleted',
    });
    expect(await provider.describe(d, ctx)).toMatchObject({
      state: 'in-progress',
      detail: 'The container group is being deleted',
    });
    expect(await settle(d, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.containerGroups()).toEqual([]);

    sandbox.clearRequests();
    expect(await provider.destroy(d, ctx)).toEqual({ state: 'absent' });
    expect(requests('DELETE')).toHaveLength(0);
    // Never created at all, or in a resource group that does not exist.
    expect(
      await provider.destroy(deployment({ spec: { account: 'other' } }), ctx),
    ).toEqual({ state: 'absent' });
  });

  it('stops the container group and starts it again, idempotently', async () => {
    // Long enough for the stop to land while the update still runs.
    await start({ readyAfterMs: 400 });
    const d = deployment({ name: 'pausable' });
    const { ctx, lines } = context();
    await provider.provision(d, ctx);
    await settle(d, ctx);
    // Azure refuses to stop a group it is still updating: a retried conflict.
    await provider.update(
      {
        ...d,
        spec: {
          ...d.spec,
          artifact: { image: 'acme.azurecr.io/models/model:1.0.1' },
        },
      },
      ctx,
    );
    expect(await rejection(provider.stop(d, ctx))).toMatchObject({
      kind: 'transient',
      code: 'ContainerGroupTransitioning',
    });
    await settle(d, ctx);

    const stopped = await provider.stop(d, ctx);
    expect(stopped).toMatchObject({
      state: 'stopped',
      outputs: { containerGroupName: 'pausable', port: 8080 },
      config: { cpu: 1, memoryMiB: 2048 },
    });
    expect(stopped.state === 'stopped' && stopped.outputs?.ip).toBeUndefined();
    expect(await provider.describe(d, ctx)).toEqual(stopped);
    expect((await provider.describeMany([d], ctx)).get(d.id)).toMatchObject({
      state: 'stopped',
    });
    expect(sandbox.containerGroup(scope, 'pausable')).toMatchObject({
      properties: { instanceView: { state: 'Stopped' } },
    });
    const stops = () =>
      requests('POST').filter(r => r.path.endsWith('/stop')).length;
    expect(stops()).toBe(2);
    // Stopping what is stopped asks Azure for nothing more.
    expect(await provider.stop(d, ctx)).toEqual(stopped);
    expect(stops()).toBe(2);

    expect(await provider.start(d, ctx)).toMatchObject({
      state: 'in-progress',
      detail: 'The container group is pending',
    });
    const ready = await settle(d, ctx);
    expect(ready).toMatchObject({
      state: 'ready',
      endpoint: `http://${dnsNameLabel(d)}.westeurope.azurecontainer.io:8080`,
      outputs: { ip: expect.stringMatching(/^198\./) },
      config: { cpu: 1, memoryMiB: 2048 },
    });
    // Starting what runs changes nothing.
    sandbox.clearRequests();
    expect(await provider.start(d, ctx)).toEqual(ready);
    expect(requests('POST')).toEqual([]);
    expect(lines.filter(l => /^(Stopping|Starting)/.test(l))).toEqual([
      'Stopping container group pausable in resource group ml-models {}',
      'Stopping container group pausable in resource group ml-models {}',
      'Starting container group pausable in resource group ml-models {}',
    ]);
  });

  it('destroys a stopped container group, and stops or starts nothing that is gone', async () => {
    await start();
    const d = deployment();
    const { ctx } = context();
    await provider.provision(d, ctx);
    await settle(d, ctx);
    await provider.stop(d, ctx);

    expect((await provider.destroy(d, ctx)).state).toBe('in-progress');
    expect(await settle(d, ctx)).toEqual({ state: 'absent' });
    expect(await provider.stop(d, ctx)).toEqual({ state: 'absent' });
    expect(await provider.start(d, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.containerGroups()).toEqual([]);
  });

  it('describes hundreds of deployments in a few list requests, with drift', async () => {
    await start({ readyAfterMs: 0, pageSize: 100 });
    const { ctx } = context();
    const deployments = Array.from({ length: 300 }, () => deployment());
    const aci = provider;
    for (let i = 0; i < deployments.length; i += 25) {
      await Promise.all(
        deployments.slice(i, i + 25).map(d => aci.provision(d, ctx)),
      );
    }
    expect(sandbox.containerGroups()).toHaveLength(300);
    // Someone deletes one in the Azure portal.
    expect(sandbox.deleteBehindTheBack(scope, deployments[7].name)).toBe(true);
    const never = deployment();
    const elsewhere = deployment({ spec: { account: 'other' } });
    const unknown = deployment({ spec: { account: 'nope' } });
    sandbox.clearRequests();

    const seen = await provider.describeMany(
      [...deployments, never, elsewhere, unknown],
      ctx,
    );

    // Three pages of ml-models, one (404) for the other subscription.
    expect(requests().map(r => r.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(seen.size).toBe(303);
    expect(seen.get(deployments[0].id)).toMatchObject({
      state: 'ready',
      endpoint: expect.stringMatching(
        /^http:\/\/model-\d+-[0-9a-f]{8}\.westeurope\.azurecontainer\.io:8080$/,
      ),
    });
    expect(seen.get(deployments[7].id)).toEqual({ state: 'absent' });
    expect(seen.get(never.id)).toEqual({ state: 'absent' });
    expect(seen.get(elsewhere.id)).toEqual({ state: 'absent' });
    expect(seen.get(unknown.id)).toEqual({
      state: 'failed',
      reason: "No Azure subscription 'nope' is configured",
    });
    expect([...seen.values()].filter(s => s.state === 'ready')).toHaveLength(
      299,
    );
  }, 30_000);

  it('validates specs against ACI and the configured subscriptions', async () => {
    await start();
    expect(provider.validate(deployment().spec)).toEqual([]);
    expect(
      provider.validate({
        ...deployment().spec,
        account: 'nope',
        artifact: {},
        compute: { cpu: 8, memoryMiB: 65536, gpu: 1, instanceCount: 2 },
      }),
    ).toEqual([
      "account: 'nope' is not a configured Azure subscription; use one of ml, other",
      'artifact.image: Azure Container Instances runs a container image; set one',
      'compute.cpu: Azure Container Instances takes more than 0 and at most 4 vCPUs, not 8',
      'compute.memoryMiB: Azure Container Instances takes more than 0 and at most 16384 MiB, not 65536',
      'compute.gpu: GPUs are not offered for Azure Container Instances deployments',
      'compute.instanceCount: Azure Container Instances runs one container group per deployment; use 1',
    ]);
    expect(
      provider.validate({ ...deployment().spec, region: 'North Europe' }),
    ).toEqual([
      "region: 'North Europe' is not an Azure region name such as eastus",
    ]);
    expect(
      provider.validate({ ...deployment().spec, region: 'northeurope' }),
    ).toEqual([
      "region: subscription 'ml' allows westeurope, eastus, not northeurope",
    ]);
    expect(
      provider.validate({
        ...deployment().spec,
        account: 'other',
        region: 'northeurope',
      }),
    ).toEqual([]);
  });

  it('never shows configured secrets in outputs, log lines or errors', async () => {
    const secret = 'sup3r-s3cret-value~';
    const config = readAciConfig(
      new ConfigReader({
        cloudDeployments: {
          providers: {
            azure: {
              sandbox: true,
              subscriptions: [
                {
                  id: 'ml',
                  subscriptionId: SUB,
                  resourceGroup: 'ml-models',
                  tenantId: '22222222-2222-3333-4444-555555555555',
                  clientId: '33333333-2222-3333-4444-555555555555',
                  clientSecret: secret,
                },
              ],
            },
          },
        },
      }),
    );
    await start({}, config.subscriptions);
    const { ctx, lines } = context();
    const seen: unknown[] = [];
    const d = deployment({ spec: { region: 'eastus' } });
    seen.push(await provider.provision(d, ctx), await settle(d, ctx));
    sandbox.rejectNext({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'The access token is invalid.',
    });
    seen.push((await rejection(provider.describe(d, ctx))).message);
    sandbox.failNextCreate('leaky', 'boom');
    const failing = deployment({ name: 'leaky' });
    await provider.provision(failing, ctx);
    seen.push(await settle(failing, ctx));
    seen.push(await provider.describeMany([d, failing], ctx));
    seen.push(await provider.destroy(d, ctx));

    const everything = JSON.stringify([
      seen,
      lines,
      [...(seen[4] as Map<string, unknown>)],
    ]);
    expect(everything).toContain('InvalidAuthenticationToken');
    expect(everything).not.toContain(secret);
    expect(JSON.stringify(sandbox.requests())).not.toContain(secret);
  });
});
