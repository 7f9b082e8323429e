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
import { ContainerInstanceManagementClient } from '@azure/arm-containerinstance';
import { request } from 'https';
import { Agent } from 'https';
import { AciSandbox } from './AciSandbox';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'ml';
const scope = { subscriptionId: SUB, resourceGroup: RG };

const group = (overrides: { cpu?: number; image?: string } = {}) => ({
  location: 'westeurope',
  tags: { team: 'ml' },
  osType: 'Linux',
  restartPolicy: 'Always',
  containers: [
    {
      name: 'app',
      image: overrides.image ?? 'acme.azurecr.io/models/model:1.0.0',
      resources: { requests: { cpu: overrides.cpu ?? 1, memoryInGB: 1.5 } },
      ports: [{ port: 8080 }],
    },
  ],
  ipAddress: {
    type: 'Public',
    dnsNameLabel: 'hello-1a2b3c4d',
    ports: [{ port: 8080, protocol: 'TCP' }],
  },
});

const fast = { updateIntervalInMs: 5 };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

describe('AciSandbox', () => {
  let sandbox: AciSandbox;
  let client: ContainerInstanceManagementClient;
  let agent: Agent;

  async function start(options: Parameters<typeof AciSandbox.start>[0]) {
    sandbox = await AciSandbox.start(options);
    agent = new Agent({ ca: sandbox.certificate });
    client = new ContainerInstanceManagementClient(sandbox.credential, SUB, {
      endpoint: sandbox.url,
      $host: sandbox.url,
      agent,
      retryOptions: { maxRetries: 0 },
    });
  }

  afterEach(async () => {
    agent?.destroy();
    await sandbox?.close();
  });

  it('runs container groups through the SDK’s long-running operations', async () => {
    await start({ readyAfterMs: 0 });
    const created = await client.containerGroups.beginCreateOrUpdateAndWait(
      RG,
      'hello',
      group(),
      fast,
    );
    expect(created).toMatchObject({
      id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/hello`,
      name: 'hello',
      location: 'westeurope',
      provisioningState: 'Succeeded',
      instanceView: { state: 'Running' },
      ipAddress: {
        ip: expect.stringMatching(/^198\.1[89]\./),
        fqdn: 'hello-1a2b3c4d.westeurope.azurecontainer.io',
      },
    });
    expect(created.containers[0].instanceView?.currentState?.state).toBe(
      'Running',
    );
    expect(sandbox.requests().map(r => `${r.method} ${r.path}`)).toEqual([
      `PUT /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/hello`,
      expect.stringMatching(
        /^GET \/subscriptions\/.*\/providers\/Microsoft\.ContainerInstance\/locations\/westeurope\/operations\/[\w-]+$/,
      ),
      `GET /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/hello`,
    ]);
    expect(sandbox.requests()[0]).toMatchObject({
      query: { 'api-version': '2023-05-01' },
      body: {
        location: 'westeurope',
        properties: {
          osType: 'Linux',
          containers: [
            {
              name: 'app',
              properties: { image: 'acme.azurecr.io/models/model:1.0.0' },
            },
          ],
        },
      },
    });

    await client.containerGroups.beginDeleteAndWait(RG, 'hello', fast);
    await expect(client.containerGroups.get(RG, 'hello')).rejects.toMatchObject(
      {
        name: 'RestError',
        statusCode: 404,
        code: 'ResourceNotFound',
      },
    );
    expect(sandbox.containerGroups()).toEqual([]);
  });

  it('shows Creating until readyAfterMs has passed, then Succeeded', async () => {
    await start({ readyAfterMs: 150 });
    const poller = await client.containerGroups.beginCreateOrUpdate(
      RG,
      'hello',
      group(),
      fast,
    );
    expect(poller.isDone()).toBe(false);
    expect(
      (await client.containerGroups.get(RG, 'hello')).provisioningState,
    ).toBe('Creating');
    await new Promise(r => setTimeout(r, 200));
    expect(await client.containerGroups.get(RG, 'hello')).toMatchObject({
      provisioningState: 'Succeeded',
      instanceView: { state: 'Running' },
    });

    // ACI refuses changes while a group transitions, and in-place resizes.
    await client.containerGroups.beginCreateOrUpdate(
      RG,
      'hello',
      group({ image: 'img:2' }),
    );
    await expect(
      client.containerGroups.beginCreateOrUpdate(RG, 'hello', group()),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'ContainerGroupTransitioning',
    });
    await new Promise(r => setTimeout(r, 200));
    await expect(
      client.containerGroups.beginCreateOrUpdate(
        RG,
        'hello',
        group({ cpu: 2 }),
      ),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'InvalidContainerGroupUpdate',
    });
    expect(sandbox.containerGroup(scope, 'hello')).toMatchObject({
      properties: {
        provisioningState: 'Succeeded',
        containers: [{ properties: { image: 'img:2' } }],
      },
    });
  });

  it('stops a container group at once and starts it as a long-running operation', async () => {
    await start({ readyAfterMs: 500 });
    const create = await client.containerGroups.beginCreateOrUpdate(
      RG,
      'hello',
      group(),
      fast,
    );
    // Nothing to stop yet: ACI refuses it while the group is created.
    await expect(
      client.containerGroups.stop(RG, 'hello'),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'ContainerGroupTransitioning',
    });
    await create.pollUntilDone();

    await client.containerGroups.stop(RG, 'hello');
    const stopped = await client.containerGroups.get(RG, 'hello');
    expect(stopped).toMatchObject({
      provisioningState: 'Succeeded',
      instanceView: { state: 'Stopped' },
    });
    expect(stopped.ipAddress?.ip).toBeUndefined();
    expect(stopped.containers[0].instanceView).toBeUndefined();
    const [listed] = await collect(
      client.containerGroups.listByResourceGroup(RG),
    );
    expect(listed.instanceView).toEqual({ state: 'Stopped' });
    // A second stop is a no-op, as on Azure.
    await client.containerGroups.stop(RG, 'hello');
    const stop = sandbox.requests().find(r => r.method === 'POST');
    expect(stop).toMatchObject({
      path: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/hello/stop`,
      query: { 'api-version': '2023-05-01' },
    });

    const poller = await client.containerGroups.beginStart(RG, 'hello', fast);
    expect(poller.isDone()).toBe(false);
    expect(await client.containerGroups.get(RG, 'hello')).toMatchObject({
      provisioningState: 'Pending',
      instanceView: { state: 'Pending' },
    });
    await poller.pollUntilDone();
    const started = await client.containerGroups.get(RG, 'hello');
    expect(started).toMatchObject({
      provisioningState: 'Succeeded',
      instanceView: { state: 'Running' },
      ipAddress: { ip: expect.stringMatching(/^198\./) },
    });
    expect(started.containers[0].instanceView?.currentState?.state).toBe(
      'Running',
    );
    // Starting what runs succeeds and changes nothing.
    await client.containerGroups.beginStartAndWait(RG, 'hello', fast);
    expect(
      (await client.containerGroups.get(RG, 'hello')).instanceView?.state,
    ).toBe('Running');
  });

  it('answers 404 ResourceNotFound to stopping or starting a group that does not exist', async () => {
    await start({ readyAfterMs: 0 });
    const notFound = {
      name: 'RestError',
      statusCode: 404,
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.ContainerInstance/containerGroups/nope' under resource group '${RG}' was not found.`,
    };
    await expect(client.containerGroups.stop(RG, 'nope')).rejects.toMatchObject(
      notFound,
    );
    await expect(
      client.containerGroups.beginStart(RG, 'nope', fast),
    ).rejects.toMatchObject(notFound);
  });

  it('fails a create with the message in the container events', async () => {
    await start({ readyAfterMs: 0 });
    sandbox.failNextCreate('broken', "Failed to pull image 'nope:1'");
    await expect(
      client.containerGroups.beginCreateOrUpdateAndWait(
        RG,
        'broken',
        group(),
        fast,
      ),
    ).rejects.toThrow();
    const broken = await client.containerGroups.get(RG, 'broken');
    expect(broken.provisioningState).toBe('Failed');
    expect(broken.containers[0].instanceView?.events).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        message: "Failed to pull image 'nope:1'",
      }),
    );
  });

  it('validates container groups the way ACI does', async () => {
    await start({ readyAfterMs: 0 });
    await expect(
      client.containerGroups.beginCreateOrUpdate(RG, 'bad--name', group()),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'InvalidContainerGroupName',
    });
    await expect(
      client.containerGroups.beginCreateOrUpdate(RG, 'big', group({ cpu: 8 })),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'ResourceRequestsExceedLimit',
    });
    expect(sandbox.containerGroups()).toEqual([]);
  });

  it('lists a resource group page by page through nextLink', async () => {
    await start({ readyAfterMs: 0, pageSize: 10 });
    for (let i = 0; i < 25; i += 1) {
      await client.containerGroups.beginCreateOrUpdate(RG, `g${i}`, group());
    }
    await client.containerGroups.beginCreateOrUpdate(
      'other',
      'elsewhere',
      group(),
    );
    sandbox.clearRequests();

    const names: string[] = [];
    for await (const g of client.containerGroups.listByResourceGroup(RG)) {
      names.push(g.name!);
    }
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `g${i}`));
    expect(sandbox.requests()).toHaveLength(3);
    expect(sandbox.requests()[1].query).toMatchObject({ $skiptoken: '10' });
  });

  it('injects throttling, errors, hangs and drift', async () => {
    await start({ readyAfterMs: 0 });
    await client.containerGroups.beginCreateOrUpdate(RG, 'hello', group());

    sandbox.throttleNext(1, { retryAfterSeconds: 7 });
    await expect(client.containerGroups.get(RG, 'hello')).rejects.toMatchObject(
      {
        statusCode: 429,
        code: 'SubscriptionRequestsThrottled',
      },
    );
    sandbox.rejectNext({
      method: 'PUT',
      status: 409,
      code: 'ContainerGroupQuotaReached',
      message:
        'Resource type container group quota exceeded in region westeurope.',
    });
    await client.containerGroups.get(RG, 'hello'); // a GET passes
    await expect(
      client.containerGroups.beginCreateOrUpdate(RG, 'other', group()),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'ContainerGroupQuotaReached',
      message:
        'Resource type container group quota exceeded in region westeurope.',
    });

    sandbox.hangNext(1, { forMs: 100 });
    const started = Date.now();
    await client.containerGroups.get(RG, 'hello');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    sandbox.hangNext();
    await expect(
      client.containerGroups.get(RG, 'hello', {
        requestOptions: { timeout: 100 },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });

    expect(sandbox.deleteBehindTheBack(scope, 'hello')).toBe(true);
    await expect(client.containerGroups.get(RG, 'hello')).rejects.toMatchObject(
      {
        statusCode: 404,
      },
    );
  });

  it('refuses requests without a bearer token', async () => {
    await start({ readyAfterMs: 0 });
    const answer = await new Promise<{ status?: number; body: string }>(
      (resolve, reject) => {
        const req = request(
          `${sandbox.url}/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/x?api-version=2023-05-01`,
          { ca: sandbox.certificate, agent: false },
          res => {
            let body = '';
            res.on('data', c => (body += c));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'AuthenticationFailed', message: expect.any(String) },
    });
  });
});
