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
import { RateLimiter } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AwsPricingSource, AwsPricingSourceOptions } from './AwsPricingSource';
import {
  awsError,
  FakePricingApi,
  FakeReply,
  page,
  ReceivedRequest,
  startFakePricingApi,
} from './__testUtils__/fakePricingApi';
import {
  ec2Entry,
  SAGEMAKER_SAMPLE_ENTRY,
  sageMakerEntry,
} from './__testUtils__/fixtures';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

describe('AwsPricingSource', () => {
  let fake: FakePricingApi | undefined;

  async function start(
    reply: (request: ReceivedRequest, index: number) => FakeReply,
    options: AwsPricingSourceOptions = {},
  ) {
    fake = await startFakePricingApi(reply);
    const source = new AwsPricingSource({
      endpoint: fake.endpoint,
      credentials,
      // No waiting in tests unless a test is about waiting.
      rateLimiter: { take: async () => {} },
      ...options,
    });
    return { fake, source };
  }

  /** One page per service: the SageMaker and EC2 samples. */
  const samples = (request: ReceivedRequest) =>
    request.serviceCode === 'AmazonSageMaker'
      ? page([sageMakerEntry({ region: request.region })])
      : page([ec2Entry({ regionCode: request.region })]);

  beforeEach(() => {
    // The SDK's retry backoff is Math.random() × base; 0 keeps tests fast.
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    // The fake checks every request (target, signature, ServiceCode,
    // filters, MaxResults); none may have been wrong.
    const problems = fake?.problems ?? [];
    await fake?.close();
    fake = undefined;
    if (problems.length > 0) {
      throw new Error(`The fake Pricing API got bad requests: ${problems}`);
    }
  });

  it('describes itself as the AWS price source', () => {
    const source = new AwsPricingSource({ regions: ['eu-west-1'] });
    expect(source.id).toBe('aws-pricing-api');
    expect(source.provider).toBe('aws');
    expect(source.regions).toEqual(['eu-west-1']);
  });

  it('normalises the sample responses and sends the exact filters', async () => {
    const { source } = await start((request, index) => {
      if (request.serviceCode === 'AmazonSageMaker') {
        // The unmodified shared sample, with only its placeholders filled.
        const sample = SAGEMAKER_SAMPLE_ENTRY.replaceAll('<SKU>', 'SMSKU')
          .replaceAll('<ISO date>', '2026-07-01T00:00:00Z')
          .replaceAll('<ts>', '20260701000000')
          .replaceAll('<text>', 'x');
        return page([sample]);
      }
      expect(index).toBe(1);
      return page([ec2Entry()]);
    });

    const prices = await source.fetchPrices({ regions: ['us-east-1'] });

    expect(prices).toEqual([
      {
        provider: 'aws',
        service: 'AmazonSageMaker',
        region: 'us-east-1',
        sku: 'ml.m5.large',
        unit: 'hour',
        usd: 0.115,
        effectiveDate: '2026-07-01',
        source: 'live',
        origin: 'AWS Pricing API',
      },
      {
        provider: 'aws',
        service: 'AmazonEC2',
        region: 'us-east-1',
        sku: 'm5.large',
        unit: 'hour',
        usd: 0.096,
        effectiveDate: '2020-07-01',
        source: 'live',
        origin: 'AWS Pricing API',
      },
    ]);
    // The fake checked target, content type, signature, MaxResults and the
    // exact filters of each service.
    expect(fake!.problems).toEqual([]);
    expect(fake!.requests).toEqual([
      {
        serviceCode: 'AmazonSageMaker',
        region: 'us-east-1',
        signedWith: {
          accessKeyId: 'AKIDTEST',
          region: 'us-east-1',
          service: 'pricing',
        },
      },
      {
        serviceCode: 'AmazonEC2',
        region: 'us-east-1',
        signedWith: {
          accessKeyId: 'AKIDTEST',
          region: 'us-east-1',
          service: 'pricing',
        },
      },
    ]);
  });

  it('asks for every requested region once and signs for the Pricing API region', async () => {
    const { source } = await start(
      request =>
        request.serviceCode === 'AmazonSageMaker'
          ? page([])
          : page([ec2Entry({ regionCode: request.region })]),
      { region: 'eu-central-1' },
    );

    const prices = await source.fetchPrices({
      regions: ['eu-west-1', 'ap-south-1', 'eu-west-1'],
    });

    expect(prices.map(p => [p.region, p.sku])).toEqual([
      ['eu-west-1', 'm5.large'],
      ['ap-south-1', 'm5.large'],
    ]);
    expect(fake!.problems).toEqual([]);
    expect(fake!.requests.map(r => [r.serviceCode, r.region])).toEqual([
      ['AmazonSageMaker', 'eu-west-1'],
      ['AmazonEC2', 'eu-west-1'],
      ['AmazonSageMaker', 'ap-south-1'],
      ['AmazonEC2', 'ap-south-1'],
    ]);
    expect(new Set(fake!.requests.map(r => r.signedWith.region))).toEqual(
      new Set(['eu-central-1']),
    );
  });

  it('keeps only real-time hosting ml.* instances of SageMaker', async () => {
    const { source } = await start(request =>
      request.serviceCode === 'AmazonSageMaker'
        ? page([
            sageMakerEntry({ instance: 'ml.g5.xlarge', usd: '1.4080000000' }),
            sageMakerEntry({
              instance: 'ml.m5.large',
              usagetype: 'USE1-AsyncInf:ml.m5.large',
            }),
            sageMakerEntry({
              instance: 'ml.m5.large',
              usagetype: 'USE1-ServerlessInf:Mem-4GB',
            }),
            sageMakerEntry({
              instance: 'Mem-4GB',
              usagetype: 'USE1-Host:Mem-4GB',
            }),
          ])
        : page([]),
    );

    const prices = await source.fetchPrices({ regions: ['us-east-1'] });

    expect(prices.map(p => [p.service, p.sku, p.usd])).toEqual([
      ['AmazonSageMaker', 'ml.g5.xlarge', 1.408],
    ]);
  });

  it('follows NextToken over three pages', async () => {
    const { source } = await start(request => {
      if (request.serviceCode === 'AmazonSageMaker') {
        return page([sageMakerEntry()]);
      }
      switch (request.nextToken) {
        case undefined:
          return page([ec2Entry({ instanceType: 'm5.large' })], 'token-2');
        case 'token-2':
          return page(
            [
              ec2Entry({ instanceType: 'm5.xlarge', usd: '0.1920000000' }),
              ec2Entry({ instanceType: 'c5.large', usd: '0.0850000000' }),
            ],
            'token-3',
          );
        case 'token-3':
          return page([
            ec2Entry({ instanceType: 't3.micro', usd: '0.0104000000' }),
          ]);
        default:
          return awsError(400, 'InvalidNextTokenException', 'bad token');
      }
    });

    const prices = await source.fetchPrices({ regions: ['us-east-1'] });

    expect(prices.map(p => [p.sku, p.usd])).toEqual([
      ['ml.m5.large', 0.115],
      ['m5.large', 0.096],
      ['m5.xlarge', 0.192],
      ['c5.large', 0.085],
      ['t3.micro', 0.0104],
    ]);
    expect(fake!.problems).toEqual([]);
    expect(
      fake!.requests
        .filter(r => r.serviceCode === 'AmazonEC2')
        .map(r => r.nextToken),
    ).toEqual([undefined, 'token-2', 'token-3']);
  });

  it('rejects a NextToken that repeats instead of looping', async () => {
    const { source } = await start(() => page([], 'same'));
    await expect(
      source.fetchPrices({ regions: ['us-east-1'] }),
    ).rejects.toThrow(/same NextToken twice/);
  });

  it('retries throttling (ThrottlingException, 429) twice, then succeeds', async () => {
    const { source } = await start(
      (request, index) => {
        if (index === 0) {
          return awsError(400, 'ThrottlingException', 'Rate exceeded');
        }
        if (index === 1) {
          return awsError(429, 'ThrottlingException', 'Too Many Requests');
        }
        return samples(request);
      },
      { maxAttempts: 4 },
    );

    const prices = await source.fetchPrices({ regions: ['us-east-1'] });

    expect(prices.map(p => p.sku)).toEqual(['ml.m5.large', 'm5.large']);
    expect(fake!.problems).toEqual([]);
    expect(fake!.requests.map(r => r.serviceCode)).toEqual([
      'AmazonSageMaker',
      'AmazonSageMaker',
      'AmazonSageMaker',
      'AmazonEC2',
    ]);
  });

  it('retries a 5xx, then succeeds', async () => {
    const { source } = await start((request, index) =>
      index === 1
        ? awsError(503, 'InternalErrorException', 'Service Unavailable')
        : samples(request),
    );

    const prices = await source.fetchPrices({ regions: ['us-east-1'] });

    expect(prices.map(p => p.sku)).toEqual(['ml.m5.large', 'm5.large']);
    expect(fake!.requests.map(r => r.serviceCode)).toEqual([
      'AmazonSageMaker',
      'AmazonEC2',
      'AmazonEC2',
    ]);
  });

  it('gives up when throttling outlasts maxAttempts', async () => {
    const { source } = await start(
      () => awsError(429, 'ThrottlingException', 'Rate exceeded'),
      { maxAttempts: 2 },
    );

    await expect(
      source.fetchPrices({ regions: ['us-east-1'] }),
    ).rejects.toThrow(
      'AWS Pricing API GetProducts for AmazonSageMaker in us-east-1 failed after 2 attempt(s): ThrottlingException: Rate exceeded',
    );
    expect(fake!.requests).toHaveLength(2);
  });

  it('does not retry an error that is not transient', async () => {
    const { source } = await start(() =>
      awsError(400, 'AccessDeniedException', 'not authorized'),
    );

    await expect(
      source.fetchPrices({ regions: ['us-east-1'] }),
    ).rejects.toThrow(/AccessDeniedException: not authorized/);
    expect(fake!.requests).toHaveLength(1);
  });

  it.each([
    ['bad JSON', '{"product": ', /not valid JSON/],
    [
      'no USD price',
      ec2Entry().replace('"USD":"0.0960000000"', '"EUR":"0.09"'),
      /entry 2 of the AmazonEC2 price list in us-east-1, page 1 \(m5\.large\): no USD price/,
    ],
    [
      'a USD price that is not a number',
      ec2Entry({ usd: 'n/a' }),
      /no USD price/,
    ],
    [
      'no OnDemand term',
      ec2Entry().replace('"OnDemand"', '"Other"'),
      /no OnDemand term/,
    ],
    ['no product', '{"terms":{}}', /no product/],
    [
      'an unexpected unit',
      ec2Entry().replace('"Hrs"', '"GB-Mo"'),
      /unexpected unit "GB-Mo"/,
    ],
  ])('rejects a malformed entry: %s', async (_name, entry, message) => {
    const { source } = await start(request =>
      request.serviceCode === 'AmazonSageMaker'
        ? page([])
        : page([ec2Entry({ instanceType: 'c5.large' }), entry]),
    );

    await expect(
      source.fetchPrices({ regions: ['us-east-1'] }),
    ).rejects.toThrow(message);
  });

  it('rejects two different prices for one instance type', async () => {
    const { source } = await start(request =>
      request.serviceCode === 'AmazonSageMaker'
        ? page([])
        : page([ec2Entry(), ec2Entry({ usd: '0.2000000000' })]),
    );

    await expect(
      source.fetchPrices({ regions: ['us-east-1'] }),
    ).rejects.toThrow(/m5\.large costs both 0\.096 and 0\.2 USD an hour/);
  });

  it('skips $0 placeholder rows', async () => {
    const { source } = await start(request =>
      request.serviceCode === 'AmazonSageMaker'
        ? page([
            sageMakerEntry({ instance: 'ml.p5.48xlarge', usd: '0.0000000000' }),
          ])
        : page([ec2Entry(), ec2Entry({ instanceType: 'x9.huge', usd: '0' })]),
    );

    const prices = await source.fetchPrices({ regions: ['us-east-1'] });

    expect(prices.map(p => p.sku)).toEqual(['m5.large']);
  });

  it('rejects after the request timeout when the API never answers', async () => {
    const { source } = await start(() => 'hang', {
      requestTimeoutMs: 300,
      maxAttempts: 2,
    });

    const startedAt = Date.now();
    await expect(
      source.fetchPrices({ regions: ['us-east-1'] }),
    ).rejects.toThrow(
      /GetProducts for AmazonSageMaker in us-east-1 failed after 2 attempt\(s\): TimeoutError: .*300 ms/,
    );
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(3000);
    expect(fake!.requests).toHaveLength(2);
  });

  it('stops when the signal aborts', async () => {
    const { source } = await start(() => 'hang', { requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const startedAt = Date.now();
    await expect(
      source.fetchPrices({
        regions: ['us-east-1'],
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(fake!.requests).toHaveLength(1);
  });

  it('takes a rate limiter token for every HTTP request, retries included', async () => {
    const take = jest.fn(async () => {});
    const { source } = await start(
      (request, index) =>
        index === 0
          ? awsError(400, 'ThrottlingException', 'Rate exceeded')
          : samples(request),
      { rateLimiter: { take } },
    );

    await source.fetchPrices({ regions: ['us-east-1', 'eu-west-1'] });

    // 1 throttled + 4 successful requests.
    expect(fake!.requests).toHaveLength(5);
    expect(take).toHaveBeenCalledTimes(5);
  });

  it('paces requests with requestsPerSecond, shared across calls', async () => {
    fake = await startFakePricingApi(samples);
    const source = new AwsPricingSource({
      endpoint: fake.endpoint,
      credentials,
      requestsPerSecond: 5,
    });

    const startedAt = Date.now();
    // 4 requests, then 4 more in a second call: the bucket holds 5, so the
    // 6th to 8th requests wait 200 ms each.
    await source.fetchPrices({ regions: ['us-east-1', 'eu-west-1'] });
    await source.fetchPrices({ regions: ['us-east-1', 'eu-west-1'] });

    expect(fake.requests).toHaveLength(8);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(550);
  });

  it('uses a RateLimiter passed in', async () => {
    const limiter = new RateLimiter({ perSecond: 1000 });
    const take = jest.spyOn(limiter, 'take');
    const { source } = await start(samples, { rateLimiter: limiter });

    await source.fetchPrices({ regions: ['us-east-1'] });

    expect(take).toHaveBeenCalledTimes(2);
  });
});
