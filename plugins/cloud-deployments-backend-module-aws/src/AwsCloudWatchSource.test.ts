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
  isIdleInSandbox,
  SageMakerSandbox,
  syntheticDailyTraffic,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  AwsCloudWatchSource,
  AwsCloudWatchSourceOptions,
} from './AwsCloudWatchSource';
import { SageMakerAccount } from './sagemaker/readSageMakerConfig';
import {
  answerFrom,
  FakeCloudWatch,
  FakeMetricReply,
  metricError,
  metricPage,
  metricResult,
  ReceivedMetricRequest,
  startFakeCloudWatch,
} from './__testUtils__/fakeCloudWatch';
import { sageMakerDeployment } from './__testUtils__/sageMakerFixtures';

const ROLE = 'arn:aws:iam::123456789012:role/SageMaker';
const accounts: SageMakerAccount[] = [
  {
    id: 'prod',
    executionRoleArn: ROLE,
    credentials: { accessKeyId: 'AKIDPROD', secretAccessKey: 'prod-secret' },
  },
  {
    id: 'dev',
    executionRoleArn: ROLE,
    credentials: { accessKeyId: 'AKIDDEV', secretAccessKey: 'dev-secret' },
  },
];
const A = sageMakerDeployment({ id: 'dep-a', name: 'fraud-model' });
const B = sageMakerDeployment({
  id: 'dep-b',
  name: 'churn',
  resourceName: 'churn-production',
  region: 'eu-west-1',
});
const C = sageMakerDeployment({ id: 'dep-c', name: 'ranker', account: 'dev' });
const asked = { deployments: [A], from: '2026-11-01', to: '2026-11-04' };
const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

