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
import { SageMakerSandbox } from './SageMakerSandbox';

// The wire as @aws-sdk/client-cloudwatch sends it (the module's tests run
// the real client against the sandbox).
const DAY_S = 86_400;
const seconds = (iso: string) => Date.parse(iso) / 1000;
const names = Array.from({ length: 40 }, (_, i) => `endpoint-${i}`);
const busy = names.find(n => !isIdleInSandbox(n))!;
const idle = names.find(n => isIdleInSandbox(n))!;

function invocations(id: string, endpointName: string, variant = 'AllTraffic') {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocations',
        Dimensions: [
          { Name: 'EndpointName', Value: endpointName },
          { Name: 'VariantName', Value: variant },
        ],
      },
      Period: DAY_S,
      Stat: 'Sum',
    },
    ReturnData: true,
  };
}

describe('SageMakerSandbox as CloudWatch', () => {
  let now: number;
  let sandbox: SageMakerSandbox;

  beforeEach(async () => {
    now = Date.parse('2026-11-01T06:00:00Z');
    sandbox = await SageMakerSandbox.start({ readyAfterMs: 0, now: () => now });
  });

  afterEach(() => sandbox.close());

  async function getMetricData(
    body: Record<string, unknown>,
    options: { region?: string; contentType?: string } = {},
  ) {
    const res = await fetch(sandbox.url, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData',
        'x-amzn-query-mode': 'true',
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261105/${
          options.region ?? 'us-east-1'
        }/monitoring/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      queryError: res.headers.get('x-amzn-query-error'),
      body: (await res.json()) as any,
    };
  }

  const week = {
    StartTime: seconds('2026-11-01T00:00:00Z'),
    EndTime: seconds('2026-11-08T00:00:00Z'),
  };

  it('answers the daily Invocations of each endpoint for the days it existed, idle ones at 0', async () => {
    sandbox.seedEndpoint({ name: busy, configName: `${busy}-v1` });
    sandbox.seedEndpoint({ name: idle, configName: `${idle}-v1` });
    now = Date.parse('2026-11-04T12:00:00Z');

    const { status, contentType, body } = await getMetricData({
      ...week,
      MetricDataQueries: [
        invocations('busy', busy),
        invocations('idle', idle),
        invocations('gone', 'no-such-endpoint'),
        invocations('other', busy, 'Canary'),
      ],
      ScanBy: 'TimestampAscending',
    });

    expect(status).toBe(200);
    expect(contentType).toBe('application/x-amz-json-1.0');
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];
    const full = (day: string) => syntheticDailyTraffic(busy, day, 'requests');
    expect(body.MetricDataResults).toEqual([
      {
        Id: 'busy',
        Label: 'Invocations',
        Timestamps: days.map(d => seconds(`${d}T00:00:00Z`)),
        // Created at 06:00 on the first day; the last one is half over.
        Values: [
          Math.round(full(days[0]) * 0.75),
          full(days[1]),
          full(days[2]),
          Math.round(full(days[3]) * 0.5),
        ],
        StatusCode: 'Complete',
      },
      {
        Id: 'idle',
        Label: 'Invocations',
        Timestamps: days.map(d => seconds(`${d}T00:00:00Z`)),
        Values: [0, 0, 0, 0],
        StatusCode: 'Complete',
      },
      // CloudWatch has no data for what does not exist.
      {
        Id: 'gone',
        Label: 'Invocations',
        Timestamps: [],
        Values: [],
        StatusCode: 'Complete',
      },
      {
        Id: 'other',
        Label: 'Invocations',
        Timestamps: [],
        Values: [],
        StatusCode: 'Complete',
      },
    ]);
    expect(body.NextToken).toBeUndefined();
    expect(sandbox.requestCount('GetMetricData')).toBe(1);

    // The same question, the same answer.
    const again = await getMetricData({
      ...week,
      MetricDataQueries: [invocations('busy', busy)],
      ScanBy: 'TimestampAscending',
    });
    expect(again.body.MetricDataResults[0].Values).toEqual(
      body.MetricDataResults[0].Values,
    );
  });

  it('answers newest first by default, and only in the region of the signature', async () => {
    sandbox.seedEndpoint({ name: busy, configName: 'c', region: 'eu-west-1' });
    now = Date.parse('2026-11-03T00:00:00Z');
    const query = { ...week, MetricDataQueries: [invocations('q', busy)] };

    const inRegion = await getMetricData(query, { region: 'eu-west-1' });
    expect(inRegion.body.MetricDataResults[0].Timestamps).toEqual([
      seconds('2026-11-02T00:00:00Z'),
      seconds('2026-11-01T00:00:00Z'),
    ]);
    const elsewhere = await getMetricData(query, { region: 'us-east-1' });
    expect(elsewhere.body.MetricDataResults[0].Timestamps).toEqual([]);
  });

  it('serves the traffic set explicitly', async () => {
    sandbox.seedEndpoint({ name: busy, configName: 'c' });
    now = Date.parse('2026-11-03T00:00:00Z');
    sandbox.setTraffic(busy, { '2026-11-02': 42 });

    const { body } = await getMetricData({
      ...week,
      MetricDataQueries: [invocations('q', busy)],
    });
    expect(body.MetricDataResults[0]).toMatchObject({
      Timestamps: [seconds('2026-11-02T00:00:00Z')],
      Values: [42],
    });
  });

  it('pages by MaxDatapoints with a NextToken', async () => {
    for (const name of names.slice(0, 3)) {
      sandbox.seedEndpoint({ name, configName: `${name}-c` });
    }
    now = Date.parse('2026-11-04T00:00:00Z');
    const question = {
      ...week,
      MetricDataQueries: names
        .slice(0, 3)
        .map((n, i) => invocations(`q${i}`, n)),
      MaxDatapoints: 4,
    };

    const pages: any[] = [];
    let token: string | undefined;
    do {
      const { body } = await getMetricData({ ...question, NextToken: token });
      pages.push(body);
      token = body.NextToken;
    } while (token && pages.length < 10);

    expect(pages).toHaveLength(3);
    expect(
      pages.map(p =>
        p.MetricDataResults.map((r: any) => [
          r.Id,
          r.Values.length,
          r.StatusCode,
        ]),
      ),
    ).toEqual([
      [
        ['q0', 3, 'Complete'],
        ['q1', 1, 'PartialData'],
      ],
      [
        ['q1', 2, 'Complete'],
        ['q2', 2, 'PartialData'],
      ],
      [['q2', 1, 'Complete']],
    ]);

    const bad = await getMetricData({ ...question, NextToken: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.__type).toBe('InvalidNextToken');
  });

  it.each([
    [
      'a period other than a day',
      { Period: 3600 },
      /serves daily sums only \(Period 86400\)/,
    ],
    ['no metric', { Metric: undefined }, /MetricName is required/],
  ])('refuses %s', async (_name, change, message) => {
    const query = invocations('q', busy);
    const { status, body, queryError } = await getMetricData({
      ...week,
      MetricDataQueries: [
        { ...query, MetricStat: { ...query.MetricStat, ...change } },
      ],
    });
    expect(status).toBe(400);
    expect(body.__type).toBe('InvalidParameterValueException');
    expect(body.message).toMatch(message);
    expect(queryError).toBe('InvalidParameterValue;Sender');
  });

  it('refuses a start that is not a UTC midnight, and duplicate ids', async () => {
    const offDay = await getMetricData({
      ...week,
      StartTime: week.StartTime + 3600,
      MetricDataQueries: [invocations('q', busy)],
    });
    expect(offDay.body.message).toMatch(/StartTime must be 00:00:00Z/);
    const twice = await getMetricData({
      ...week,
      MetricDataQueries: [invocations('q', busy), invocations('q', idle)],
    });
    expect(twice.body.message).toMatch(/must be unique/);
  });

  it('says which protocol it speaks when sent another', async () => {
    const { status, body } = await getMetricData(
      { ...week, MetricDataQueries: [invocations('q', busy)] },
      { contentType: 'application/cbor' },
    );
    expect(status).toBe(400);
    expect(body.message).toMatch(
      /CloudWatch speaks awsJson1_0 \(Content-Type application\/x-amz-json-1\.0\), got application\/cbor/,
    );
  });

  it('throttles CloudWatch requests like SageMaker ones, with the awsQuery error code', async () => {
    sandbox.throttle(1, 'GetMetricData');
    const throttled = await getMetricData({
      ...week,
      MetricDataQueries: [invocations('q', busy)],
    });
    expect(throttled.status).toBe(400);
    expect(throttled.body.__type).toBe('ThrottlingException');
    expect(throttled.queryError).toBe('Throttling;Sender');
    const next = await getMetricData({
      ...week,
      MetricDataQueries: [invocations('q', busy)],
    });
    expect(next.status).toBe(200);
  });
});
