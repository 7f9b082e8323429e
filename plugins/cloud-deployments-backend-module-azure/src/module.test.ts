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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  cloudDeploymentsCostsExtensionPoint,
  cloudDeploymentsMetricsExtensionPoint,
  cloudDeploymentsPricingExtensionPoint,
  cloudDeploymentsProvidersExtensionPoint,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { AzureRetailPricesSource } from './AzureRetailPricesSource';
import { AzureContainerInstancesProvider } from './containerInstances/AzureContainerInstancesProvider';
import { AzureCostManagementSource } from './costManagement/AzureCostManagementSource';
import { cloudDeploymentsModuleAzure } from './module';
import { AzureMonitorSource } from './monitor/AzureMonitorSource';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

async function startBackend(data: ConfigData, { sandbox = true } = {}) {
  const addPriceSource = jest.fn();
  const addProvider = jest.fn();
  const addActualCostSource = jest.fn();
  const addUsageMetricsSource = jest.fn();
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsModuleAzure,
      ...(sandbox ? [sandboxes] : []),
      mockServices.rootConfig.factory({ data }),
      logger.factory,
    ],
    extensionPoints: [
      [cloudDeploymentsPricingExtensionPoint, { addPriceSource }],
      [cloudDeploymentsProvidersExtensionPoint, { addProvider }],
      [cloudDeploymentsCostsExtensionPoint, { addActualCostSource }],
      [cloudDeploymentsMetricsExtensionPoint, { addUsageMetricsSource }],
    ],
  });
  return {
    backend,
    addPriceSource,
    addProvider,
    addActualCostSource,
    addUsageMetricsSource,
    logger,
  };
}

async function start(data: ConfigData) {
  const { backend, addPriceSource } = await startBackend(data);
  await backend.stop();
  return addPriceSource;
}

const SUB = '11111111-2222-3333-4444-555555555555';

