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
import { ContainerGroup } from '@azure/arm-containerinstance';
import { mockServices } from '@backstage/backend-test-utils';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AciSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { AzureContainerInstancesProvider } from './AzureContainerInstancesProvider';
import {
  DEPLOYMENT_ID_TAG,
  MANAGED_BY,
  MANAGED_BY_TAG,
} from './containerGroup';
import { createAciClient, createSandboxAgent } from './createAciClient';
import { groupConfig } from './listTaggedContainerGroups';
import { AciSubscription } from './readAciConfig';

const SUB = '11111111-2222-3333-4444-555555555555';
const OTHER_SUB = '99999999-2222-3333-4444-555555555555';
const ML: AciSubscription = {
  id: 'ml',
  subscriptionId: SUB,
  resourceGroup: 'ml-models',
  regions: ['westeurope', 'eastus'],
};
const OTHER: AciSubscription = {
  id: 'other',
  subscriptionId: OTHER_SUB,
  resourceGroup: 'other',
};

const tagged = (id: string) => ({
  [MANAGED_BY_TAG]: MANAGED_BY,
  [DEPLOYMENT_ID_TAG]: id,
});

function group(
  tags: Record<string, string>,
  options: {
    location?: string;
    containers?: ContainerGroup['containers'];
  } = {},
): ContainerGroup {
  return {
    location: options.location ?? 'westeurope',
    tags,
    osType: 'Linux',
    restartPolicy: 'Always',
    containers: options.containers ?? [
      {
        name: 'app',
        image: 'acme.azurecr.io/models/model:1.0.0',
        resources: { requests: { cpu: 1, memoryInGB: 1.5 } },
        environmentVariables: [{ name: 'SECRET', value: 'not in the answer' }],
      },
    ],
  };
}

