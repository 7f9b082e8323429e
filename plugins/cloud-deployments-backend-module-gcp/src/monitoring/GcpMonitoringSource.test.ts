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
import { mockServices } from '@backstage/backend-test-utils';
import {
  CloudRunSandbox,
  isIdleInSandbox,
  syntheticDailyTraffic,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  FAKE_BIGQUERY_TOKEN,
  fakeAuthClient,
} from '../__testUtils__/FakeBigQueryApi';
import {
  FakeMonitoringApi,
  googleError,
  MonitoringReply,
  MonitoringRequest,
  requestSeries,
  seriesPage,
  startFakeMonitoringApi,
} from '../__testUtils__/fakeMonitoringApi';
import { cloudRunDeployment } from '../terraform/__testUtils__/cloudRunCases';
import {
  GcpMonitoringSource,
  GcpMonitoringSourceOptions,
} from './GcpMonitoringSource';

const accounts = [
  { id: 'prod', projectId: 'acme-prod' },
  { id: 'dev', projectId: 'acme-dev' },
];
const A = cloudRunDeployment({ id: 'dep-a', name: 'fraud-model' });
const B = cloudRunDeployment({
  id: 'dep-b',
  name: 'churn',
  resourceName: 'churn-production',
  spec: { region: 'europe-west1' },
});
const C = cloudRunDeployment({
  id: 'dep-c',
  name: 'ranker',
  spec: { account: 'dev' },
});
const asked = { deployments: [A], from: '2026-11-01', to: '2026-11-04' };