describe('cloudDeploymentsModuleAzure', () => {
  it('adds the Azure Retail Prices source when configured', async () => {
    const addPriceSource = await start({
      cloudDeployments: {
        pricing: {
          azure: { regions: ['eastus', 'westeurope'], attempts: 2 },
        },
      },
    });

    expect(addPriceSource).toHaveBeenCalledTimes(1);
    const source = addPriceSource.mock.calls[0][0];
    expect(source).toBeInstanceOf(AzureRetailPricesSource);
    expect(source.id).toBe('azure-retail-prices-api');
    expect(source.provider).toBe('azure');
    expect(source.regions).toEqual(['eastus', 'westeurope']);
  });

  it('is off without provider config when no sandbox is installed, and says how to turn it on', async () => {
    const { backend, addProvider, logger } = await startBackend(
      {},
      { sandbox: false },
    );

    expect(addProvider).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Azure Container Instances is off: no subscriptions are configured and no sandbox is installed. ' +
        'To deploy to real subscriptions, list them under cloudDeployments.providers.azure.subscriptions; ' +
        'for a local simulation, add @cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox to the backend',
    );
    await backend.stop();
  });

  it('adds the source without config, for the default regions and those of the subscriptions', async () => {
    const { backend, addPriceSource, logger } = await startBackend({
      cloudDeployments: {
        providers: {
          azure: {
            subscriptions: [
              {
                id: 'prod',
                subscriptionId: SUB,
                resourceGroup: 'ml-prod',
                regions: ['japaneast', 'westeurope'],
              },
            ],
          },
        },
      },
    });
    await backend.stop();

    expect(addPriceSource).toHaveBeenCalledTimes(1);
    const source = addPriceSource.mock.calls[0][0];
    expect(source).toBeInstanceOf(AzureRetailPricesSource);
    expect(source.regions).toEqual([
      'japaneast',
      'westeurope',
      'eastus',
      'westus2',
      'northeurope',
      'swedencentral',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'Azure live pricing is on for japaneast, westeurope, eastus, westus2, northeurope, swedencentral (default regions), ' +
        'from the Retail Prices API at https://prices.azure.com; cloudDeployments.pricing.azure.enabled: false turns it off',
    );
    expect(
      await start({ cloudDeployments: { pricing: { cacheTtl: '1d' } } }),
    ).toHaveBeenCalledTimes(1);
  });

  it('adds nothing when turned off', async () => {
    const { backend, addPriceSource, logger } = await startBackend({
      cloudDeployments: {
        pricing: { azure: { enabled: false, regions: ['eastus'] } },
      },
    });
    await backend.stop();

    expect(addPriceSource).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'Azure live pricing is off (cloudDeployments.pricing.azure.enabled is false)',
    );
  });

  it('refuses to start with an invalid region', async () => {
    await expect(
      start({
        cloudDeployments: { pricing: { azure: { regions: ["east'us"] } } },
      }),
    ).rejects.toThrow("'east'us' is not an Azure region name");
  });

  it('adds the Container Instances provider in sandbox mode without config, and it works', async () => {
    const { backend, addProvider, logger } = await startBackend({});

    expect(addProvider).toHaveBeenCalledTimes(1);
    const provider: CloudDeploymentProvider = addProvider.mock.calls[0][0];
    expect(provider).toBeInstanceOf(AzureContainerInstancesProvider);
    expect(provider).toMatchObject({
      id: 'azure-container-instances',
      title: 'Azure Container Instances',
      sandbox: true,
    });
    const sandboxLines = logger.info.mock.calls.filter(([m]) =>
      m.includes('sandbox mode'),
    );
    expect(sandboxLines).toHaveLength(1);
    expect(sandboxLines[0][0]).toContain(
      'cloudDeployments.providers.azure.subscriptions',
    );

    // The sandbox answers through the real SDK (it stays Creating for 3 s).
    const d = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'hello',
      spec: {
        owner: 'group:default/ml',
        component: 'component:default/model',
        environment: 'development',
        provider: 'azure-container-instances',
        region: 'eastus',
        engine: 'sdk',
        artifact: { image: 'acme.azurecr.io/models/hello:1.0.0' },
        compute: {},
      },
    } as unknown as Deployment;
    const ctx = {
      log: async () => {},
      signal: new AbortController().signal,
      logger: mockServices.logger.mock(),
    };
    expect(await provider.provision(d, ctx)).toMatchObject({
      state: 'in-progress',
    });
    expect(await provider.describe(d, ctx)).toMatchObject({
      state: 'in-progress',
      detail: 'The container group is being created',
    });

    // Stopping closes the sandbox: jest would report the open server.
    await backend.stop();
  });

  it('adds a real provider when subscriptions are configured', async () => {
    const secret = 'never-log-this-secret';
    const { backend, addProvider, logger } = await startBackend({
      cloudDeployments: {
        providers: {
          azure: {
            subscriptions: [
              {
                id: 'prod',
                subscriptionId: SUB,
                resourceGroup: 'ml-prod',
                tenantId: '22222222-2222-3333-4444-555555555555',
                clientId: '33333333-2222-3333-4444-555555555555',
                clientSecret: secret,
              },
            ],
          },
        },
      },
    });
    await backend.stop();

    expect(addProvider.mock.calls[0][0]).toMatchObject({ sandbox: false });
    expect(logger.info).toHaveBeenCalledWith(
      'Azure Container Instances deploys to prod (resource group ml-prod)',
    );
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain(secret);
  });

  it('refuses to start with invalid provider config', async () => {
    await expect(
      startBackend({
        cloudDeployments: { providers: { azure: { subscriptions: [] } } },
      }),
    ).rejects.toThrow(
      'Invalid config cloudDeployments.providers.azure.subscriptions: list at least one Azure subscription',
    );
  });

  describe('Cost Management', () => {
    const subscriptions = [
      { id: 'prod', subscriptionId: SUB, resourceGroup: 'ml-prod' },
    ];

    it('is off until enabled, and says how to turn it on', async () => {
      const { backend, addActualCostSource, logger } = await startBackend({
        cloudDeployments: {
          providers: { azure: { subscriptions } },
          azure: { costManagement: { scope: 'subscription' } },
        },
      });
      await backend.stop();

      expect(addActualCostSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'Azure actual costs are off; cloudDeployments.azure.costManagement.enabled: true reads them from Cost Management',
      );
    });

    it('adds the source when enabled, for the configured subscriptions', async () => {
      const { backend, addActualCostSource, logger } = await startBackend({
        cloudDeployments: {
          providers: { azure: { subscriptions } },
          azure: {
            costManagement: {
              enabled: true,
              costType: 'AmortizedCost',
              cacheTtl: { hours: 6 },
            },
          },
        },
      });
      await backend.stop();

      expect(addActualCostSource).toHaveBeenCalledTimes(1);
      const source = addActualCostSource.mock.calls[0][0];
      expect(source).toBeInstanceOf(AzureCostManagementSource);
      expect(source).toMatchObject({
        id: 'azure-cost-management',
        providers: ['azure-container-instances'],
        kind: 'billed',
      });
      expect(logger.info).toHaveBeenCalledWith(
        'Azure actual costs are read from Cost Management (AmortizedCost, by resourceGroup of prod)',
      );
    });

    it('refuses to start when enabled in sandbox mode or with invalid values', async () => {
      await expect(
        start({
          cloudDeployments: { azure: { costManagement: { enabled: true } } },
        }),
      ).rejects.toThrow(
        'cloudDeployments.azure.costManagement reads the costs of real subscriptions: list them under cloudDeployments.providers.azure.subscriptions',
      );
      await expect(
        start({
          cloudDeployments: {
            providers: { azure: { subscriptions } },
            azure: { costManagement: { enabled: true, costType: 'Billed' } },
          },
        }),
      ).rejects.toThrow(
        'Invalid config cloudDeployments.azure.costManagement.costType',
      );
      await expect(
        start({
          cloudDeployments: {
            providers: { azure: { subscriptions } },
            azure: { costManagement: { enabled: true, cacheTtl: '10s' } },
          },
        }),
      ).rejects.toThrow(
        'Invalid config cloudDeployments.azure.costManagement.cacheTtl: between 1 minute and 7 days',
      );
    });
  });
  describe('Azure Monitor traffic', () => {
    const subscriptions = [
      {
        id: 'prod',
        subscriptionId: SUB,
        resourceGroup: 'ml-prod',
        tenantId: '00000000-0000-0000-0000-0000000000a1',
        clientId: '00000000-0000-0000-0000-0000000000c1',
        clientSecret: 'monitor-module-secret',
      },
    ];
    const deployment = (name: string) =>
      ({
        id: `id-${name}`,
        name,
        spec: { provider: 'azure-container-instances', region: 'westeurope' },
      } as unknown as Deployment);

    it('reads the sandbox in sandbox mode, as a proxy in bytes: what the provider deployed there, with the traffic config sets', async () => {
      const { backend, addUsageMetricsSource, addProvider, logger } =
        await startBackend({
          cloudDeployments: {
            sandbox: { traffic: { azure: { hello: 3_000_000 } } },
          },
        });
      try {
        expect(addUsageMetricsSource).toHaveBeenCalledTimes(1);
        const [source] = addUsageMetricsSource.mock.calls[0] as [
          AzureMonitorSource,
        ];
        expect(source).toBeInstanceOf(AzureMonitorSource);
        expect(source).toMatchObject({
          id: 'azure-monitor',
          title: 'Azure Monitor (sandbox)',
          metric: { unit: 'bytes', idleAtOrBelow: 10_485_760 },
        });
        expect(logger.info).toHaveBeenCalledWith(
          expect.stringMatching(
            /^Azure Container Instances traffic is read from the sandbox's Azure Monitor at https:\/\/127\.0\.0\.1:\d+ \(synthetic bytes received a day \(NetworkBytesReceivedPerSecond, a proxy: container groups have no request count\), idle at or below 10485760 bytes\); cloudDeployments\.azure\.monitor\.enabled: false turns it off$/,
          ),
        );
        const provider: CloudDeploymentProvider = addProvider.mock.calls[0][0];
        const hello = {
          ...deployment('hello'),
          spec: {
            owner: 'group:default/ml',
            component: 'component:default/model',
            environment: 'development',
            provider: 'azure-container-instances',
            region: 'eastus',
            engine: 'sdk',
            artifact: { image: 'acme.azurecr.io/models/hello:1.0.0' },
            compute: {},
          },
        } as unknown as Deployment;
        await provider.provision(hello, {
          log: async () => {},
          signal: new AbortController().signal,
          logger: mockServices.logger.mock(),
        });
        // It has existed for a moment.
        await new Promise(resolve => setTimeout(resolve, 5));
        const today = new Date().toISOString().slice(0, 10);
        const tomorrow = new Date(Date.now() + 86_400_000)
          .toISOString()
          .slice(0, 10);

        await expect(
          source.dailyTraffic({
            deployments: [hello],
            from: today,
            to: tomorrow,
          }),
        ).resolves.toEqual([
          { deploymentId: 'id-hello', day: today, amount: 3_000_000 },
        ]);
        // A group that does not exist cannot be read.
        await expect(
          source.dailyTraffic({
            deployments: [deployment('nope')],
            from: today,
            to: tomorrow,
          }),
        ).rejects.toThrow(/HTTP 404: ResourceNotFound/);
      } finally {
        await backend.stop();
      }
    });

    it('is off in sandbox mode when enabled is false, and for real subscriptions without config', async () => {
      const off = await startBackend({
        cloudDeployments: { azure: { monitor: { enabled: false } } },
      });
      await off.backend.stop();
      expect(off.addUsageMetricsSource).not.toHaveBeenCalled();

      const real = await startBackend({
        cloudDeployments: { providers: { azure: { subscriptions } } },
      });
      await real.backend.stop();
      expect(real.addUsageMetricsSource).not.toHaveBeenCalled();
      expect(real.logger.info).toHaveBeenCalledWith(
        'Azure Container Instances traffic is off, so no container group is found idle; set cloudDeployments.azure.monitor.enabled to true to read it from Azure Monitor',
      );
    });

    it('reads real subscriptions when enabled, with the configured threshold, never logging secrets', async () => {
      const { backend, addUsageMetricsSource, logger } = await startBackend({
        cloudDeployments: {
          providers: { azure: { subscriptions } },
          azure: { monitor: { enabled: true, idleBytesPerDay: '5000000' } },
        },
      });
      await backend.stop();

      const [source] = addUsageMetricsSource.mock.calls[0];
      expect(source).toBeInstanceOf(AzureMonitorSource);
      expect(source).toMatchObject({
        title: 'Azure Monitor',
        metric: { idleAtOrBelow: 5_000_000 },
      });
      expect(logger.info).toHaveBeenCalledWith(
        'Azure Container Instances traffic is read from Azure Monitor: bytes received a day (NetworkBytesReceivedPerSecond, a proxy: container groups have no request count), ' +
          'idle at or below 5000000 bytes, in prod (resource group ml-prod)',
      );
      expect(JSON.stringify(logger.info.mock.calls)).not.toContain(
        'monitor-module-secret',
      );
    });

    it.each([
      [{ enabled: 'perhaps' }, 'monitor.enabled'],
      [
        { idleBytesPerDay: -1 },
        'monitor.idleBytesPerDay: expected 0 or more bytes',
      ],
      [{ concurrency: 64 }, 'monitor.concurrency: at most 16 requests at once'],
      [{ maxRetries: 20 }, 'monitor.maxRetries: at most 10 retries'],
    ])('refuses to start with invalid config %j', async (monitor, message) => {
      await expect(
        start({ cloudDeployments: { azure: { monitor } } }),
      ).rejects.toThrow(`Invalid config cloudDeployments.azure.${message}`);
    });
  });
});
