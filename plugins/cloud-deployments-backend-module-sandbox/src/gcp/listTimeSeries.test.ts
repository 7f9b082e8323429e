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
import {
  isIdleInSandbox,
  syntheticDailyTraffic,
} from '../traffic/SandboxTraffic';
import { CloudRunSandbox } from './CloudRunSandbox';

// The REST wire of MetricServiceClient with `fallback: true` (the module's
// tests run the real client against the sandbox): enums as numbers, repeated
// groupByFields.
const names = Array.from({ length: 40 }, (_, i) => `service-${i}`);
const [busy, busy2] = names.filter(n => !isIdleInSandbox(n));
const idle = names.find(n => isIdleInSandbox(n))!;
const FILTER =
  'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision"';

function query(params: Record<string, string | string[]>) {
  const search = new URLSearchParams();
  const all: Record<string, string | string[]> = {
    filter: FILTER,
    'interval.startTime': '2026-11-01T00:00:00.000Z',
    'interval.endTime': '2026-11-08T00:00:00.000Z',
    'aggregation.alignmentPeriod': '86400s',
    'aggregation.perSeriesAligner': '14',
    'aggregation.crossSeriesReducer': '4',
    'aggregation.groupByFields': [
      'resource.labels.service_name',
      'resource.labels.location',
    ],
    view: '0',
    $alt: 'json;enum-encoding=int',
    ...params,
  };
  for (const [key, value] of Object.entries(all)) {
    for (const v of [value].flat()) search.append(key, v);
  }
  return search.toString();
}

describe('CloudRunSandbox as Cloud Monitoring', () => {
  let clock: number;
  let sandbox: CloudRunSandbox;

  beforeEach(async () => {
    clock = Date.parse('2026-11-01T18:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    sandbox = await CloudRunSandbox.start({ readyAfterMs: 0 });
  });

  afterEach(async () => {
    await sandbox.close();
    jest.restoreAllMocks();
  });

  async function list(
    params: Record<string, string | string[]> = {},
    project = 'demo',
  ) {
    const res = await fetch(
      `${sandbox.url}/v3/projects/${project}/timeSeries?${query(params)}`,
      { headers: { authorization: 'Bearer token' } },
    );
    return { status: res.status, body: (await res.json()) as any };
  }

  const seed = (id: string, project = 'demo', region = 'us-central1') =>
    sandbox.seedService(
      `projects/${project}/locations/${region}/services/${id}`,
      {},
    );

  it('answers a series per service with its daily requests, newest first, for the days it existed; idle ones have none', async () => {
    seed(busy);
    seed(idle);
    seed(busy2, 'other-project');
    clock = Date.parse('2026-11-03T12:00:00Z');

    const { status, body } = await list();

    expect(status).toBe(200);
    const full = (day: string) => syntheticDailyTraffic(busy, day, 'requests');
    const point = (day: string, next: string, amount: number) => ({
      interval: {
        startTime: `${day}T00:00:00.000Z`,
        endTime: `${next}T00:00:00.000Z`,
      },
      value: { int64Value: String(amount) },
    });
    expect(body).toEqual({
      timeSeries: [
        {
          metric: { type: 'run.googleapis.com/request_count', labels: {} },
          resource: {
            type: 'cloud_run_revision',
            labels: { service_name: busy, location: 'us-central1' },
          },
          metricKind: 'DELTA',
          valueType: 'INT64',
          points: [
            point(
              '2026-11-03',
              '2026-11-04',
              Math.round(full('2026-11-03') / 2),
            ),
            point('2026-11-02', '2026-11-03', full('2026-11-02')),
            point(
              '2026-11-01',
              '2026-11-02',
              Math.round(full('2026-11-01') / 4),
            ),
          ],
        },
      ],
      nextPageToken: '',
      unit: '1',
    });
  });

  it('filters by service name and location, and groups as asked', async () => {
    seed(busy);
    seed(busy, 'demo', 'europe-west1');
    seed(busy2);
    clock = Date.parse('2026-11-03T00:00:00Z');

    const { body } = await list({
      filter: `${FILTER} AND resource.labels.service_name = one_of("${busy}", "nope") AND resource.labels.location = "europe-west1"`,
    });
    expect(body.timeSeries.map((s: any) => s.resource.labels)).toEqual([
      { service_name: busy, location: 'europe-west1' },
    ]);

    const byService = await list({
      'aggregation.groupByFields': 'resource.labels.service_name',
      filter: `${FILTER} AND resource.labels.service_name = "${busy}"`,
    });
    expect(byService.body.timeSeries).toHaveLength(2);
  });

  it('pages whole series by pageSize points', async () => {
    for (const name of [busy, busy2]) seed(name);
    clock = Date.parse('2026-11-04T00:00:00Z');

    const first = await list({ pageSize: '3' });
    expect(first.body.timeSeries).toHaveLength(1);
    expect(first.body.nextPageToken).not.toBe('');
    const second = await list({
      pageSize: '3',
      pageToken: first.body.nextPageToken,
    });
    expect(second.body.timeSeries).toHaveLength(1);
    expect(second.body.nextPageToken).toBe('');
    expect(
      [first, second].map(
        p => p.body.timeSeries[0].resource.labels.service_name,
      ),
    ).toEqual([busy, busy2].sort());

    const bad = await list({ pageToken: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('serves the traffic set explicitly', async () => {
    seed(idle);
    clock = Date.parse('2026-11-03T00:00:00Z');
    sandbox.setTraffic(idle, 5);
    const { body } = await list();
    expect(
      body.timeSeries[0].points.map((p: any) => p.value.int64Value),
    ).toEqual(['5', '5']);
  });

  it.each([
    [
      {
        filter: 'metric.type = "run.googleapis.com/container/cpu/utilizations"',
      },
      /serves metric.type = "run.googleapis.com\/request_count" only/,
    ],
    [
      { filter: `${FILTER} AND metric.labels.response_code_class = "2xx"` },
      /could not read: metric.labels.response_code_class/,
    ],
    [{ filter: `${FILTER} OR x` }, /could not read: OR x/],
    [{ 'aggregation.alignmentPeriod': '3600s' }, /serves daily sums only/],
    [{ 'aggregation.crossSeriesReducer': '0' }, /serves daily sums only/],
    [
      { 'interval.startTime': '2026-11-01T06:00:00Z' },
      /serves daily sums only/,
    ],
    [{ 'interval.endTime': 'yesterday' }, /must be RFC 3339 times/],
  ])('refuses %j', async (params, message) => {
    const { status, body } = await list(params);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(body.error.message).toMatch(message);
  });

  it('wants a bearer token, and throttles like the Admin API', async () => {
    const anonymous = await fetch(
      `${sandbox.url}/v3/projects/demo/timeSeries?${query({})}`,
    );
    expect(anonymous.status).toBe(401);

    sandbox.throttleNext(1);
    expect((await list()).status).toBe(429);
    expect((await list()).status).toBe(200);
  });
});
