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
import { mockServices } from '@backstage/backend-test-utils';
import {
  AciSandbox,
  isIdleInSandbox,
  syntheticDailyTraffic,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { Agent } from 'https';
import {
  CostQueryAnswer,
  FAKE_TOKEN,
  FakeCostManagementApi,
  fakeCredential,
} from '../__testUtils__/FakeCostManagementApi';
import { AciSubscription } from '../containerInstances/readAciConfig';
import { containerGroupDeployment } from '../terraform/__testUtils__/containerGroupCases';
import {
  AzureMonitorSource,
  AzureMonitorSourceOptions,
  DEFAULT_IDLE_BYTES_PER_DAY,
} from './AzureMonitorSource';

const SUB = '11111111-2222-3333-4444-555555555555';
const OTHER_SUB = '99999999-2222-3333-4444-555555555555';
const A = containerGroupDeployment({ id: 'dep-a', name: 'fraud-model' });
const B = containerGroupDeployment({
  id: 'dep-b',
  name: 'churn',
  resourceName: 'churn-production',
  spec: { account: 'other' },
});
const asked = { deployments: [A], from: '2026-11-01', to: '2026-11-03' };
const groupPath = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerInstance/containerGroups/${name}/providers/Microsoft.Insights/metrics`;

/** An answer of the metrics API: averages by hour (`YYYY-MM-DDTHH`). */
function metrics(
  averages: Record<string, number | undefined>,
  options: { interval?: string; errorCode?: string; name?: string } = {},
): CostQueryAnswer {
  return {
    status: 200,
    body: {
      cost: 0,
      timespan: '2026-11-01T00:00:00Z/2026-11-03T00:00:00Z',
      interval: options.interval ?? 'PT1H',
      namespace: 'Microsoft.ContainerInstance/containerGroups',
      resourceregion: 'westeurope',
      value: [
        {
          id: 'x/providers/Microsoft.Insights/metrics/NetworkBytesReceivedPerSecond',
          type: 'Microsoft.Insights/metrics',
          name: {
            value: options.name ?? 'NetworkBytesReceivedPerSecond',
            localizedValue: 'Network Bytes Received Per Second',
          },
          unit: 'Bytes',
          errorCode: options.errorCode ?? 'Success',
          ...(options.errorCode ? { errorMessage: 'it went wrong' } : {}),
          timeseries: [
            {
              metadatavalues: [],
              data: Object.entries(averages).map(([hour, average]) => ({
                timeStamp: `${hour}:00:00Z`,
                ...(average === undefined ? {} : { average }),
              })),
            },
          ],
        },
      ],
    },
  };
}

describe('AzureMonitorSource', () => {
  let api: FakeCostManagementApi;
  let scopes: string[];

  beforeEach(async () => {
    api = await new FakeCostManagementApi().start();
    scopes = [];
  });
  afterEach(() => api.stop());

  function source(options: Partial<AzureMonitorSourceOptions> = {}) {
    const subscriptions: AciSubscription[] = [
      {
        id: 'prod',
        subscriptionId: SUB,
        resourceGroup: 'ml-prod',
        endpoint: api.url,
      },
      {
        id: 'other',
        subscriptionId: OTHER_SUB,
        resourceGroup: 'ml-other',
        endpoint: api.url,
      },
    ];
    const logger = mockServices.logger.mock();
    return {
      logger,
      source: new AzureMonitorSource({
        subscriptions,
        credential: () => fakeCredential(scopes),
        agent: api.agent,
        maxRetries: 2,
        logger,
        ...options,
      }),
    };
  }

  it('describes itself as a proxy in bytes, idle at or below the configured amount', () => {
    const { source: defaults } = source();
    expect(defaults).toMatchObject({
      id: 'azure-monitor',
      title: 'Azure Monitor',
      providers: ['azure-container-instances'],
      metric: {
        name: 'NetworkBytesReceivedPerSecond',
        unit: 'bytes',
        idleAtOrBelow: DEFAULT_IDLE_BYTES_PER_DAY,
      },
    });
    expect(DEFAULT_IDLE_BYTES_PER_DAY).toBe(10_485_760);
    expect(
      source({ idleBytesPerDay: 2_000_000 }).source.metric.idleAtOrBelow,
    ).toBe(2_000_000);
    expect(() => source({ idleBytesPerDay: -1 })).toThrow(
      'idleBytesPerDay must be 0 or more, got -1',
    );
  });

  it("asks for each container group's hourly average bytes per second, and adds each UTC day's hours up", async () => {
    api.answer = request =>
      request.path.includes('/fraud-model/')
        ? metrics({
            '2026-11-01T00': 100,
            '2026-11-01T01': 50.5,
            '2026-11-01T02': undefined,
            '2026-11-02T23': 0.25,
          })
        : metrics({ '2026-11-01T00': undefined });
    const { source: s, logger } = source();

    const traffic = await s.dailyTraffic({ ...asked, deployments: [A, B] });

    // A day without data is a day without traffic: it is left out.
    expect(traffic).toEqual([
      { deploymentId: 'dep-a', day: '2026-11-01', amount: 150.5 * 3600 },
      { deploymentId: 'dep-a', day: '2026-11-02', amount: 900 },
    ]);
    expect(api.requests.map(r => r.path).sort()).toEqual([
      groupPath(SUB, 'ml-prod', 'fraud-model'),
      groupPath(OTHER_SUB, 'ml-other', 'churn-production'),
    ]);
    const request = api.requests.find(r => r.path.includes('fraud-model'))!;
    expect(request).toMatchObject({
      method: 'GET',
      authorization: `Bearer ${FAKE_TOKEN}`,
      query: {
        'api-version': '2024-02-01',
        timespan: '2026-11-01T00:00:00.000Z/2026-11-03T00:00:00.000Z',
        interval: 'PT1H',
        metricnames: 'NetworkBytesReceivedPerSecond',
        aggregation: 'Average',
        metricnamespace: 'Microsoft.ContainerInstance/containerGroups',
      },
    });
    expect(scopes).toContain('https://management.azure.com/.default');
    expect(logger.info).toHaveBeenCalledWith(
      'Azure Monitor: 2 daily figure(s) for 2 deployment(s) from 2026-11-01 to 2026-11-03; 2 request(s)',
    );
  });

  it('reads the grain the answer has, should Azure adjust it', async () => {
    api.answer = () =>
      metrics(
        { '2026-11-01T00': 10, '2026-11-01T12': 20 },
        { interval: 'PT12H' },
      );
    await expect(source().source.dailyTraffic(asked)).resolves.toEqual([
      { deploymentId: 'dep-a', day: '2026-11-01', amount: 30 * 12 * 3600 },
    ]);
  });

  it('reads a few container groups at once', async () => {
    let inFlight = 0;
    let most = 0;
    const many = Array.from({ length: 9 }, (_, i) =>
      containerGroupDeployment({ id: `dep-${i}`, name: `group-${i}` }),
    );
    api.answer = () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => (inFlight -= 1), 0);
      return metrics({});
    };
    await source({ concurrency: 3 }).source.dailyTraffic({
      ...asked,
      deployments: many,
    });
    expect(api.requests).toHaveLength(9);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('retries throttling (429 with Retry-After) and recovers', async () => {
    api.answer = (_request, n) =>
      n === 0
        ? {
            status: 429,
            headers: { 'retry-after': '0' },
            body: { error: { code: 'TooManyRequests', message: 'slow down' } },
          }
        : metrics({ '2026-11-01T05': 1 });
    await expect(source().source.dailyTraffic(asked)).resolves.toEqual([
      { deploymentId: 'dep-a', day: '2026-11-01', amount: 3600 },
    ]);
    expect(api.requests).toHaveLength(2);
  });

  it('fails clearly when throttling outlasts the retries', async () => {
    api.answer = () => ({
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: { code: 'TooManyRequests', message: 'slow down' } },
    });
    await expect(source().source.dailyTraffic(asked)).rejects.toThrow(
      /^Azure Monitor metrics of container group fraud-model \(deployment dep-a\) from 2026-11-01 to 2026-11-03 failed: HTTP 429: throttled, and the retries ran out/,
    );
    expect(api.requests).toHaveLength(3);
  });

  it('fails, naming the deployment, when its container group cannot be read', async () => {
    api.answer = () => ({
      status: 404,
      body: {
        error: {
          code: 'ResourceNotFound',
          message:
            "The Resource 'Microsoft.ContainerInstance/containerGroups/fraud-model' was not found.",
        },
      },
    });
    await expect(source().source.dailyTraffic(asked)).rejects.toThrow(
      /container group fraud-model \(deployment dep-a\) .* failed: HTTP 404: ResourceNotFound: The Resource .* was not found/,
    );
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    [
      'no metric',
      { status: 200, body: { value: [] } },
      /no NetworkBytesReceivedPerSecond in it/,
    ],
    [
      'another metric',
      metrics({}, { name: 'CpuUsage' }),
      /no NetworkBytesReceivedPerSecond in it/,
    ],
    [
      'a metric that failed',
      metrics({}, { errorCode: 'Throttled' }),
      /failed: Throttled: it went wrong/,
    ],
    [
      'a grain that does not divide a day',
      metrics({}, { interval: 'PT7H' }),
      /a time grain of PT7H, which does not divide a day/,
    ],
    [
      'a point off the grain',
      metrics({ '2026-11-01T00:30': 1 }),
      /a data point at .*, not the start of a PT1H grain/,
    ],
    [
      'a point outside the days asked for',
      metrics({ '2026-11-03T00': 1 }),
      /not the start of a PT1H grain from 2026-11-01 to 2026-11-03/,
    ],
    [
      'a negative average',
      metrics({ '2026-11-01T00': -1 }),
      /-1 bytes per second at 2026-11-01T00:00:00.000Z/,
    ],
    [
      'an hour twice',
      {
        status: 200,
        body: {
          interval: 'PT1H',
          value: [
            {
              name: { value: 'NetworkBytesReceivedPerSecond' },
              timeseries: [
                {
                  data: [
                    { timeStamp: '2026-11-01T00:00:00Z', average: 1 },
                    { timeStamp: '2026-11-01T00:00:00Z', average: 2 },
                  ],
                },
              ],
            },
          ],
        },
      },
      /2026-11-01T00:00:00.000Z twice/,
    ],
  ])('rejects an answer with %s', async (_name, answer, message) => {
    api.answer = () => answer as CostQueryAnswer;
    await expect(source().source.dailyTraffic(asked)).rejects.toThrow(message);
  });

  it('refuses a deployment in a subscription that is not configured, before asking anything', async () => {
    await expect(
      source().source.dailyTraffic({
        ...asked,
        deployments: [
          A,
          containerGroupDeployment({ id: 'x', spec: { account: 'gone' } }),
        ],
      }),
    ).rejects.toThrow(
      "Cannot read the Azure Monitor metrics of deployment x: its account 'gone' is not among the configured subscriptions",
    );
    expect(api.requests).toHaveLength(0);
  });

  it('makes no request for no deployments or no days, and refuses what is not a day', async () => {
    const { source: s } = source();
    await expect(
      s.dailyTraffic({ ...asked, deployments: [] }),
    ).resolves.toEqual([]);
    await expect(s.dailyTraffic({ ...asked, to: asked.from })).resolves.toEqual(
      [],
    );
    await expect(
      s.dailyTraffic({ ...asked, to: '2026-11-31' }),
    ).rejects.toThrow("'2026-11-31' is not a day (YYYY-MM-DD)");
    expect(api.requests).toHaveLength(0);
  });

  it('stops when the signal aborts', async () => {
    api.answer = () => 'hang';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      source().source.dailyTraffic({ ...asked, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  describe('against the Azure sandbox', () => {
    let sandbox: AciSandbox;
    let agent: Agent;
    afterEach(async () => {
      agent.destroy();
      await sandbox.close();
      jest.restoreAllMocks();
    });

    it('reads its synthetic bytes: deterministic, probes only for idle groups, nothing before a group existed', async () => {
      sandbox = await AciSandbox.start({ readyAfterMs: 0 });
      agent = new Agent({ ca: sandbox.certificate });
      const aci = new ContainerInstanceManagementClient(
        sandbox.credential,
        SUB,
        { endpoint: sandbox.url, $host: sandbox.url, agent },
      );
      const names = Array.from({ length: 30 }, (_, i) => `group-${i}`);
      const busy = names.find(n => !isIdleInSandbox(n))!;
      const idle = names.find(n => isIdleInSandbox(n))!;
      // Created on 2 November at 18:00; read now, weeks later.
      jest
        .spyOn(Date, 'now')
        .mockReturnValue(Date.parse('2026-11-02T18:00:00Z'));
      for (const name of [busy, idle]) {
        await aci.containerGroups.beginCreateOrUpdateAndWait(
          'ml-prod',
          name,
          {
            location: 'westeurope',
            osType: 'Linux',
            containers: [
              {
                name: 'app',
                image: 'acme.azurecr.io/model:1',
                resources: { requests: { cpu: 1, memoryInGB: 1 } },
              },
            ],
          },
          { updateIntervalInMs: 1 },
        );
      }
      jest.mocked(Date.now).mockRestore();
      const deployments = [busy, idle].map(name =>
        containerGroupDeployment({ id: `id-${name}`, name }),
      );
      const monitor = new AzureMonitorSource({
        subscriptions: [
          { id: 'sandbox', subscriptionId: SUB, resourceGroup: 'ml-prod' },
        ],
        sandbox: {
          url: sandbox.url,
          certificate: sandbox.certificate,
          credential: sandbox.credential,
        },
      });
      const request = { deployments, from: '2026-10-30', to: '2026-11-05' };

      const traffic = await monitor.dailyTraffic(request);

      const bytes = (name: string, day: string) =>
        syntheticDailyTraffic(name, day, 'bytes');
      expect(traffic).toEqual([
        {
          deploymentId: `id-${busy}`,
          day: '2026-11-02',
          amount: Math.round(bytes(busy, '2026-11-02') / 4),
        },
        {
          deploymentId: `id-${busy}`,
          day: '2026-11-03',
          amount: bytes(busy, '2026-11-03'),
        },
        {
          deploymentId: `id-${busy}`,
          day: '2026-11-04',
          amount: bytes(busy, '2026-11-04'),
        },
        {
          deploymentId: `id-${idle}`,
          day: '2026-11-02',
          amount: Math.round(bytes(idle, '2026-11-02') / 4),
        },
        {
          deploymentId: `id-${idle}`,
          day: '2026-11-03',
          amount: bytes(idle, '2026-11-03'),
        },
        {
          deploymentId: `id-${idle}`,
          day: '2026-11-04',
          amount: bytes(idle, '2026-11-04'),
        },
      ]);
      // Idle: health probes only, under the default threshold; busy: above.
      const full = traffic.filter(t => t.day !== '2026-11-02');
      for (const t of full) {
        expect(t.amount <= monitor.metric.idleAtOrBelow).toBe(
          t.deploymentId === `id-${idle}`,
        );
      }
      await expect(monitor.dailyTraffic(request)).resolves.toEqual(traffic);

      // Set explicitly, and throttled once (retried after Retry-After).
      sandbox.setTraffic(busy, { '2026-11-03': 4096 });
      sandbox.throttleNext(1, { retryAfterSeconds: 0 });
      await expect(
        monitor.dailyTraffic({ ...request, deployments: [deployments[0]] }),
      ).resolves.toEqual([
        { deploymentId: `id-${busy}`, day: '2026-11-03', amount: 4096 },
      ]);
      monitor.close();
    });
  });
});