describe('AwsCloudWatchSource', () => {
  let fake: FakeCloudWatch | undefined;

  async function start(
    reply: (request: ReceivedMetricRequest, index: number) => FakeMetricReply,
    options: Partial<AwsCloudWatchSourceOptions> = {},
  ) {
    fake = await startFakeCloudWatch(reply);
    const logger = mockServices.logger.mock();
    const source = new AwsCloudWatchSource({
      accounts,
      endpoint: fake.endpoint,
      logger,
      ...options,
    });
    return { fake, source, logger };
  }

  beforeEach(() => {
    // The SDK's retry backoff is Math.random() × base; 0 keeps tests fast.
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    const problems = fake?.problems ?? [];
    await fake?.close();
    fake = undefined;
    if (problems.length > 0) {
      throw new Error(`The fake CloudWatch got bad requests: ${problems}`);
    }
  });

  it('describes itself as a source of SageMaker invocations, idle at 0', () => {
    const source = new AwsCloudWatchSource({ accounts });
    expect(source).toMatchObject({
      id: 'aws-cloudwatch',
      title: 'Amazon CloudWatch',
      providers: ['aws-sagemaker'],
      metric: { name: 'Invocations', unit: 'requests', idleAtOrBelow: 0 },
    });
    expect(
      new AwsCloudWatchSource({ accounts, sandboxUrl: 'http://127.0.0.1:1' })
        .title,
    ).toBe('Amazon CloudWatch (sandbox)');
  });

  it("asks for each endpoint's daily invocations in its account and region, signed with that account's credentials", async () => {
    const { source, logger } = await start(request =>
      answerFrom(request, {
        'fraud-model': { '2026-11-01': 12, '2026-11-03': 3 },
        'churn-production': { '2026-11-02': 7 },
        ranker: {},
      }),
    );

    const traffic = await source.dailyTraffic({
      ...asked,
      deployments: [A, B, C],
    });

    // A missing day is a day without traffic: it is left out.
    expect(traffic).toEqual([
      { deploymentId: 'dep-a', day: '2026-11-01', amount: 12 },
      { deploymentId: 'dep-a', day: '2026-11-03', amount: 3 },
      { deploymentId: 'dep-b', day: '2026-11-02', amount: 7 },
    ]);
    expect(fake!.requests.map(r => r.signedWith)).toEqual([
      { accessKeyId: 'AKIDPROD', region: 'us-east-1', service: 'monitoring' },
      { accessKeyId: 'AKIDPROD', region: 'eu-west-1', service: 'monitoring' },
      { accessKeyId: 'AKIDDEV', region: 'us-east-1', service: 'monitoring' },
    ]);
    expect(fake!.requests[1].body).toEqual({
      MetricDataQueries: [
        {
          Id: 'q0',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'Invocations',
              Dimensions: [
                // The endpoint carries the deployment's cloud name.
                { Name: 'EndpointName', Value: 'churn-production' },
                { Name: 'VariantName', Value: 'AllTraffic' },
              ],
            },
            Period: 86400,
            Stat: 'Sum',
          },
          ReturnData: true,
        },
      ],
      StartTime: seconds('2026-11-01'),
      EndTime: seconds('2026-11-04'),
      ScanBy: 'TimestampAscending',
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Amazon CloudWatch: 3 daily figure(s) for 3 deployment(s) in 3 account/region(s) from 2026-11-01 to 2026-11-04; 3 request(s), 3 metric(s) requested',
    );
    expect(source.requestCount).toBe(3);
  });

  it('asks for at most 500 endpoints a request', async () => {
    const many = Array.from({ length: 501 }, (_, i) =>
      sageMakerDeployment({ id: `dep-${i}`, name: `model-${i}` }),
    );
    const { source } = await start(request =>
      answerFrom(request, { 'model-500': { '2026-11-02': 1 } }),
    );

    await expect(
      source.dailyTraffic({ ...asked, deployments: many }),
    ).resolves.toEqual([
      { deploymentId: 'dep-500', day: '2026-11-02', amount: 1 },
    ]);
    expect(fake!.requests.map(r => r.body.MetricDataQueries.length)).toEqual([
      500, 1,
    ]);
  });

  it("follows NextToken, joining a query's figures across pages", async () => {
    const { source, logger } = await start(request => {
      switch (request.body.NextToken) {
        case undefined:
          return metricPage(
            [
              metricResult('q0', { '2026-11-01': 1 }, 'PartialData'),
              metricResult('q1', {}),
            ],
            'token-2',
          );
        case 'token-2':
          return metricPage(
            [metricResult('q0', { '2026-11-02': 2 }, 'PartialData')],
            'token-3',
          );
        default:
          return metricPage([metricResult('q0', { '2026-11-03': 3 })]);
      }
    });

    const traffic = await source.dailyTraffic({
      ...asked,
      deployments: [A, sageMakerDeployment({ id: 'dep-d', name: 'd' })],
    });

    expect(traffic.map(t => [t.deploymentId, t.day, t.amount])).toEqual([
      ['dep-a', '2026-11-01', 1],
      ['dep-a', '2026-11-02', 2],
      ['dep-a', '2026-11-03', 3],
    ]);
    expect(fake!.requests.map(r => r.body.NextToken)).toEqual([
      undefined,
      'token-2',
      'token-3',
    ]);
    // Every page asks the same question, and each is charged.
    for (const { body } of fake!.requests) {
      const { NextToken: _token, ...question } = body;
      expect(question).toEqual(fake!.requests[0].body);
    }
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/; 3 request\(s\), 6 metric\(s\) requested$/),
    );
  });

  it('rejects a NextToken that repeats instead of looping', async () => {
    const { source } = await start(() =>
      metricPage([metricResult('q0', {}, 'PartialData')], 'same'),
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      'Amazon CloudWatch returned the same NextToken twice for account prod, region us-east-1 (page 2)',
    );
  });

  it('retries throttling (400 Throttling, then 429) and recovers', async () => {
    const { source, logger } = await start(
      (request, index) => {
        if (index === 0) {
          return metricError(400, 'ThrottlingException', 'Rate exceeded');
        }
        if (index === 1) {
          return metricError(429, 'TooManyRequestsException', 'Slow down');
        }
        return answerFrom(request, { 'fraud-model': { '2026-11-02': 5 } });
      },
      { maxAttempts: 3 },
    );

    await expect(source.dailyTraffic(asked)).resolves.toEqual([
      { deploymentId: 'dep-a', day: '2026-11-02', amount: 5 },
    ]);
    expect(fake!.requests).toHaveLength(3);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/; 3 request\(s\), 1 metric\(s\) requested$/),
    );
  });

  it('fails clearly when throttling outlasts maxAttempts', async () => {
    const { source, logger } = await start(
      () => metricError(400, 'ThrottlingException', 'Rate exceeded'),
      { maxAttempts: 2 },
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      /^Amazon CloudWatch GetMetricData for account prod, region us-east-1 \(page 1\) failed after 2 attempt\(s\): .*Rate exceeded$/,
    );
    expect(fake!.requests).toHaveLength(2);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('does not retry an error that is not transient', async () => {
    const { source } = await start(() =>
      metricError(
        403,
        'AccessDeniedException',
        'not authorized',
        'AccessDenied',
      ),
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      /failed after 1 attempt\(s\): .*not authorized/,
    );
    expect(fake!.requests).toHaveLength(1);
  });

  const good = metricResult('q0', { '2026-11-01': 1 });
  it.each([
    [
      'no MetricDataResults',
      { status: 200, body: { Messages: [] } },
      'Malformed Amazon CloudWatch answer for account prod, region us-east-1, from 2026-11-01 to 2026-11-04, page 1: no MetricDataResults',
    ],
    [
      'a result that was not asked for',
      metricPage([good, metricResult('q7', {})]),
      /page 1: a result for "q7", which was not asked for/,
    ],
    [
      'no result for a query',
      metricPage([]),
      'Incomplete Amazon CloudWatch answer for account prod, region us-east-1, from 2026-11-01 to 2026-11-04: no result for deployment(s) dep-a',
    ],
    [
      'a query that failed',
      metricPage([
        {
          ...metricResult('q0', {}, 'Forbidden'),
          Messages: [
            { Code: 'Forbidden', Value: 'no access to AWS/SageMaker' },
          ],
        },
      ]),
      /the metric of deployment dep-a has status Forbidden \(Forbidden: no access to AWS\/SageMaker\)/,
    ],
    [
      'partial data on the last page',
      metricPage([metricResult('q0', { '2026-11-01': 1 }, 'PartialData')]),
      /Incomplete .*: the metric of deployment dep-a has status PartialData/,
    ],
    [
      'timestamps and values that do not pair up',
      metricPage([{ ...good, Values: [1, 2] }]),
      /the timestamps and values of deployment dep-a do not pair up/,
    ],
    [
      'a figure that is not at a UTC midnight',
      metricPage([{ ...good, Timestamps: [seconds('2026-11-01') + 3600] }]),
      /deployment dep-a has a figure at .*, not a UTC day from 2026-11-01 to 2026-11-04/,
    ],
    [
      'a day outside those asked for',
      metricPage([metricResult('q0', { '2026-11-04': 1 })]),
      /not a UTC day from 2026-11-01 to 2026-11-04/,
    ],
    [
      'a negative figure',
      metricPage([metricResult('q0', { '2026-11-01': -2 })]),
      /deployment dep-a has -2 invocations on 2026-11-01/,
    ],
    [
      'a day twice',
      metricPage([
        {
          ...good,
          Timestamps: [seconds('2026-11-01'), seconds('2026-11-01')],
          Values: [1, 2],
        },
      ]),
      /deployment dep-a has 2026-11-01 twice/,
    ],
  ])('rejects an answer with %s', async (_name, answer, message) => {
    const { source } = await start(() => answer as FakeMetricReply);
    await expect(source.dailyTraffic(asked)).rejects.toThrow(message);
  });

  it('rejects a malformed later page rather than return the first', async () => {
    const { source } = await start((_request, index) =>
      index === 0
        ? metricPage(
            [metricResult('q0', { '2026-11-01': 1 }, 'PartialData')],
            't',
          )
        : { status: 200, body: { MetricDataResults: 'oops' } },
    );
    await expect(source.dailyTraffic(asked)).rejects.toThrow(
      /page 2: no MetricDataResults/,
    );
  });

  it('refuses a deployment in an account that is not configured, before asking anything', async () => {
    const { source } = await start(() => metricPage([]));
    await expect(
      source.dailyTraffic({
        ...asked,
        deployments: [A, sageMakerDeployment({ id: 'x', account: 'gone' })],
      }),
    ).rejects.toThrow(
      "Cannot read the CloudWatch metrics of deployment x: its account 'gone' is not among the configured AWS accounts",
    );
    expect(fake!.requests).toHaveLength(0);
  });

  it('makes no request for no deployments or no days, and refuses days that are not YYYY-MM-DD', async () => {
    const { source } = await start(() => metricPage([]));
    await expect(
      source.dailyTraffic({ ...asked, deployments: [] }),
    ).resolves.toEqual([]);
    await expect(
      source.dailyTraffic({ ...asked, to: asked.from }),
    ).resolves.toEqual([]);
    await expect(
      source.dailyTraffic({ ...asked, from: '2026-11-01T00:00:00Z' }),
    ).rejects.toThrow('Amazon CloudWatch needs days as YYYY-MM-DD');
    expect(fake!.requests).toHaveLength(0);
  });

  it('stops when the signal aborts', async () => {
    const { source } = await start(() => 'hang', { requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      source.dailyTraffic({ ...asked, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  describe('against the SageMaker sandbox', () => {
    let sandbox: SageMakerSandbox;
    let now: number;
    afterEach(() => sandbox.close());

    it('reads its synthetic traffic: deterministic, idle endpoints at 0, nothing before an endpoint existed', async () => {
      now = Date.parse('2026-11-02T12:00:00Z');
      sandbox = await SageMakerSandbox.start({ now: () => now });
      const names = Array.from({ length: 30 }, (_, i) => `model-${i}`);
      const busy = names.find(n => !isIdleInSandbox(n))!;
      const idle = names.find(n => isIdleInSandbox(n))!;
      const deployments = [busy, idle].map(name =>
        sageMakerDeployment({ id: `id-${name}`, name }),
      );
      for (const d of deployments) {
        sandbox.seedEndpoint({ name: d.name, configName: `${d.name}-rev` });
      }
      now = Date.parse('2026-11-05T00:00:00Z');
      const source = new AwsCloudWatchSource({
        accounts: [{ id: 'sandbox', executionRoleArn: ROLE }],
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
        { deploymentId: `id-${idle}`, day: '2026-11-02', amount: 0 },
        { deploymentId: `id-${idle}`, day: '2026-11-03', amount: 0 },
        { deploymentId: `id-${idle}`, day: '2026-11-04', amount: 0 },
      ]);
      await expect(source.dailyTraffic(request)).resolves.toEqual(traffic);

      // Set explicitly, and throttled once (retried by the SDK).
      sandbox.setTraffic(busy, { '2026-11-03': 17 });
      sandbox.throttle(1, 'GetMetricData');
      await expect(
        source.dailyTraffic({ ...request, deployments: [deployments[0]] }),
      ).resolves.toEqual([
        { deploymentId: `id-${busy}`, day: '2026-11-03', amount: 17 },
      ]);
      expect(sandbox.requestCount('GetMetricData')).toBe(4);
      source.close();
    });
  });
});