describe('AzureContainerInstancesProvider.listTaggedResources', () => {
  let sandbox: AciSandbox;
  let provider: AzureContainerInstancesProvider;

  async function start(
    subscriptions: AciSubscription[],
    options: { pageSize?: number; readyAfterMs?: number } = {},
  ) {
    sandbox = await AciSandbox.start({ readyAfterMs: 0, ...options });
    provider = new AzureContainerInstancesProvider({
      subscriptions,
      timeoutMs: 5000,
      sandbox,
    });
  }
  const ctx = () => ({
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  });
  /** Puts container groups through the ARM API, as any tool would. */
  async function put(
    subscription: AciSubscription,
    groups: Record<string, ContainerGroup>,
  ) {
    const agent = createSandboxAgent(sandbox);
    const client = createAciClient(subscription, { ...sandbox, agent });
    for (const [name, body] of Object.entries(groups)) {
      await client.containerGroups.beginCreateOrUpdate(
        subscription.resourceGroup,
        name,
        body,
      );
    }
    agent.destroy();
  }
  const lists = () =>
    sandbox
      .requests()
      .filter(r => r.method === 'GET' && r.path.endsWith('/containerGroups'));

  afterEach(async () => {
    await provider?.close();
    await sandbox?.close();
  });

  it('reports the tagged container groups of every subscription, page by page', async () => {
    await start([ML, OTHER], { pageSize: 4 });
    const groups: Record<string, ContainerGroup> = {};
    for (let i = 0; i < 10; i++) {
      groups[`g-${i}`] =
        i % 2 === 0
          ? group(tagged(`id-${i}`))
          : group({ [MANAGED_BY_TAG]: MANAGED_BY });
    }
    await put(ML, groups);
    await put(OTHER, {
      east: group(tagged('id-east'), {
        location: 'eastus',
        containers: [
          {
            name: 'app',
            image: 'acme.azurecr.io/models/model:2.0.0',
            resources: { requests: { cpu: 2, memoryInGB: 4 } },
          },
          {
            name: 'sidecar',
            image: 'acme.azurecr.io/tools/proxy:1',
            resources: { requests: { cpu: 0.5, memoryInGB: 0.5 } },
          },
        ],
      }),
    });
    // Another resource group of the subscription: not the provider's.
    await put(
      { ...ML, resourceGroup: 'elsewhere' },
      {
        x: group(tagged('id-x')),
      },
    );
    sandbox.clearRequests();

    const resources = await provider.listTaggedResources(ctx());

    expect(resources.map(r => r.deploymentId).sort()).toEqual(
      ['id-0', 'id-2', 'id-4', 'id-6', 'id-8', 'id-east'].sort(),
    );
    expect(resources.find(r => r.name === 'g-4')).toEqual({
      deploymentId: 'id-4',
      kind: 'Azure container group',
      resourceId: `/subscriptions/${SUB}/resourceGroups/ml-models/providers/Microsoft.ContainerInstance/containerGroups/g-4`,
      name: 'g-4',
      region: 'westeurope',
      location: 'ml',
      config: {
        image: 'acme.azurecr.io/models/model:1.0.0',
        cpu: 1,
        memoryMiB: 1536,
        instanceCount: 1,
      },
    });
    // A group is billed for all its containers.
    expect(resources.find(r => r.name === 'east')).toMatchObject({
      region: 'eastus',
      location: 'other',
      config: {
        image: 'acme.azurecr.io/models/model:2.0.0',
        cpu: 2.5,
        memoryMiB: 4608,
        instanceCount: 1,
      },
    });
    // 10 groups by 4: 3 pages through nextLink; 1 for the other.
    expect(lists().map(r => r.query.$skiptoken ?? '0')).toEqual(
      expect.arrayContaining(['0', '4', '8', '0']),
    );
    expect(lists()).toHaveLength(4);
  });

  it('lists a resource group once when two accounts name it, and none when it does not exist', async () => {
    await start([
      ML,
      { ...ML, id: 'ml-again' },
      { ...OTHER, resourceGroup: 'gone' },
    ]);
    await put(ML, { a: group(tagged('id-a')) });
    sandbox.clearRequests();

    const resources = await provider.listTaggedResources(ctx());

    expect(resources.map(r => [r.name, r.location])).toEqual([['a', 'ml']]);
    expect(lists()).toHaveLength(2);
  });

  it('keeps unusual tag values as they are, ignores empty ones, and leaves out groups being deleted', async () => {
    // Creates and deletes take a while: the deleted group is Deleting.
    await start([ML], { readyAfterMs: 60_000 });
    const values: Record<string, string> = {
      long: 'v'.repeat(256),
      unicode: 'Ünïcødé 漢字 \u{1F680} \u202Eevil',
      empty: '',
      blank: ' \t',
    };
    await put(
      ML,
      Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          group({ [DEPLOYMENT_ID_TAG]: value }),
        ]),
      ),
    );
    await put(ML, { going: group(tagged('id-going')) });
    const agent = createSandboxAgent(sandbox);
    const client = createAciClient(ML, { ...sandbox, agent });
    await client.containerGroups.beginDelete(ML.resourceGroup, 'going');
    agent.destroy();

    expect(
      sandbox.containerGroups().find(g => g.name === 'going'),
    ).toMatchObject({
      properties: { provisioningState: 'Deleting' },
    });

    const resources = await provider.listTaggedResources(ctx());

    expect(
      Object.fromEntries(resources.map(r => [r.name, r.deploymentId])),
    ).toEqual({ long: values.long, unicode: values.unicode });
  });

  it('counts no instance for a stopped group, which ACI does not bill', () => {
    expect(
      groupConfig({
        containers: [
          {
            name: 'app',
            image: 'i',
            resources: { requests: { cpu: 1, memoryInGB: 1 } },
          },
        ],
        instanceView: { state: 'Stopped' },
      } as ContainerGroup),
    ).toEqual({ image: 'i', cpu: 1, memoryMiB: 1024, instanceCount: 0 });
  });

  it('throws, naming the subscription and resource group, when one cannot be listed', async () => {
    await start([ML, OTHER]);
    await put(ML, { a: group(tagged('id-a')) });
    sandbox.rejectNext({
      method: 'GET',
      pathPrefix: `/subscriptions/${OTHER_SUB}/`,
      status: 403,
      code: 'AuthorizationFailed',
      message: `The client 'deployer' does not have authorization to perform action 'Microsoft.ContainerInstance/containerGroups/read' over scope '/subscriptions/${OTHER_SUB}/resourceGroups/other'.`,
    });

    const error = await provider.listTaggedResources(ctx()).catch(e => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot list the tagged resources of Azure Container Instances in subscription ${OTHER_SUB} \\(account 'other'\\), resource group other: .*AuthorizationFailed`,
      ),
    );
    expect(error.kind).toBe('permanent');
  });
});
