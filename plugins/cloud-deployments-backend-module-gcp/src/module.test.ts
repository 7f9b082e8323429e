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
import { GcpBillingCatalogSource } from './GcpBillingCatalogSource';
import { GcpBillingExportSource } from './billingExport/GcpBillingExportSource';
import { cloudDeploymentsModuleGcp } from './module';
import { GcpMonitoringSource } from './monitoring/GcpMonitoringSource';
import {
  ADC_CLIENT_SECRET,
  ADC_REFRESH_TOKEN,
  FakeTokenEndpoint,
  isolateAdc,
  writeAdcFile,
} from './__testUtils__/fakeAdc';
import {
  CLOUD_RUN,
  COMPUTE,
  FakeCatalogApi,
  sku,
} from './__testUtils__/fakeCatalogApi';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

const API_KEY = 'AIzaSyMODULE-TEST-key';

async function startBackend(data: ConfigData, { sandbox = true } = {}) {
  const addPriceSource = jest.fn();
  const addProvider = jest.fn();
  const addActualCostSource = jest.fn();
  const addUsageMetricsSource = jest.fn();
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

/** Every line the module logged, at any level, as one text. */
function everythingLogged(logger: ReturnType<typeof mockServices.logger.mock>) {
  return JSON.stringify(
    [logger.debug, logger.info, logger.warn, logger.error].map(
      fn => fn.mock.calls,
    ),
  );
}

const NO_ADC_LINE =
  'No Google Application Default Credentials resolved within 3 s; GCP live pricing is off. ' +
  'Provide them (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or an attached service account) ' +
  'or set cloudDeployments.pricing.gcp.apiKey to turn it on';

describe('cloudDeploymentsModuleGcp', () => {
  // Never the machine's own credentials or metadata server.
  let env: Awaited<ReturnType<typeof isolateAdc>>;
  beforeEach(async () => {
    env = await isolateAdc();
  });
  afterEach(async () => {
    await env.restore();
  });

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

  it('adds nothing without config or credentials, and says why', async () => {
    const { backend, addPriceSource, logger } = await startBackend({});
    await backend.stop();

    expect(addPriceSource).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(NO_ADC_LINE);
    expect(
      await start({ cloudDeployments: { pricing: { cacheTtl: '1d' } } }),
    ).not.toHaveBeenCalled();
  });

  it('logs that the API key is in use, never the key', async () => {
    const { backend, logger } = await startBackend({
      cloudDeployments: {
        pricing: { gcp: { apiKey: API_KEY, regions: ['us-central1'] } },
      },
    });
    await backend.stop();

    expect(logger.info).toHaveBeenCalledWith(
      'GCP live pricing is on for us-central1 (Cloud Billing Catalog API at https://cloudbilling.googleapis.com, API key from config)',
    );
    expect(everythingLogged(logger)).not.toContain(API_KEY);
  });

  it.each([
    [
      { regions: ['us-central-1'] },
      "Invalid config cloudDeployments.pricing.gcp.regions: 'us-central-1' is not a Google Cloud region such as us-central1",
    ],
    [
      { regions: [] },
      'Invalid config cloudDeployments.pricing.gcp.regions: list at least one region',
    ],
    [
      { apiKey: ' ' },
      'Invalid config cloudDeployments.pricing.gcp.apiKey: empty',
    ],
    [
      { enabled: 'no' },
      'Invalid config cloudDeployments.pricing.gcp.enabled: Expected boolean, received string',
    ],
    [
      { baseUrl: 'file:///x' },
      "Invalid config cloudDeployments.pricing.gcp.baseUrl: Invalid Cloud Billing Catalog API base URL 'file:///x': not http(s)",
    ],
    [
      { attempts: 0 },
      'Invalid config cloudDeployments.pricing.gcp.attempts: expected a positive integer',
    ],
  ])(
    'refuses to start with invalid pricing config %j',
    async (gcp, message) => {
      await expect(
        start({ cloudDeployments: { pricing: { gcp } } }),
      ).rejects.toThrow(message);
    },
  );

  describe('with Application Default Credentials', () => {
    const cloudRunSku = sku('Services CPU (Request-based billing)', {
      regions: ['us-central1', 'europe-west1'],
      usageUnit: 's',
      tiers: [[0, '0', 24000]],
    });
    const computeSku = sku('E2 Instance Core running in Americas', {
      regions: ['us-central1'],
      usageUnit: 'h',
      tiers: [[0, '0', 21811590]],
      category: {
        resourceFamily: 'Compute',
        resourceGroup: 'CPU',
        usageType: 'OnDemand',
      },
    });
    let tokens: FakeTokenEndpoint;
    let catalog: FakeCatalogApi;

    beforeEach(async () => {
      tokens = await new FakeTokenEndpoint().start();
      catalog = await new FakeCatalogApi({
        apiKey: API_KEY,
        accessToken: tokens.accessToken,
      }).start();
      catalog.serve(CLOUD_RUN, [cloudRunSku]).serve(COMPUTE, [computeSku]);
    });

    afterEach(async () => {
      await tokens.stop();
      await catalog.stop();
      // Fails the test that sent a request the real API would refuse.
      if (catalog.problems.length > 0) {
        throw new Error(`The fake API got ${catalog.problems.join('; ')}`);
      }
    });

    it('adds the source without config when ADC resolve, for the default regions', async () => {
      await writeAdcFile(env.dir, tokens.url);

      const { backend, addPriceSource, logger } = await startBackend({});
      await backend.stop();

      expect(addPriceSource).toHaveBeenCalledTimes(1);
      const [source] = addPriceSource.mock.calls[0];
      expect(source).toBeInstanceOf(GcpBillingCatalogSource);
      expect(source.regions).toEqual([
        'us-central1',
        'europe-west1',
        'europe-west3',
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        'GCP live pricing is on for us-central1, europe-west1, europe-west3 ' +
          '(Cloud Billing Catalog API at https://cloudbilling.googleapis.com, ' +
          'credentials from Google Application Default Credentials)',
      );
    });

    it('authenticates every request with the bearer token, never logging a secret', async () => {
      await writeAdcFile(env.dir, tokens.url, { quotaProjectId: 'acme-quota' });
      const { backend, addPriceSource, logger } = await startBackend({
        cloudDeployments: { pricing: { gcp: { baseUrl: catalog.baseUrl } } },
      });
      const [source] = addPriceSource.mock.calls[0] as [
        GcpBillingCatalogSource,
      ];

      const prices = await source.fetchPrices({ regions: source.regions! });
      await backend.stop();

      expect(prices.map(p => `${p.sku} ${p.region}`)).toEqual([
        'request-cpu us-central1',
        'request-cpu europe-west1',
        'e2-core us-central1',
      ]);
      expect(catalog.received.map(r => r.serviceId)).toEqual([
        CLOUD_RUN,
        COMPUTE,
      ]);
      for (const request of catalog.received) {
        expect(request).toMatchObject({
          authorization: `Bearer ${tokens.accessToken}`,
          userProject: 'acme-quota',
          key: null,
        });
      }
      // The token of the start-up check served both requests.
      expect(tokens.requests).toHaveLength(1);
      const logged = everythingLogged(logger);
      expect(logged).toContain(
        `Cloud Billing Catalog API at ${catalog.baseUrl}`,
      );
      for (const secret of [
        tokens.accessToken,
        ADC_REFRESH_TOKEN,
        ADC_CLIENT_SECRET,
      ]) {
        expect(logged).not.toContain(secret);
      }
    });

    it('prices the regions of the Cloud Run accounts too', async () => {
      await writeAdcFile(env.dir, tokens.url);

      const { backend, addPriceSource } = await startBackend({
        cloudDeployments: {
          providers: {
            gcp: {
              accounts: [
                {
                  id: 'ml',
                  projectId: 'acme-ml',
                  regions: ['asia-east1', 'us-central1'],
                },
              ],
            },
          },
        },
      });
      await backend.stop();

      expect(addPriceSource.mock.calls[0][0].regions).toEqual([
        'asia-east1',
        'us-central1',
        'europe-west1',
        'europe-west3',
      ]);
    });

    it('adds nothing when turned off, even with ADC and an API key', async () => {
      await writeAdcFile(env.dir, tokens.url);

      const { backend, addPriceSource, logger } = await startBackend({
        cloudDeployments: {
          pricing: { gcp: { enabled: false, apiKey: API_KEY } },
        },
      });
      await backend.stop();

      expect(addPriceSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'GCP live pricing is off (cloudDeployments.pricing.gcp.enabled is false)',
      );
      // Not even checked.
      expect(tokens.requests).toEqual([]);
    });

    it('uses the API key rather than ADC when one is configured', async () => {
      await writeAdcFile(env.dir, tokens.url);
      const { backend, addPriceSource, logger } = await startBackend({
        cloudDeployments: {
          pricing: { gcp: { apiKey: API_KEY, baseUrl: catalog.baseUrl } },
        },
      });
      const [source] = addPriceSource.mock.calls[0] as [
        GcpBillingCatalogSource,
      ];

      await source.fetchPrices({ regions: ['us-central1'] });
      await backend.stop();

      expect(catalog.received).toHaveLength(2);
      for (const request of catalog.received) {
        expect(request).toMatchObject({ key: API_KEY, authorization: null });
      }
      expect(tokens.requests).toEqual([]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /\(Cloud Billing Catalog API at .*, API key from config\)$/,
        ),
      );
    });

    it('adds the source without the check when enabled, fetching a token at the first refresh', async () => {
      const { backend, addPriceSource, logger } = await startBackend({
        cloudDeployments: {
          pricing: { gcp: { enabled: true, baseUrl: catalog.baseUrl } },
        },
      });
      expect(addPriceSource).toHaveBeenCalledTimes(1);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /credentials from Google Application Default Credentials\)$/,
        ),
      );
      expect(tokens.requests).toEqual([]);
      const [source] = addPriceSource.mock.calls[0] as [
        GcpBillingCatalogSource,
      ];

      // Credentials that appear after the start are used.
      await writeAdcFile(env.dir, tokens.url);
      await source.fetchPrices({ regions: ['us-central1'] });
      await backend.stop();

      expect(tokens.requests).toHaveLength(1);
      expect(catalog.received[0].authorization).toBe(
        `Bearer ${tokens.accessToken}`,
      );
    });

    it('adds nothing when the token endpoint never answers, giving up after 3 s', async () => {
      const silent = await new FakeTokenEndpoint({ hang: true }).start();
      try {
        await writeAdcFile(env.dir, silent.url);
        const started = Date.now();

        const { backend, addPriceSource, logger } = await startBackend({});
        await backend.stop();

        const elapsed = Date.now() - started;
        expect(elapsed).toBeGreaterThanOrEqual(2900);
        expect(elapsed).toBeLessThan(10_000);
        expect(addPriceSource).not.toHaveBeenCalled();
        expect(logger.info).toHaveBeenCalledWith(NO_ADC_LINE);
      } finally {
        await silent.stop();
      }
    });
  });

  describe('billing export', () => {
    const TABLE = 'acme-billing.billing.gcp_billing_export_v1_0A';
    // Pricing off, so that no credentials are looked for.
    const pricing = { gcp: { enabled: false } };

    it('is off until enabled, and says how to turn it on', async () => {
      const { backend, addActualCostSource, logger } = await startBackend({
        cloudDeployments: { pricing, gcp: { billingExport: { table: TABLE } } },
      });
      await backend.stop();

      expect(addActualCostSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'Google Cloud actual costs are off; cloudDeployments.gcp.billingExport (enabled: true, table) reads them from the billing export in BigQuery',
      );
    });

    it('adds the source when enabled, never logging the credentials', async () => {
      const { backend, addActualCostSource, logger } = await startBackend({
        cloudDeployments: {
          pricing,
          gcp: {
            billingExport: {
              enabled: true,
              table: TABLE,
              location: 'EU',
              credentials: SECRET_KEY,
              cacheTtl: { hours: 6 },
            },
          },
        },
      });
      await backend.stop();

      expect(addActualCostSource).toHaveBeenCalledTimes(1);
      const source = addActualCostSource.mock.calls[0][0];
      expect(source).toBeInstanceOf(GcpBillingExportSource);
      expect(source).toMatchObject({
        id: 'gcp-billing-export',
        providers: ['gcp-cloud-run'],
        kind: 'billed',
      });
      expect(logger.info).toHaveBeenCalledWith(
        `Google Cloud actual costs are read from the billing export table ${TABLE} in BigQuery`,
      );
      expect(JSON.stringify(logger.info.mock.calls)).not.toContain(
        'modulesecret',
      );
    });

    it.each([
      [
        { enabled: true },
        'billingExport.table: name the standard usage cost export table',
      ],
      [
        { enabled: true, table: 'billing.export' },
        "billingExport.table: 'billing.export' is not a BigQuery table as project.dataset.table",
      ],
      [
        { enabled: true, table: TABLE, cacheTtl: '10s' },
        'billingExport.cacheTtl: between 1 minute and 7 days',
      ],
    ])(
      'refuses to start with invalid config %j',
      async (billingExport, message) => {
        await expect(
          start({ cloudDeployments: { pricing, gcp: { billingExport } } }),
        ).rejects.toThrow(`Invalid config cloudDeployments.gcp.${message}`);
      },
    );
  });
  describe('Cloud Monitoring traffic', () => {
    // Pricing off, so that no credentials are looked for.
    const pricing = { gcp: { enabled: false } };
    const projects = {
      accounts: [
        { id: 'ml', projectId: 'acme-ml', credentials: SECRET_KEY },
        { id: 'adc', projectId: 'acme-adc' },
      ],
    };

    it('reads the sandbox in sandbox mode: what the provider deployed there, with the traffic config sets', async () => {
      const { backend, addUsageMetricsSource, addProvider, logger } =
        await startBackend({
          cloudDeployments: {
            pricing,
            sandbox: { traffic: { gcp: { [deployment.name]: 42 } } },
          },
        });
      try {
        expect(addUsageMetricsSource).toHaveBeenCalledTimes(1);
        const [source] = addUsageMetricsSource.mock.calls[0] as [
          GcpMonitoringSource,
        ];
        expect(source).toBeInstanceOf(GcpMonitoringSource);
        expect(source).toMatchObject({
          id: 'gcp-cloud-monitoring',
          title: 'Google Cloud Monitoring (sandbox)',
        });
        expect(logger.info).toHaveBeenCalledWith(
          expect.stringMatching(
            /^Google Cloud Run traffic is read from the sandbox's Cloud Monitoring at http:\/\/127\.0\.0\.1:\d+ \(synthetic daily requests\); cloudDeployments\.gcp\.monitoring\.enabled: false turns it off$/,
          ),
        );
        const provider: CloudDeploymentProvider = addProvider.mock.calls[0][0];
        await provider.provision(deployment, {
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
            deployments: [deployment, { ...deployment, id: 'x', name: 'none' }],
            from: today,
            to: tomorrow,
          }),
        ).resolves.toEqual([
          { deploymentId: deployment.id, day: today, amount: 42 },
        ]);
      } finally {
        await backend.stop();
      }
    });

    it('is off in sandbox mode when enabled is false, and for real projects without config', async () => {
      const off = await startBackend({
        cloudDeployments: { pricing, gcp: { monitoring: { enabled: false } } },
      });
      await off.backend.stop();
      expect(off.addUsageMetricsSource).not.toHaveBeenCalled();

      const real = await startBackend({
        cloudDeployments: { pricing, providers: { gcp: projects } },
      });
      await real.backend.stop();
      expect(real.addUsageMetricsSource).not.toHaveBeenCalled();
      expect(real.logger.info).toHaveBeenCalledWith(
        'Google Cloud Run traffic is off, so no Cloud Run deployment is found idle; set cloudDeployments.gcp.monitoring.enabled to true to read it from Cloud Monitoring',
      );
    });

    it('reads real projects when enabled, never logging their credentials', async () => {
      const { backend, addUsageMetricsSource, logger } = await startBackend({
        cloudDeployments: {
          pricing,
          providers: { gcp: projects },
          gcp: { monitoring: { enabled: true, maxRetries: 2 } },
        },
      });
      await backend.stop();

      const [source] = addUsageMetricsSource.mock.calls[0];
      expect(source).toBeInstanceOf(GcpMonitoringSource);
      expect(source.title).toBe('Google Cloud Monitoring');
      expect(logger.info).toHaveBeenCalledWith(
        'Google Cloud Run traffic is read from Cloud Monitoring (run.googleapis.com/request_count, daily) in project(s) ' +
          'acme-ml (its credentials), acme-adc (Application Default Credentials)',
      );
      expect(JSON.stringify(logger.info.mock.calls)).not.toContain(
        'modulesecret',
      );
    });

    it.each([
      [{ enabled: 'maybe' }, 'monitoring.enabled'],
      [
        { servicesPerRequest: 1000 },
        'monitoring.servicesPerRequest: at most 500',
      ],
      [{ maxRetries: 11 }, 'monitoring.maxRetries: at most 10 retries'],
      [{ apiEndpoint: 'ftp://x' }, 'monitoring.apiEndpoint'],
    ])(
      'refuses to start with invalid config %j',
      async (monitoring, message) => {
        await expect(
          start({ cloudDeployments: { pricing, gcp: { monitoring } } }),
        ).rejects.toThrow(`Invalid config cloudDeployments.gcp.${message}`);
      },
    );
  });
});
