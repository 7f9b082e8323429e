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
import { cloudDeploymentsPricingExtensionPoint } from '@internal/backstage-plugin-cloud-deployments-node';
import { AzureRetailPricesSource } from './AzureRetailPricesSource';
import { cloudDeploymentsModuleAzure } from './module';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

async function start(data: ConfigData) {
  const addPriceSource = jest.fn();
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsModuleAzure,
      mockServices.rootConfig.factory({ data }),
    ],
    extensionPoints: [
      [cloudDeploymentsPricingExtensionPoint, { addPriceSource }],
    ],
  });
  await backend.stop();
  return addPriceSource;
}

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

  it('adds nothing when not configured', async () => {
    expect(await start({})).not.toHaveBeenCalled();
    expect(
      await start({ cloudDeployments: { pricing: { cacheTtl: '1d' } } }),
    ).not.toHaveBeenCalled();
  });

  it('refuses to start with an invalid region', async () => {
    await expect(
      start({
        cloudDeployments: { pricing: { azure: { regions: ["east'us"] } } },
      }),
    ).rejects.toThrow("'east'us' is not an Azure region name");
  });
});