describe('GcpMonitoringSource', () => {
  let api: FakeMonitoringApi | undefined;

  async function start(
    reply: (request: MonitoringRequest, index: number) => MonitoringReply,
    options: Partial<GcpMonitoringSourceOptions> = {},
  ) {
    api = await startFakeMonitoringApi(reply);
    const logger = mockServices.logger.mock();
    const source = new GcpMonitoringSource({
      accounts,
      apiEndpoint: api.url,
      authClient: fakeAuthClient(),
      logger,
      ...options,
    });
    return { api, source, logger };
  }

  beforeEach(() => {
    // The client's retry backoff is Math.random() × delay; 0 keeps tests fast.
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await api?.close();
    api = undefined;
  });

  it('describes itself as a source of Cloud Run requests, idle at 0', () => {
    expect(new GcpMonitoringSource({ accounts })).toMatchObject({
      id: 'gcp-cloud-monitoring',
      title: 'Google Cloud Monitoring',
      providers: ['gcp-cloud-run'],
      metric: {
        name: 'run.googleapis.com/request_count',
        unit: 'requests',
        idleAtOrBelow: 0,
      },
    });
    expect(
      new GcpMonitoringSource({ accounts, sandboxUrl: 'http://127.0.0.1:1' })
        .title,
    ).toBe('Google Cloud Monitoring (sandbox)');
  });

  it("asks each project for its services' daily request counts, summed by service and location", async () => {
    const { source, logger } = await start(request =>
      request.project === 'acme-prod'
        ? seriesPage([
            requestSeries('fraud-model', 'us-central1', {
              '2026-11-01': 12,
              '2026-11-03': 4,
            }),
            requestSeries('churn-production', 'europe-west1', {
              '2026-11-02': 7,
            }),
            // The same name in another region is another service.
            requestSeries('churn-production', 'us-central1', {
              '2026-11-02': 99,
            }),
          ])
        : seriesPage([]),
    );

    const traffic = await source.dailyTraffic({
      ...asked,
      deployments: [A, B, C],
    });

    // A missing day is a day without traffic: it is left out.
    expect(traffic).toEqual([
      { deploymentId: 'dep-a', day: '2026-11-01', amount: 12 },
      { deploymentId: 'dep-a', day: '2026-11-03', amount: 4 },
      { deploymentId: 'dep-b', day: '2026-11-02', amount: 7 },
    ]);
    expect(api!.requests.map(r => r.project)).toEqual([
      'acme-prod',
      'acme-dev',
    ]);
    expect(api!.requests[0]).toMatchObject({
      method: 'GET',
      authorization: `Bearer ${FAKE_BIGQUERY_TOKEN}`,
      query: {
        filter:
          'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" ' +
          'AND resource.labels.service_name = one_of("fraud-model", "churn-production")',
        'interval.startTime': '2026-11-01T00:00:00.000Z',
        'interval.endTime': '2026-11-04T00:00:00.000Z',
        'aggregation.alignmentPeriod': '86400s',
        // ALIGN_SUM and REDUCE_SUM, as numbers (enum-encoding=int).
        'aggregation.perSeriesAligner': '14',
        'aggregation.crossSeriesReducer': '4',
        'aggregation.groupByFields': [
          'resource.labels.service_name',
          'resource.labels.location',
        ],
      },
    });
    expect(api!.requests[1].query.filter).toMatch(
      /service_name = one_of\("ranker"\)$/,
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Google Cloud Monitoring: 3 daily figure(s) for 3 deployment(s) in 2 project(s) from 2026-11-01 to 2026-11-04; 2 page(s) read',
    );
  });

  it('asks for at most servicesPerRequest services a request', async () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      cloudRunDeployment({ id: `dep-${i}`, name: `svc-${i}` }),
    );
    const { source } = await start(() => seriesPage([]), {
      servicesPerRequest: 2,
    });
    await source.dailyTraffic({ ...asked, deployments: many });
    expect(
      api!.requests.map(r => String(r.query.filter).match(/"svc-\d"/g)),
    ).toEqual([['"svc-0"', '"svc-1"'], ['"svc-2"', '"svc-3"'], ['"svc-4"']]);
  });

  it('follows nextPageToken with the same question', async () => {
    const { source, logger } = await start(
      request => {
        switch (request.query.pageToken) {
          case undefined:
            return seriesPage(
              [
                requestSeries('fraud-model', 'us-central1', {
                  '2026-11-01': 1,
                }),
              ],
              'page-2',
            );
          case 'page-2':
            return seriesPage(
              [
                requestSeries('fraud-model', 'us-central1', {
                  '2026-11-02': 2,
                }),
              ],
              'page-3',
            );
          default:
            return seriesPage([]);
        }
      },
      { pageSize: 1 },
    );

    await expect(source.dailyTraffic(asked)).resolves.toEqual([
      { deploymentId: 'dep-a', day: '2026-11-01', amount: 1 },
      { deploymentId: 'dep-a', day: '2026-11-02', amount: 2 },
    ]);
    expect(api!.requests.map(r => r.query.pageToken)).toEqual([
      undefined,
      'page-2',
      'page-3',
    ]);
    for (const { query } of api!.requests) {
      const { pageToken: _token, ...question } = query;
      const { pageToken: _first, ...first } = api!.requests[0].query;
      expect(question).toEqual(first);
      expect(query.pageSize).toBe('1');
    }
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/; 3 page\(s\) read$/),
    );
  });

  it('rejects a nextPageToken that repeats instead of looping', async () => {
    const { source } = await start(() => seriesPage([], 'same'));
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      'Google Cloud Monitoring returned the same nextPageToken twice for project acme-prod (page 2)',
    );
  });

  it('retries throttling (429 RESOURCE_EXHAUSTED) and 503, and recovers', async () => {
    const { source } = await start((_request, index) => {
      if (index === 0) {
        return googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded');
      }
      if (index === 1) return googleError(503, 'UNAVAILABLE', 'try again');
      return seriesPage([
        requestSeries('fraud-model', 'us-central1', { '2026-11-02': 3 }),
      ]);
    });

    await expect(source.dailyTraffic(asked)).resolves.toEqual([
      { deploymentId: 'dep-a', day: '2026-11-02', amount: 3 },
    ]);
    expect(api!.requests).toHaveLength(3);
  });

  it('fails clearly when throttling outlasts maxRetries', async () => {
    const { source } = await start(
      () => googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'),
      { maxRetries: 2 },
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      /^Google Cloud Monitoring answer for project acme-prod from 2026-11-01 to 2026-11-04 \(page 1\) failed: .*Quota exceeded/,
    );
    expect(api!.requests).toHaveLength(3);
  });

  it('does not retry an error that is not transient', async () => {
    const { source } = await start(() =>
      googleError(
        403,
        'PERMISSION_DENIED',
        'monitoring.timeSeries.list denied',
      ),
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      /failed: code 7: .*monitoring\.timeSeries\.list denied/,
    );
    expect(api!.requests).toHaveLength(1);
  });

  const point = (endTime: unknown, value: unknown = { int64Value: '1' }) => ({
    ...requestSeries('fraud-model', 'us-central1', {}),
    points: [{ interval: { endTime }, value }],
  });
  it.each([
    [
      'executionErrors',
      {
        body: {
          timeSeries: [],
          executionErrors: [{ code: 13, message: 'backend failed' }],
        },
      },
      'Incomplete Google Cloud Monitoring answer for project acme-prod from 2026-11-01 to 2026-11-04, page 1: 13 backend failed',
    ],
    [
      'a series without labels',
      seriesPage([{ ...point('2026-11-02T00:00:00Z'), resource: {} }]),
      /a series without service_name and location labels/,
    ],
    [
      'a point that does not end at midnight',
      seriesPage([point('2026-11-02T06:00:00Z')]),
      /fraud-model in us-central1 has a point ending .*, not the end of a UTC day from 2026-11-01 to 2026-11-04/,
    ],
    [
      'a day outside those asked for',
      seriesPage([point('2026-11-05T00:00:00Z')]),
      /not the end of a UTC day/,
    ],
    [
      'a value that is not a count',
      seriesPage([point('2026-11-02T00:00:00Z', { stringValue: 'many' })]),
      /fraud-model in us-central1 has .* requests on 2026-11-01/,
    ],
    [
      'a day twice',
      seriesPage([
        requestSeries('fraud-model', 'us-central1', { '2026-11-01': 1 }),
        requestSeries('fraud-model', 'us-central1', { '2026-11-01': 2 }),
      ]),
      /fraud-model in us-central1 has 2026-11-01 twice/,
    ],
  ])('rejects an answer with %s', async (_name, answer, message) => {
    const { source } = await start(() => answer as MonitoringReply);
    await expect(source.dailyTraffic(asked)).rejects.toThrow(message);
  });

  it('rejects a malformed later page rather than return the first', async () => {
    const { source } = await start((_request, index) =>
      index === 0
        ? seriesPage(
            [requestSeries('fraud-model', 'us-central1', { '2026-11-01': 1 })],
            'next',
          )
        : seriesPage([point('2026-11-02T12:00:00Z')]),
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(/page 2: /);
  });

  it('refuses a deployment in a project that is not configured, before asking anything', async () => {
    const { source } = await start(() => seriesPage([]));
    await expect(
      source.dailyTraffic({
        ...asked,
        deployments: [
          A,
          cloudRunDeployment({ id: 'x', spec: { account: 'gone' } }),
        ],
      }),
    ).rejects.toThrow(
      "Cannot read the Cloud Monitoring metrics of deployment x: its account 'gone' is not among the configured Google Cloud projects",
    );
    expect(api!.requests).toHaveLength(0);
  });

  it('makes no request for no deployments or no days, and refuses what is not a day', async () => {
    const { source } = await start(() => seriesPage([]));
    await expect(
      source.dailyTraffic({ ...asked, deployments: [] }),
    ).resolves.toEqual([]);
    await expect(
      source.dailyTraffic({ ...asked, to: asked.from }),
    ).resolves.toEqual([]);
    await expect(
      source.dailyTraffic({ ...asked, from: '2026-02-30' }),
    ).rejects.toThrow("'2026-02-30' is not a day (YYYY-MM-DD)");
    expect(api!.requests).toHaveLength(0);
  });

  it('stops when the signal aborts', async () => {
    const { source } = await start(() => 'hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      source.dailyTraffic({ ...asked, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await source.close();
  });

  describe('against the Cloud Run sandbox', () => {
    let sandbox: CloudRunSandbox;
    afterEach(() => sandbox.close());

    it('reads its synthetic traffic: deterministic, idle services without any, nothing before a service existed', async () => {
      sandbox = await CloudRunSandbox.start({ readyAfterMs: 0 });
      const names = Array.from({ length: 30 }, (_, i) => `svc-${i}`);
      const busy = names.find(n => !isIdleInSandbox(n))!;
      const idle = names.find(n => isIdleInSandbox(n))!;
      const deployments = [busy, idle].map(name =>
        cloudRunDeployment({ id: `id-${name}`, name }),
      );
      // Created on 2 November at noon; read now, weeks later.
      jest
        .spyOn(Date, 'now')
        .mockReturnValue(Date.parse('2026-11-02T12:00:00Z'));
      for (const name of [busy, idle]) {
        sandbox.seedService(
          `projects/cloud-deployments-sandbox/locations/us-central1/services/${name}`,
          {},
        );
      }
      jest.mocked(Date.now).mockRestore();
      const source = new GcpMonitoringSource({
        accounts: [{ id: 'sandbox', projectId: 'cloud-deployments-sandbox' }],
        sandboxUrl: sandbox.url,
      });
      const request = { deployments, from: '2026-10-30', to: '2026-11-05' };

      const traffic = await source.dailyTraffic(request);

      const full = (day: string) =>
        syntheticDailyTraffic(busy, day, 'requests');
      expect(traffic).toEqual([
        {
          deploymentId: `id-${busy}`,
          day: '2026-11-02',
          amount: Math.round(full('2026-11-02') / 2),
        },
        {
          deploymentId: `id-${busy}`,
          day: '2026-11-03',
          amount: full('2026-11-03'),
        },
        {
          deploymentId: `id-${busy}`,
          day: '2026-11-04',
          amount: full('2026-11-04'),
        },
      ]);
      await expect(source.dailyTraffic(request)).resolves.toEqual(traffic);

      // Set explicitly, and throttled once (retried by the client).
      sandbox.setTraffic(idle, { '2026-11-03': 6 });
      sandbox.throttleNext(1);
      await expect(
        source.dailyTraffic({ ...request, deployments: [deployments[1]] }),
      ).resolves.toEqual([
        { deploymentId: `id-${idle}`, day: '2026-11-03', amount: 6 },
      ]);
      await source.close();
    });
  });
});
