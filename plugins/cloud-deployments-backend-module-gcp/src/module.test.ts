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
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import { cloudDeploymentsModuleGcp } from './module';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

const API_KEY = 'AIzaSyMODULE-TEST-key';

async function start(data: ConfigData) {
  const addPriceSource = jest.fn();
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsModuleGcp,
      mockServices.rootConfig.factory({ data }),
    ],
    extensionPoints: [
      [cloudDeploymentsPricingExtensionPoint, { addPriceSource }],
    ],
  });
  await backend.stop();
  return addPriceSource;
}

describe('cloudDeploymentsModuleGcp', () => {
  it('adds the Cloud Billing Catalog source when configured', async () => {
    const addPriceSource = await start({
      cloudDeployments: {
        pricing: {
          gcp: {
            apiKey: API_KEY,
            regions: ['us-central1', 'europe-west1'],
            timeoutMs: 5000,
          },
        },
      },
    });

    expect(addPriceSource).toHaveBeenCalledTimes(1);
    const source = addPriceSource.mock.calls[0][0];
    expect(source).toBeInstanceOf(GcpBillingCatalogSource);
    expect(source.id).toBe('gcp-cloud-billing-catalog');
    expect(source.provider).toBe('gcp');
    expect(source.regions).toEqual(['us-central1', 'europe-west1']);
    // The key is private to the source.
    expect(JSON.stringify(source)).not.toContain(API_KEY);
  });

  it('adds nothing when not configured', async () => {
    expect(await start({})).not.toHaveBeenCalled();
    expect(
      await start({ cloudDeployments: { pricing: { cacheTtl: '1d' } } }),
    ).not.toHaveBeenCalled();
  });

  it('refuses to start without an API key or with an invalid region', async () => {
    await expect(
      start({
        cloudDeployments: { pricing: { gcp: { regions: ['us-central1'] } } },
      }),
    ).rejects.toThrow(
      "Missing required config value at 'cloudDeployments.pricing.gcp.apiKey'",
    );
    await expect(
      start({
        cloudDeployments: {
          pricing: { gcp: { apiKey: API_KEY, regions: ['us-central-1'] } },
        },
      }),
    ).rejects.toThrow(
      "'us-central-1' is not a Google Cloud region such as us-central1",
    );
  });
});
