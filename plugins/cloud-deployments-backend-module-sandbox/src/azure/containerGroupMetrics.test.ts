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
import { Agent, request } from 'https';
import {
  isIdleInSandbox,
  syntheticDailyTraffic,
} from '../traffic/SandboxTraffic';
import { AciSandbox } from './AciSandbox';

// The wire of @azure/arm-monitor's metrics.list (the module's tests run the
// real client against the sandbox).
const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'ml';
const names = Array.from({ length: 40 }, (_, i) => `group-${i}`);
const busy = names.find(n => !isIdleInSandbox(n))!;
const idle = names.find(n => isIdleInSandbox(n))!;
const HOUR = 3_600_000;

const group = {
  location: 'westeurope',
  osType: 'Linux',
  containers: [
    {
      name: 'app',
      image: 'acme.azurecr.io/models/model:1.0.0',
      resources: { requests: { cpu: 1, memoryInGB: 1.5 } },
    },
  ],
};

describe('AciSandbox as Azure Monitor', () => {
  let clock: number;
  let sandbox: AciSandbox;
  let agent: Agent;
  let client: ContainerInstanceManagementClient;

  async function startSandbox(readyAfterMs: number) {
    // Its certificate is valid from the real now, which TLS checks.
    jest.restoreAllMocks();
    sandbox = await AciSandbox.start({ readyAfterMs });
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    agent = new Agent({ ca: sandbox.certificate });
    client = new ContainerInstanceManagementClient(sandbox.credential, SUB, {
      endpoint: sandbox.url,
      $host: sandbox.url,
      agent,
      retryOptions: { maxRetries: 0 },
    });
  }

  beforeEach(async () => {
    clock = Date.parse('2026-11-01T18:00:00Z');
    await startSandbox(0);
  });

  afterEach(async () => {
    agent.destroy();
    await sandbox.close();
    jest.restoreAllMocks();
  });

  const create = (name: string) =>
    client.containerGroups.beginCreateOrUpdateAndWait(RG, name, group, {
      updateIntervalInMs: 1,
    });

  async function metrics(name: string, params: Record<string, string> = {}) {
    const url = new URL(
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/${name}/providers/Microsoft.Insights/metrics`,
      sandbox.url,
    );
    const all = {
      'api-version': '2024-02-01',
      timespan: '2026-11-01T00:00:00.000Z/2026-11-04T00:00:00.000Z',
      interval: 'PT1H',
      metricnames: 'NetworkBytesReceivedPerSecond',
      aggregation: 'Average',
      metricnamespace: 'Microsoft.ContainerInstance/containerGroups',
      ...params,
    };
    for (const [key, value] of Object.entries(all)) {
      url.searchParams.set(key, value);
    }
    return new Promise<{ status: number; body: any }>((resolve, reject) => {
      request(
        url,
        { agent, headers: { authorization: `Bearer ${sandbox.token}` } },
        res => {
          let raw = '';
          res.on('data', chunk => (raw += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw) }),
          );
        },
      )
        .on('error', reject)
        .end();
    });
  }

  /** The bytes of each UTC day, as a client adds up the hourly averages. */
  function bytesByDay(body: any): Record<string, number> {
    const days: Record<string, number> = {};
    for (const datum of body.value[0].timeseries[0].data) {
      if (datum.average === undefined) continue;
      const day = datum.timeStamp.slice(0, 10);
      days[day] = (days[day] ?? 0) + datum.average * 3600;
    }
    return Object.fromEntries(
      Object.entries(days).map(([d, b]) => [d, Math.round(b)]),
    );
  }

  it('answers every hour of the timespan, with the bytes per second received while the group existed', async () => {
    await create(busy);
    clock = Date.parse('2026-11-03T12:00:00Z');

    const { status, body } = await metrics(busy);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      timespan: '2026-11-01T00:00:00.000Z/2026-11-04T00:00:00.000Z',
      interval: 'PT1H',
      namespace: 'Microsoft.ContainerInstance/containerGroups',
      resourceregion: 'westeurope',
      value: [
        {
          id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerInstance/containerGroups/${busy}/providers/Microsoft.Insights/metrics/NetworkBytesReceivedPerSecond`,
          name: { value: 'NetworkBytesReceivedPerSecond' },
          unit: 'Bytes',
          errorCode: 'Success',
        },
      ],
    });
    const data = body.value[0].timeseries[0].data;
    expect(data).toHaveLength(72);
    expect(data[0]).toEqual({ timeStamp: '2026-11-01T00:00:00Z' });
    expect(data[18]).toEqual({
      timeStamp: '2026-11-01T18:00:00Z',
      average: expect.any(Number),
    });
    // Nothing before it was created, nor from now on.
    expect(data.slice(0, 18).every((d: any) => d.average === undefined)).toBe(
      true,
    );
    expect(data.slice(60).every((d: any) => d.average === undefined)).toBe(
      true,
    );
    const full = (day: string) => syntheticDailyTraffic(busy, day, 'bytes');
    const days = bytesByDay(body);
    expect(days).toEqual({
      '2026-11-01': Math.round(full('2026-11-01') / 4),
      '2026-11-02': full('2026-11-02'),
      '2026-11-03': Math.round(full('2026-11-03') / 2),
    });
  });

  it('gives an idle group health-probe bytes only, and serves traffic set explicitly', async () => {
    await create(idle);
    clock = Date.parse('2026-11-04T00:00:00Z');
    const days = bytesByDay((await metrics(idle)).body);
    expect(days['2026-11-02']).toBe(
      syntheticDailyTraffic(idle, '2026-11-02', 'bytes'),
    );
    expect(days['2026-11-02']).toBeLessThan(10 * 2 ** 20);

    sandbox.setTraffic(idle, { '2026-11-02': 1234 });
    expect(bytesByDay((await metrics(idle)).body)).toEqual({
      '2026-11-02': 1234,
    });
  });

  it('serves 6- and 12-hour grains that add up to the same days', async () => {
    await create(busy);
    clock = Date.parse('2026-11-04T00:00:00Z');
    const hourly = bytesByDay((await metrics(busy)).body);
    for (const interval of ['PT6H', 'PT12H']) {
      const { body } = await metrics(busy, { interval });
      const grain = interval === 'PT6H' ? 6 : 12;
      const days: Record<string, number> = {};
      for (const datum of body.value[0].timeseries[0].data) {
        if (datum.average === undefined) continue;
        const day = datum.timeStamp.slice(0, 10);
        days[day] = (days[day] ?? 0) + datum.average * grain * 3600;
      }
      for (const [day, bytes] of Object.entries(days)) {
        expect(Math.round(bytes)).toBe(hourly[day]);
      }
    }
  });

  it.each([
    [{ metricnames: 'CpuUsage' }, /serves NetworkBytesReceivedPerSecond only/],
    [{ metricnames: 'Requests' }, /Failed to find metric configuration/],
    [{ aggregation: 'Total' }, /never Total/],
    [{ interval: 'P1D' }, /time grains PT1M to PT12H \(no P1D\)/],
    [
      { timespan: '2026-11-01T00:30:00Z/2026-11-02T00:00:00Z' },
      /timespan of two ISO 8601 times/,
    ],
  ])('refuses %j', async (params, message) => {
    await create(busy);
    const { status, body } = await metrics(busy, params);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it('answers 404 for a container group that does not exist', async () => {
    const { status, body } = await metrics('nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('ResourceNotFound');
  });

  it('stops the traffic of a group being deleted when its deletion starts', async () => {
    agent.destroy();
    await sandbox.close();
    await startSandbox(60_000);
    await client.containerGroups.beginCreateOrUpdate(RG, busy, group);
    clock += 24 * HOUR;
    await client.containerGroups.beginDelete(RG, busy);
    clock += 30_000;

    const days = bytesByDay((await metrics(busy)).body);
    expect(Object.keys(days)).toEqual(['2026-11-01', '2026-11-02']);
    expect(days['2026-11-02']).toBe(
      Math.round(syntheticDailyTraffic(busy, '2026-11-02', 'bytes') * 0.75),
    );
  });
});
