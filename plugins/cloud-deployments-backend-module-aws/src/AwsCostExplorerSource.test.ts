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
  AwsCostExplorerSource,
  AwsCostExplorerSourceOptions,
} from './AwsCostExplorerSource';
import {
  costError,
  costPage,
  dayResult,
  FakeCostExplorer,
  FakeCostReply,
  ReceivedCostRequest,
  startFakeCostExplorer,
} from './__testUtils__/fakeCostExplorer';
import { sageMakerDeployment } from './__testUtils__/sageMakerFixtures';

const credentials = { accessKeyId: 'AKIDCOSTS', secretAccessKey: 'secret' };
const A = 'dep-a';
const B = 'dep-b';
const deployments = [
  sageMakerDeployment({ id: B }),
  sageMakerDeployment({ id: A }),
];
const key = (id: string) => `cloud-deployments-id$${id}`;
const asked = { deployments, from: '2026-11-01', to: '2026-11-03' };

describe('AwsCostExplorerSource', () => {
  let fake: FakeCostExplorer | undefined;

  async function start(
    reply: (request: ReceivedCostRequest, index: number) => FakeCostReply,
    options: AwsCostExplorerSourceOptions = {},
  ) {
    fake = await startFakeCostExplorer(reply);
    const logger = mockServices.logger.mock();
    const source = new AwsCostExplorerSource({
      endpoint: fake.endpoint,
      credentials,
      logger,
      ...options,
    });
    return { fake, source, logger };
  }

  const twoDays = () =>
    costPage([
      dayResult('2026-11-01', [
        [key(A), '1.2345678901'],
        [key(B), '0.5'],
      ]),
      dayResult('2026-11-02', [[key(A), '2']]),
    ]);

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
      throw new Error(`The fake Cost Explorer got bad requests: ${problems}`);
    }
  });

  it('describes itself as a billed source of SageMaker costs', () => {
    const source = new AwsCostExplorerSource();
    expect(source).toMatchObject({
      id: 'aws-cost-explorer',
      title: 'AWS Cost Explorer',
      providers: ['aws-sagemaker'],
      kind: 'billed',
      metric: 'UnblendedCost',
    });
  });

  it('asks for the daily cost grouped by and filtered on the deployment tag, signed with SigV4 for us-east-1', async () => {
    const { source, logger } = await start(twoDays);

    const costs = await source.dailyCosts(asked);

    expect(costs).toEqual([
      {
        deploymentId: A,
        day: '2026-11-01',
        amount: 1.2345678901,
        currency: 'USD',
      },
      { deploymentId: B, day: '2026-11-01', amount: 0.5, currency: 'USD' },
      { deploymentId: A, day: '2026-11-02', amount: 2, currency: 'USD' },
    ]);
    expect(fake!.requests).toHaveLength(1);
    const [request] = fake!.requests;
    expect(request.body).toEqual({
      TimePeriod: { Start: '2026-11-01', End: '2026-11-03' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'cloud-deployments-id' }],
      Filter: {
        Tags: {
          Key: 'cloud-deployments-id',
          Values: [A, B],
          MatchOptions: ['EQUALS'],
        },
      },
    });
    expect(request.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(request.signedWith).toEqual({
      accessKeyId: 'AKIDCOSTS',
      region: 'us-east-1',
      service: 'ce',
    });
    expect(logger.info).toHaveBeenCalledWith(
      'AWS Cost Explorer: 3 daily figure(s) for 2 deployment(s) from 2026-11-01 to 2026-11-03 (UnblendedCost); 1 page(s) read in 1 request(s)',
    );
    expect(source.requestCount).toBe(1);
  });

  it.each(['AmortizedCost', 'NetUnblendedCost'] as const)(
    'reads the configured metric %s',
    async metric => {
      const { source } = await start(
        () => costPage([dayResult('2026-11-01', [[key(A), '3.5']], metric)]),
        { metric },
      );
      const costs = await source.dailyCosts(asked);

      expect(costs).toEqual([
        { deploymentId: A, day: '2026-11-01', amount: 3.5, currency: 'USD' },
      ]);
      expect(fake!.requests[0].body.Metrics).toEqual([metric]);
    },
  );

  it('refuses a metric it does not know', () => {
    expect(
      () => new AwsCostExplorerSource({ metric: 'BlendedCost' as any }),
    ).toThrow(
      'Unsupported AWS Cost Explorer metric BlendedCost; use one of UnblendedCost, AmortizedCost, NetUnblendedCost',
    );
  });

  it('ignores deployments not asked for and the untagged group', async () => {
    const { source } = await start(() =>
      costPage([
        dayResult('2026-11-01', [
          ['cloud-deployments-id$', '812.40'],
          [key('someone-else'), '7'],
          [key(A), '1'],
        ]),
      ]),
    );

    await expect(source.dailyCosts(asked)).resolves.toEqual([
      { deploymentId: A, day: '2026-11-01', amount: 1, currency: 'USD' },
    ]);
  });

  it('follows NextPageToken over three pages', async () => {
    const { source, logger } = await start(request => {
      switch (request.body.NextPageToken) {
        case undefined:
          return costPage(
            [dayResult('2026-11-01', [[key(A), '1']])],
            'token-2',
          );
        case 'token-2':
          return costPage(
            [dayResult('2026-11-01', [[key(B), '2']])],
            'token-3',
          );
        case 'token-3':
          return costPage([dayResult('2026-11-02', [[key(A), '3']])]);
        default:
          return costError(400, 'InvalidNextTokenException', 'bad token');
      }
    });

    const costs = await source.dailyCosts(asked);

    expect(costs.map(c => [c.deploymentId, c.day, c.amount])).toEqual([
      [A, '2026-11-01', 1],
      [B, '2026-11-01', 2],
      [A, '2026-11-02', 3],
    ]);
    expect(fake!.requests.map(r => r.body.NextPageToken)).toEqual([
      undefined,
      'token-2',
      'token-3',
    ]);
    // Every page asks the same question.
    for (const { body } of fake!.requests) {
      const { NextPageToken: _token, ...question } = body;
      expect(question).toEqual(fake!.requests[0].body);
    }
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/; 3 page\(s\) read in 3 request\(s\)$/),
    );
  });

  it('rejects a NextPageToken that repeats instead of looping', async () => {
    const { source } = await start((_request, index) =>
      costPage(
        index === 0 ? [dayResult('2026-11-01', [[key(A), '1']])] : [],
        'same',
      ),
    );
    await expect(source.dailyCosts(asked)).rejects.toThrow(
      'AWS Cost Explorer returned the same NextPageToken twice from 2026-11-01 to 2026-11-03 (page 2)',
    );
    expect(fake!.requests).toHaveLength(2);
  });

  it('retries throttling (LimitExceededException as 400, then 429) and recovers', async () => {
    const { source, logger } = await start(
      (_request, index) => {
        if (index === 0) {
          return costError(400, 'LimitExceededException', 'Rate exceeded');
        }
        if (index === 1) {
          return costError(429, 'LimitExceededException', 'Too Many Requests');
        }
        return twoDays();
      },
      { maxAttempts: 3 },
    );

    const costs = await source.dailyCosts(asked);

    expect(costs).toHaveLength(3);
    expect(fake!.requests).toHaveLength(3);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/; 1 page\(s\) read in 3 request\(s\)$/),
    );
  });

  it.each([
    [400, 'LimitExceededException'],
    [429, 'TooManyRequestsException'],
  ])(
    'fails clearly when throttling (%i %s) outlasts maxAttempts',
    async (status, type) => {
      const { source, logger } = await start(
        () => costError(status, type, 'Rate exceeded'),
        { maxAttempts: 3 },
      );

      await expect(source.dailyCosts(asked)).rejects.toThrow(
        `AWS Cost Explorer GetCostAndUsage from 2026-11-01 to 2026-11-03 (page 1) failed after 3 attempt(s): ${type}: Rate exceeded`,
      );
      expect(fake!.requests).toHaveLength(3);
      expect(source.requestCount).toBe(3);
      expect(logger.info).not.toHaveBeenCalled();
    },
  );

  it('does not retry an error that is not transient', async () => {
    const { source } = await start(() =>
      costError(400, 'AccessDeniedException', 'not authorized'),
    );

    await expect(source.dailyCosts(asked)).rejects.toThrow(
      /failed after 1 attempt\(s\): AccessDeniedException: not authorized/,
    );
    expect(fake!.requests).toHaveLength(1);
  });

  const good = dayResult('2026-11-01', [[key(A), '1']]);
  it.each([
    [
      'no ResultsByTime',
      { status: 200, body: { GroupDefinitions: [] } },
      'Malformed AWS Cost Explorer answer from 2026-11-01 to 2026-11-03, page 1: no ResultsByTime',
    ],
    [
      'a non-numeric Amount',
      costPage([good, dayResult('2026-11-02', [[key(A), 'n/a']])]),
      'Malformed AWS Cost Explorer answer from 2026-11-01 to 2026-11-03, page 1: UnblendedCost of cloud-deployments-id$dep-a on 2026-11-02 has Amount "n/a", not a number',
    ],
    [
      'an empty Amount',
      costPage([dayResult('2026-11-02', [[key(A), '']])]),
      /has Amount "", not a number/,
    ],
    [
      'no figure for the metric',
      costPage([good, dayResult('2026-11-02', [[key(A), '1']], 'BlendedCost')]),
      /UnblendedCost of cloud-deployments-id\$dep-a on 2026-11-02 has Amount undefined/,
    ],
    [
      'amounts in two units',
      costPage([
        dayResult('2026-11-01', [
          [key(A), '1', 'USD'],
          [key(B), '1', 'EUR'],
        ]),
      ]),
      'Unexpected AWS Cost Explorer answer from 2026-11-01 to 2026-11-03, page 1: amounts in both USD and EUR',
    ],
    [
      'no Unit',
      costPage([dayResult('2026-11-01', [[key(A), '1', '']])]),
      /cloud-deployments-id\$dep-a on 2026-11-01 has no Unit/,
    ],
    [
      'a group key of another tag',
      costPage([dayResult('2026-11-01', [['team$ml', '1']])]),
      /a group of 2026-11-01 has keys \["team\$ml"\], not cloud-deployments-id\$<id>/,
    ],
    [
      'a day outside those asked for',
      costPage([dayResult('2026-11-03', [[key(A), '1']])]),
      /a result for 2026-11-03, outside the days asked for/,
    ],
    [
      'no TimePeriod',
      costPage([{ Groups: [] }]),
      /a result's TimePeriod.Start is undefined, not a day/,
    ],
    [
      'one deployment twice on a day',
      costPage([good, good]),
      /dep-a on 2026-11-01 appears twice/,
    ],
  ])('rejects an answer with %s', async (_name, answer, message) => {
    const { source } = await start(() => answer as FakeCostReply);
    await expect(source.dailyCosts(asked)).rejects.toThrow(message);
  });

  it('rejects a malformed later page rather than return the first', async () => {
    const { source } = await start((_request, index) =>
      index === 0
        ? costPage([good], 'token-2')
        : costPage([dayResult('2026-11-02', [[key(A), 'NaN']])]),
    );
    await expect(source.dailyCosts(asked)).rejects.toThrow(
      /page 2: UnblendedCost of cloud-deployments-id\$dep-a on 2026-11-02 has Amount "NaN"/,
    );
  });

  it('rejects an answer in units that change between pages', async () => {
    const { source } = await start((_request, index) =>
      index === 0
        ? costPage([good], 'token-2')
        : costPage([dayResult('2026-11-02', [[key(A), '1', 'EUR']])]),
    );
    await expect(source.dailyCosts(asked)).rejects.toThrow(
      /page 2: amounts in both USD and EUR/,
    );
  });

  it('keeps an answer for the same days and deployments, and asks again once it expires', async () => {
    const { source, logger } = await start(twoDays, { cacheHours: 12 });
    const first = await source.dailyCosts(asked);

    // Same question, deployments in another order: no request.
    await expect(
      source.dailyCosts({ ...asked, deployments: [...deployments].reverse() }),
    ).resolves.toEqual(first);
    expect(fake!.requests).toHaveLength(1);
    expect(logger.info).toHaveBeenCalledWith(
      'AWS Cost Explorer: 3 daily figure(s) for 2 deployment(s) from 2026-11-01 to 2026-11-03 from the cache; no request made',
    );

    // Another question is asked.
    await source.dailyCosts({ ...asked, deployments: [deployments[0]] });
    await source.dailyCosts({ ...asked, to: '2026-11-04' });
    expect(fake!.requests).toHaveLength(3);

    // 12 hours later, the first is asked again.
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 12 * 3_600_000 + 1000);
    await expect(source.dailyCosts(asked)).resolves.toEqual(first);
    expect(fake!.requests).toHaveLength(4);
    expect(source.requestCount).toBe(4);
  });

  it('asks every time with cacheHours 0', async () => {
    const { source } = await start(twoDays, { cacheHours: 0 });
    await source.dailyCosts(asked);
    await source.dailyCosts(asked);
    expect(fake!.requests).toHaveLength(2);
  });

  it('does not keep a failed answer', async () => {
    const { source } = await start((_request, index) =>
      index === 0 ? costPage([{ Groups: [] }]) : twoDays(),
    );
    await expect(source.dailyCosts(asked)).rejects.toThrow(/TimePeriod/);
    await expect(source.dailyCosts(asked)).resolves.toHaveLength(3);
    expect(fake!.requests).toHaveLength(2);
  });

  it('keeps answers in the cache it is given, for cacheHours', async () => {
    const cache = {
      get: jest.fn(async (_key: string) => undefined),
      set: jest.fn(
        async (_key: string, _value: unknown, _options: unknown) => {},
      ),
    };
    const { source } = await start(twoDays, { cache, cacheHours: 2 });
    const costs = await source.dailyCosts(asked);

    expect(cache.set).toHaveBeenCalledWith(
      expect.stringMatching(/^aws-cost-explorer:[0-9a-f]{64}$/),
      costs,
      { ttl: 2 * 3_600_000 },
    );
    expect(cache.get).toHaveBeenCalledWith(cache.set.mock.calls[0][0]);
  });

  it('makes no request for no deployments or no days', async () => {
    const { source } = await start(twoDays);
    await expect(
      source.dailyCosts({ ...asked, deployments: [] }),
    ).resolves.toEqual([]);
    await expect(
      source.dailyCosts({ ...asked, to: asked.from }),
    ).resolves.toEqual([]);
    expect(fake!.requests).toHaveLength(0);
  });

  it('refuses days that are not YYYY-MM-DD', async () => {
    const { source } = await start(twoDays);
    await expect(
      source.dailyCosts({ ...asked, from: '2026-11-01T00:00:00Z' }),
    ).rejects.toThrow('AWS Cost Explorer needs days as YYYY-MM-DD');
    expect(fake!.requests).toHaveLength(0);
  });

  it('stops when the signal aborts', async () => {
    const { source } = await start(() => 'hang', { requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    await expect(
      source.dailyCosts({ ...asked, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake!.requests).toHaveLength(1);
  });
});
