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
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  cloudDeploymentsCostsExtensionPoint,
  cloudDeploymentsMetricsExtensionPoint,
  cloudDeploymentsPricingExtensionPoint,
  cloudDeploymentsProvidersExtensionPoint,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { AwsCloudWatchSource } from './AwsCloudWatchSource';
import { AwsCostExplorerSource } from './AwsCostExplorerSource';
import { AwsPricingSource } from './AwsPricingSource';
import { cloudDeploymentsModuleAws } from './module';
import { SageMakerProvider } from './sagemaker/SageMakerProvider';
import {
  providerContext,
  sageMakerDeployment,
} from './__testUtils__/sageMakerFixtures';
import { page, startFakePricingApi } from './__testUtils__/fakePricingApi';
import { ec2Entry, sageMakerEntry } from './__testUtils__/fixtures';
import {
  costPage,
  dayResult,
  startFakeCostExplorer,
} from './__testUtils__/fakeCostExplorer';
import {
  answerFrom,
  startFakeCloudWatch,
} from './__testUtils__/fakeCloudWatch';

describe('cloudDeploymentsModuleAws', () => {
  async function startWith(data: object, { sandbox = true } = {}) {
    const addPriceSource = jest.fn();
    const addProvider = jest.fn();
    const addActualCostSource = jest.fn();
    const addUsageMetricsSource = jest.fn();
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsModuleAws,
        ...(sandbox ? [sandboxes] : []),
        mockServices.rootConfig.factory({ data }),
        logger.factory,
      ],
      extensionPoints: [
        [cloudDeploymentsPricingExtensionPoint, { addPriceSource }],
        [cloudDeploymentsCostsExtensionPoint, { addActualCostSource }],
        [cloudDeploymentsMetricsExtensionPoint, { addUsageMetricsSource }],
        [cloudDeploymentsProvidersExtensionPoint, { addProvider }],
      ],
    });
    return {
      addPriceSource,
      addProvider,
      addActualCostSource,
      addUsageMetricsSource,
      logger,
      backend,
    };
  }

  it('adds the SageMaker provider in sandbox mode without provider config, and stops the sandbox at shutdown', async () => {
    const { addProvider, logger, backend } = await startWith({});

    expect(addProvider).toHaveBeenCalledTimes(1);
    const [provider] = addProvider.mock.calls[0] as [SageMakerProvider];
    expect(provider).toBeInstanceOf(SageMakerProvider);
    expect(provider).toMatchObject({
      id: 'aws-sagemaker',
      title: 'AWS SageMaker',
      sandbox: true,
    });
    const sandboxLines = logger.info.mock.calls.filter(([message]) =>
      String(message).startsWith('AWS SageMaker is in sandbox mode'),
    );
    expect(sandboxLines).toHaveLength(1);
    expect(sandboxLines[0][0]).toMatch(
      /local simulation of the SageMaker API at http:\/\/127\.0\.0\.1:\d+.*list them under cloudDeployments\.providers\.aws\.accounts/,
    );

    // It talks to the in-process sandbox.
    const { ctx } = providerContext();
    const deployment = sageMakerDeployment();
    await expect(provider.provision(deployment, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });
    await expect(provider.describe(deployment, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });

    await backend.stop();
    await expect(provider.describe(deployment, ctx)).rejects.toMatchObject({
      kind: 'transient',
    });
  });

  it('is off without provider config when no sandbox is installed, and says how to turn it on', async () => {
    const { addProvider, logger, backend } = await startWith(
      {},
      { sandbox: false },
    );

    expect(addProvider).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'AWS SageMaker is off: no accounts are configured and no sandbox is installed. ' +
        'To deploy to real AWS accounts, list them under cloudDeployments.providers.aws.accounts; ' +
        'for a local simulation, add @cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox to the backend',
    );
    await backend.stop();
  });

  it('adds the SageMaker provider for configured accounts, never logging their secrets', async () => {
    const { addProvider, logger } = await startWith({
      cloudDeployments: {
        providers: {
          aws: {
            accounts: [
              {
                id: 'prod',
                executionRoleArn:
                  'arn:aws:iam::210987654321:role/SageMakerExecution',
                accessKeyId: 'AKIAMODULETEST',
                secretAccessKey: 'module-secret-key',
              },
            ],
          },
        },
      },
    });

    const [provider] = addProvider.mock.calls[0] as [SageMakerProvider];
    expect(provider.sandbox).toBe(false);
    expect(logger.info).toHaveBeenCalledWith(
      'AWS SageMaker deploys to account(s) prod',
    );
    const logged = JSON.stringify(logger.info.mock.calls);
    expect(logged).not.toContain('AKIAMODULETEST');
    expect(logged).not.toContain('module-secret-key');
  });

  it('refuses to start with invalid provider config', async () => {
    await expect(
      startWith({
        cloudDeployments: {
          providers: { aws: { accounts: [{ id: 'prod' }] } },
        },
      }),
    ).rejects.toThrow(
      /cloudDeployments\.providers\.aws\.accounts\[0\]\.executionRoleArn: is required/,
    );
  });

  it('adds one AwsPricingSource for the configured regions', async () => {
    const { addPriceSource, logger } = await startWith({
      cloudDeployments: {
        pricing: { aws: { regions: ['us-east-1', 'eu-west-1'] } },
      },
    });

    expect(addPriceSource).toHaveBeenCalledTimes(1);
    const [source] = addPriceSource.mock.calls[0];
    expect(source).toBeInstanceOf(AwsPricingSource);
    expect(source.id).toBe('aws-pricing-api');
    expect(source.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(logger.info).toHaveBeenCalledWith(
      'AWS live pricing is on for us-east-1, eu-west-1 (Pricing API in us-east-1, credentials from the default AWS credential chain)',
    );
  });

  describe('without config', () => {
    const saved = { ...process.env };
    let dir: string;

    beforeEach(async () => {
      // No credentials anywhere in the default chain, and no metadata probe.
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aws-chain-'));
      await fs.writeFile(path.join(dir, 'config'), '');
      await fs.writeFile(path.join(dir, 'credentials'), '');
      for (const key of Object.keys(process.env)) {
        if (key.startsWith('AWS_')) delete process.env[key];
      }
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
    });

    afterEach(async () => {
      process.env = { ...saved };
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('adds the source when the default credential chain resolves', async () => {
      const secret = 'never-log-this-aws-secret';
      process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE01';
      process.env.AWS_SECRET_ACCESS_KEY = secret;

      const { addPriceSource, logger } = await startWith({});

      expect(addPriceSource).toHaveBeenCalledTimes(1);
      const [source] = addPriceSource.mock.calls[0];
      expect(source).toBeInstanceOf(AwsPricingSource);
      expect(source.regions).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
      expect(logger.info).toHaveBeenCalledWith(
        'AWS live pricing is on for us-east-1, us-west-2, eu-west-1 (Pricing API in us-east-1, credentials from the default AWS credential chain)',
      );
      expect(JSON.stringify(logger.info.mock.calls)).not.toContain(secret);
    });

    it('adds none when the chain has no credentials, and says why', async () => {
      const started = Date.now();
      const { addPriceSource, logger } = await startWith({});

      expect(Date.now() - started).toBeLessThan(10_000);
      expect(addPriceSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'No AWS credentials found in the default chain; AWS live pricing is off. ' +
          'Provide credentials or configure cloudDeployments.pricing.aws to turn it on',
      );
    });

    it('adds none when turned off, even with credentials', async () => {
      process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE01';
      process.env.AWS_SECRET_ACCESS_KEY = 'secret';

      const { addPriceSource, logger } = await startWith({
        cloudDeployments: { pricing: { aws: { enabled: false } } },
      });

      expect(addPriceSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'AWS live pricing is off (cloudDeployments.pricing.aws.enabled is false)',
      );
    });
  });

  it('passes endpoint, Pricing API region and credentials on, and never logs secrets', async () => {
    const fake = await startFakePricingApi(request =>
      request.serviceCode === 'AmazonSageMaker'
        ? page([sageMakerEntry()])
        : page([ec2Entry()]),
    );
    try {
      const { addPriceSource, logger } = await startWith({
        cloudDeployments: {
          pricing: {
            aws: {
              regions: ['us-east-1'],
              pricingApiRegion: 'ap-south-1',
              endpoint: fake.endpoint,
              accessKeyId: 'AKIDCONFIG',
              secretAccessKey: 'very-secret-key',
              maxAttempts: 1,
              requestTimeoutMs: 5000,
            },
          },
        },
      });
      const [source] = addPriceSource.mock.calls[0] as [AwsPricingSource];

      const prices = await source.fetchPrices({ regions: source.regions! });

      expect(prices.map(p => p.sku)).toEqual(['ml.m5.large', 'm5.large']);
      expect(fake.problems).toEqual([]);
      expect(fake.requests[0].signedWith).toEqual({
        accessKeyId: 'AKIDCONFIG',
        region: 'ap-south-1',
        service: 'pricing',
      });
      const logged = JSON.stringify([
        logger.info.mock.calls,
        logger.debug.mock.calls,
        logger.warn.mock.calls,
        logger.error.mock.calls,
      ]);
      expect(logged).toContain('credentials from config');
      expect(logged).not.toContain('very-secret-key');
      expect(logged).not.toContain('AKIDCONFIG');
    } finally {
      await fake.close();
    }
  });

  it.each([
    [{ regions: [] }, /list at least one region/],
    [{ regions: ['us-east1'] }, /'us-east1' is not an AWS region code/],
    [
      { regions: ['us-east-1'], accessKeyId: 'AKID' },
      /set both accessKeyId and secretAccessKey/,
    ],
    [
      { regions: ['us-east-1'], maxAttempts: 0 },
      /maxAttempts: expected a positive integer/,
    ],
    [{ enabled: 'no' }, /enabled/],
  ])('refuses to start with invalid config %j', async (aws, message) => {
    await expect(
      startWith({ cloudDeployments: { pricing: { aws } } }),
    ).rejects.toThrow(message);
  });

  describe('AWS Cost Explorer', () => {
    it('is off without config, and says how to turn it on', async () => {
      const { addActualCostSource, logger } = await startWith({});

      expect(addActualCostSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'AWS Cost Explorer actual costs are off; set cloudDeployments.aws.costExplorer.enabled to true to read what SageMaker deployments cost (USD 0.01 per request)',
      );
    });

    it('is off when enabled is false', async () => {
      const { addActualCostSource } = await startWith({
        cloudDeployments: { aws: { costExplorer: { enabled: false } } },
      });
      expect(addActualCostSource).not.toHaveBeenCalled();
    });

    it('adds the source with the default credential chain', async () => {
      const { addActualCostSource, logger } = await startWith({
        cloudDeployments: { aws: { costExplorer: { enabled: true } } },
      });

      expect(addActualCostSource).toHaveBeenCalledTimes(1);
      const [source] = addActualCostSource.mock.calls[0];
      expect(source).toBeInstanceOf(AwsCostExplorerSource);
      expect(source).toMatchObject({
        id: 'aws-cost-explorer',
        metric: 'UnblendedCost',
      });
      expect(logger.info).toHaveBeenCalledWith(
        'AWS Cost Explorer actual costs are on (UnblendedCost, answers kept 12 h, credentials from the default AWS credential chain)',
      );
    });

    it("uses an account's credentials, the endpoint, metric and the backend's cache, and never logs secrets", async () => {
      const fake = await startFakeCostExplorer(() =>
        costPage([
          dayResult(
            '2026-11-01',
            [
              [
                'cloud-deployments-id$5b0c1f7e-3f7a-4d7e-9a51-2f1f4c2b9d10',
                '4.2',
              ],
            ],
            'AmortizedCost',
          ),
        ]),
      );
      try {
        const { addActualCostSource, logger } = await startWith({
          cloudDeployments: {
            providers: {
              aws: {
                accounts: [
                  {
                    id: 'payer',
                    executionRoleArn:
                      'arn:aws:iam::210987654321:role/SageMakerExecution',
                    accessKeyId: 'AKIDCOSTCONFIG',
                    secretAccessKey: 'cost-secret-key',
                  },
                ],
              },
            },
            aws: {
              costExplorer: {
                enabled: true,
                account: 'payer',
                metric: 'AmortizedCost',
                cacheHours: 6,
                endpoint: fake.endpoint,
                maxAttempts: 1,
              },
            },
          },
        });
        const [source] = addActualCostSource.mock.calls[0] as [
          AwsCostExplorerSource,
        ];
        const request = {
          deployments: [sageMakerDeployment()],
          from: '2026-11-01',
          to: '2026-11-02',
        };

        await expect(source.dailyCosts(request)).resolves.toEqual([
          {
            deploymentId: '5b0c1f7e-3f7a-4d7e-9a51-2f1f4c2b9d10',
            day: '2026-11-01',
            amount: 4.2,
            currency: 'USD',
          },
        ]);
        // The second answer comes from the backend's cache service.
        await source.dailyCosts(request);
        expect(fake.requests).toHaveLength(1);
        expect(fake.problems).toEqual([]);
        expect(fake.requests[0].body.Metrics).toEqual(['AmortizedCost']);
        expect(fake.requests[0].signedWith).toEqual({
          accessKeyId: 'AKIDCOSTCONFIG',
          region: 'us-east-1',
          service: 'ce',
        });
        const logged = JSON.stringify([
          logger.info.mock.calls,
          logger.debug.mock.calls,
          logger.warn.mock.calls,
          logger.error.mock.calls,
        ]);
        expect(logger.info).toHaveBeenCalledWith(
          'AWS Cost Explorer actual costs are on (AmortizedCost, answers kept 6 h, credentials from account payer)',
        );
        expect(logged).not.toContain('cost-secret-key');
        expect(logged).not.toContain('AKIDCOSTCONFIG');
      } finally {
        await fake.close();
      }
    });

    it.each([
      [{ metric: 'BlendedCost' }, /costExplorer\.metric/],
      [
        { cacheHours: -1 },
        /costExplorer\.cacheHours: expected 0 or more hours/,
      ],
      [{ endpoint: 'ftp://x' }, /'ftp:\/\/x' is not an http\(s\) URL/],
      [
        { account: 'nope' },
        /costExplorer\.account: no AWS account 'nope' is configured under cloudDeployments\.providers\.aws\.accounts \(configured: sandbox\)/,
      ],
      [{ maxAttempts: 0 }, /maxAttempts: expected a positive integer/],
    ])(
      'refuses to start with invalid config %j',
      async (costExplorer, message) => {
        await expect(
          startWith({
            cloudDeployments: {
              aws: { costExplorer: { enabled: true, ...costExplorer } },
            },
          }),
        ).rejects.toThrow(message);
      },
    );
  });
  describe('Amazon CloudWatch traffic', () => {
    const prod = {
      id: 'prod',
      executionRoleArn: 'arn:aws:iam::210987654321:role/SageMakerExecution',
      accessKeyId: 'AKIDMETRICS',
      secretAccessKey: 'metrics-secret-key',
    };

    it('reads the sandbox in sandbox mode: what the provider deployed there, with the traffic config sets', async () => {
      const { addUsageMetricsSource, addProvider, logger, backend } =
        await startWith({
          cloudDeployments: {
            sandbox: { traffic: { aws: { 'fraud-model': 42 } } },
          },
        });

      expect(addUsageMetricsSource).toHaveBeenCalledTimes(1);
      const [source] = addUsageMetricsSource.mock.calls[0] as [
        AwsCloudWatchSource,
      ];
      expect(source).toBeInstanceOf(AwsCloudWatchSource);
      expect(source).toMatchObject({
        id: 'aws-cloudwatch',
        title: 'Amazon CloudWatch (sandbox)',
      });
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /^AWS SageMaker traffic is read from the sandbox's CloudWatch at http:\/\/127\.0\.0\.1:\d+ \(synthetic daily invocations\); cloudDeployments\.aws\.cloudWatch\.enabled: false turns it off$/,
        ),
      );
      const [provider] = addProvider.mock.calls[0] as [SageMakerProvider];
      const deployment = sageMakerDeployment();
      await provider.provision(deployment, providerContext().ctx);
      // It has existed for a moment.
      await new Promise(resolve => setTimeout(resolve, 5));
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000)
        .toISOString()
        .slice(0, 10);

      await expect(
        source.dailyTraffic({
          deployments: [
            deployment,
            sageMakerDeployment({ id: 'x', name: 'none' }),
          ],
          from: today,
          to: tomorrow,
        }),
      ).resolves.toEqual([
        { deploymentId: deployment.id, day: today, amount: 42 },
      ]);
      await backend.stop();
    });

    it('is off in sandbox mode when enabled is false', async () => {
      const { addUsageMetricsSource } = await startWith({
        cloudDeployments: { aws: { cloudWatch: { enabled: false } } },
      });
      expect(addUsageMetricsSource).not.toHaveBeenCalled();
    });

    it('is off for real accounts without config, and says how to turn it on', async () => {
      const { addUsageMetricsSource, logger } = await startWith({
        cloudDeployments: { providers: { aws: { accounts: [prod] } } },
      });
      expect(addUsageMetricsSource).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(
        'AWS SageMaker traffic is off, so no SageMaker deployment is found idle; set cloudDeployments.aws.cloudWatch.enabled to true ' +
          'to read it from Amazon CloudWatch (GetMetricData, USD 0.01 per 1,000 metrics requested)',
      );
    });

    it('is off when neither accounts nor the sandbox are there', async () => {
      const { addUsageMetricsSource } = await startWith(
        { cloudDeployments: { aws: { cloudWatch: { enabled: true } } } },
        { sandbox: false },
      );
      expect(addUsageMetricsSource).not.toHaveBeenCalled();
    });

    it('reads real accounts with their credentials when enabled, and never logs secrets', async () => {
      const fake = await startFakeCloudWatch(request =>
        answerFrom(request, { 'fraud-model': { '2026-11-01': 9 } }),
      );
      try {
        const { addUsageMetricsSource, logger } = await startWith({
          cloudDeployments: {
            providers: {
              aws: {
                accounts: [
                  prod,
                  {
                    ...prod,
                    id: 'dev',
                    accessKeyId: undefined,
                    secretAccessKey: undefined,
                  },
                ],
              },
            },
            aws: {
              cloudWatch: {
                enabled: true,
                endpoint: fake.endpoint,
                maxAttempts: 1,
              },
            },
          },
        });
        const [source] = addUsageMetricsSource.mock.calls[0] as [
          AwsCloudWatchSource,
        ];
        expect(source.title).toBe('Amazon CloudWatch');

        await expect(
          source.dailyTraffic({
            deployments: [sageMakerDeployment()],
            from: '2026-11-01',
            to: '2026-11-02',
          }),
        ).resolves.toEqual([
          {
            deploymentId: '5b0c1f7e-3f7a-4d7e-9a51-2f1f4c2b9d10',
            day: '2026-11-01',
            amount: 9,
          },
        ]);
        expect(fake.problems).toEqual([]);
        expect(fake.requests[0].signedWith).toEqual({
          accessKeyId: 'AKIDMETRICS',
          region: 'us-east-1',
          service: 'monitoring',
        });
        expect(logger.info).toHaveBeenCalledWith(
          "AWS SageMaker traffic is read from Amazon CloudWatch (AWS/SageMaker Invocations, daily) in each deployment's account and region, " +
            'credentials from prod: the account, dev: the default AWS credential chain; ' +
            'GetMetricData costs USD 0.01 per 1,000 metrics requested (one per deployment and page)',
        );
        const logged = JSON.stringify([
          logger.info.mock.calls,
          logger.debug.mock.calls,
          logger.warn.mock.calls,
          logger.error.mock.calls,
        ]);
        expect(logged).not.toContain('metrics-secret-key');
        expect(logged).not.toContain('AKIDMETRICS');
      } finally {
        await fake.close();
      }
    });

    it.each([
      [{ enabled: 'yes' }, /cloudWatch\.enabled/],
      [{ endpoint: 'ftp://x' }, /'ftp:\/\/x' is not an http\(s\) URL/],
      [{ maxAttempts: 0 }, /maxAttempts: expected a positive integer/],
    ])(
      'refuses to start with invalid config %j',
      async (cloudWatch, message) => {
        await expect(
          startWith({ cloudDeployments: { aws: { cloudWatch } } }),
        ).rejects.toThrow(message);
      },
    );
  });
});
