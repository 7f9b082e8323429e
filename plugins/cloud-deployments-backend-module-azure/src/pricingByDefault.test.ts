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
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  aciItems,
  FakeRetailPricesApi,
} from './__testUtils__/FakeRetailPricesApi';
import { cloudDeploymentsModuleAzure } from './module';

jest.setTimeout(60_000);

const estimateRequest = {
  provider: 'azure-container-instances',
  region: 'eastus',
  compute: { cpu: 1, memoryMiB: 1024 },
};

/**
 * The backend plugin with the Azure module and no Azure pricing config but
 * the API's address: the refresh runs when the test triggers it.
 */
async function startBackend(baseUrl: string) {
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      cloudDeploymentsModuleAzure,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            jobs: { enabled: false },
            // As production has one: without it the backend warns at start.
            terraform: {
              stateEncryptionKey: randomBytes(32).toString('base64'),
            },
            providers: {
              azure: {
                subscriptions: [
                  {
                    id: 'prod',
                    subscriptionId: '11111111-2222-3333-4444-555555555555',
                    resourceGroup: 'ml',
                    regions: ['eastus'],
                  },
                ],
              },
            },
            pricing: { azure: { baseUrl } },
          },
        },
      }),
      logger.factory,
      scheduler.factory,
    ],
  });
  // What the scheduler would run, once across replicas, a minute after start.
  const refresh = async () => {
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'cloud-deployments-price-refresh',
    )![0];
    await task.fn(new AbortController().signal);
  };
  return { backend, logger, scheduler, refresh };
}

/** Every line logged at any level since the mock was last cleared. */
function lines(logger: ReturnType<typeof mockServices.logger.mock>) {
  return (['debug', 'info', 'warn', 'error'] as const).flatMap(level =>
    logger[level].mock.calls.map(([message]) => `${level}: ${message}`),
  );
}

async function estimate(backend: { server: { port(): number } }) {
  const res = await fetch(
    `http://localhost:${backend.server.port()}/api/cloud-deployments/estimates`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(estimateRequest),
    },
  );
  expect(res.status).toBe(200);
  return res.json();
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('Azure live pricing without config', () => {
  it('is on for the default regions and prices from the Retail Prices API', async () => {
    const api = await new FakeRetailPricesApi()
      .serve([...aciItems('eastus'), ...aciItems('westeurope')])
      .start();
    const { backend, logger, scheduler, refresh } = await startBackend(
      api.baseUrl,
    );
    try {
      expect(logger.info).toHaveBeenCalledWith(
        `Azure live pricing is on for eastus, westus2, westeurope, northeurope, swedencentral (default regions), ` +
          `from the Retail Prices API at ${api.baseUrl}; cloudDeployments.pricing.azure.enabled: false turns it off`,
      );
      // Nothing is fetched at start: the refresh is scheduled for later.
      expect(api.received).toEqual([]);
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'cloud-deployments-price-refresh',
          scope: 'global',
          initialDelay: { minutes: 1 },
        }),
      );
      const before = await estimate(backend);
      expect(before.lines[0].source).toBe('snapshot');

      await refresh();

      expect(api.problems).toEqual([]);
      const asked = new Set(api.received.map(r => r.filter));
      expect(asked.size).toBe(10); // two services in five regions
      expect(logger.warn).not.toHaveBeenCalled();
      // Five priced meters in each of the two regions the fake API knows.
      expect(logger.info).toHaveBeenCalledWith(
        'Fetched 10 prices from azure-retail-prices-api',
      );
      const after = await estimate(backend);
      expect(after.lines[0]).toMatchObject({
        sku: 'vcpu',
        source: 'live',
        unitPrice: 0.0405,
        origin: 'Azure Retail Prices API',
      });
    } finally {
      await backend.stop();
      await api.stop();
    }
  });

  it.each([
    ['a closed port', async () => `http://127.0.0.1:${await closedPort()}`],
    [
      'a host name that does not resolve',
      async () => 'http://prices.azure.invalid',
    ],
  ])(
    'falls back quietly to the snapshot when the API is at %s',
    async (_, baseUrl) => {
      const url = await baseUrl();
      const { backend, logger, refresh } = await startBackend(url);
      try {
        const before = await estimate(backend);
        logger.debug.mockClear();
        logger.info.mockClear();
        logger.warn.mockClear();
        logger.error.mockClear();

        const started = Date.now();
        await refresh();
        const tookMs = Date.now() - started;

        const logged = lines(logger);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatch(
          new RegExp(
            `^warn: Price refresh from azure-retail-prices-api failed, cached or snapshot prices stay in use: ` +
              `Azure Retail Prices API at ${url.replace(
                /\./g,
                '\\.',
              )} cannot be reached \\(.+, 4 attempts\\)$`,
          ),
        );
        expect(logged[0]).not.toContain('\n');
        // Four attempts with a backoff of at most 0.5 + 1 + 2 s.
        expect(tookMs).toBeLessThan(10_000);

        const after = await estimate(backend);
        expect({ ...after, estimatedAt: undefined }).toEqual({
          ...before,
          estimatedAt: undefined,
        });
        expect(after.lines[0].source).toBe('snapshot');
        expect(after.monthlyTotal).not.toBeNull();
      } finally {
        await backend.stop();
      }
    },
  );
});
