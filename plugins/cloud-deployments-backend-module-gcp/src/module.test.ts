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
  cloudDeploymentsPricingExtensionPoint,
  cloudDeploymentsProvidersExtensionPoint,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import { cloudDeploymentsModuleGcp } from './module';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

const API_KEY = 'AIzaSyMODULE-TEST-key';

async function startBackend(data: ConfigData, { sandbox = true } = {}) {
  const addPriceSource = jest.fn();
  const addProvider = jest.fn();
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsModuleGcp,
      ...(sandbox ? [sandboxes] : []),
      mockServices.rootConfig.factory({ data }),
      logger.factory,
    ],
    extensionPoints: [
      [cloudDeploymentsPricingExtensionPoint, { addPriceSource }],
      [cloudDeploymentsProvidersExtensionPoint, { addProvider }],
    ],
  });
  return { backend, addPriceSource, addProvider, logger };
}

async function start(data: ConfigData) {
  const { backend, addPriceSource } = await startBackend(data);
  await backend.stop();
  return addPriceSource;
}

const SECRET_KEY = JSON.stringify({
  type: 'service_account',
  private_key_id: 'beefbeefbeefbeefbeefbeefbeefbeefbeefbeef',
  private_key:
    '-----BEGIN PRIVATE KEY-----\nMIIEvQmodulesecret\n-----END PRIVATE KEY-----\n',
  client_email: 'deployer@acme-ml.iam.gserviceaccount.com',
});

const deployment: Deployment = {
  id: '7d7c5f0e-3d0c-4a57-9d7e-3c8d2f0a0001',
  name: 'hello',
  status: 'provisioning',
  outputs: {},
  createdBy: 'user:default/ada',
  createdAt: '2026-01-01T00:00:00Z',
  updatedBy: 'user:default/ada',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  spec: {
    owner: 'group:default/ml',
    component: 'component:default/hello',
    environment: 'development',
    provider: 'gcp-cloud-run',
    region: 'us-central1',
    engine: 'sdk',
    artifact: { image: 'us-docker.pkg.dev/cloudrun/container/hello' },
    compute: { cpu: 1, memoryMiB: 512 },
  },
};

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

  it('registers Cloud Run against an in-process sandbox when not configured', async () => {
    const { backend, addProvider, logger } = await startBackend({});
    expect(addProvider).toHaveBeenCalledTimes(1);
    const provider: CloudDeploymentProvider = addProvider.mock.calls[0][0];
    expect(provider).toMatchObject({
      id: 'gcp-cloud-run',
      title: 'Google Cloud Run',
      sandbox: true,
    });
    const sandboxLines = logger.info.mock.calls.filter(([m]) =>
      m.includes('sandbox mode'),
    );
    expect(sandboxLines).toEqual([
      [
        expect.stringMatching(
          /^Google Cloud Run is in sandbox mode: deployments go to a local simulation of the Cloud Run Admin API at http:\/\/127\.0\.0\.1:\d+, nothing is created in Google Cloud\. To deploy to real projects, list them under cloudDeployments\.providers\.gcp\.accounts/,
        ),
      ],
    ]);

    const ctx = {
      log: jest.fn(async () => {}),
      signal: new AbortController().signal,
      logger: mockServices.logger.mock(),
    };
    expect(provider.validate?.(deployment.spec)).toEqual([]);
    expect(await provider.provision(deployment, ctx)).toMatchObject({
      state: 'in-progress',
    });

    // Shutdown closes the sandbox.
    await backend.stop();
    await expect(provider.describe(deployment, ctx)).rejects.toMatchObject({
      name: 'ProviderError',
      kind: 'transient',
    });
  });

  it('registers Cloud Run for the configured projects', async () => {
    const { backend, addProvider, logger } = await startBackend({
      cloudDeployments: {
        providers: {
          gcp: {
            accounts: [
              { id: 'ml', projectId: 'acme-ml', credentials: SECRET_KEY },
              { id: 'adc', projectId: 'acme-adc' },
            ],
          },
        },
      },
    });
    await backend.stop();
    const provider: CloudDeploymentProvider = addProvider.mock.calls[0][0];
    expect(provider.sandbox).toBe(false);
    expect(provider.validate?.({ ...deployment.spec, account: 'adc' })).toEqual(
      [],
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Google Cloud Run deploys to ml (project acme-ml), adc (project acme-adc)',
    );
    const logged = JSON.stringify(logger.info.mock.calls);
    expect(logged).not.toContain('MIIEvQmodulesecret');
    expect(logged).not.toContain('beefbeefbeef');
    expect(logged).not.toContain('sandbox mode');
  });

  it('refuses to start with invalid Cloud Run config', async () => {
    await expect(
      startBackend({ cloudDeployments: { providers: { gcp: {} } } }),
    ).rejects.toThrow(
      'Invalid config cloudDeployments.providers.gcp.accounts: list at least one Google Cloud project, or set sandbox: true to use the local sandbox',
    );
  });

  it('is off without provider config when no sandbox is installed, and says how to turn it on', async () => {
    const { backend, addProvider, logger } = await startBackend(
      {},
      { sandbox: false },
    );

    expect(addProvider).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Google Cloud Run is off: no projects are configured and no sandbox is installed. ' +
        'To deploy to real projects, list them under cloudDeployments.providers.gcp.accounts; ' +
        'for a local simulation, add @cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox to the backend',
    );
    await backend.stop();
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
