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
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  ListEndpointsCommand,
  SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerSandbox } from './SageMakerSandbox';

describe('SageMakerSandbox', () => {
  let now: number;
  let sandbox: SageMakerSandbox;
  let client: SageMakerClient;

  beforeEach(async () => {
    now = Date.parse('2026-11-01T10:00:00Z');
    sandbox = await SageMakerSandbox.start({
      readyAfterMs: 1000,
      deleteAfterMs: 500,
      now: () => now,
    });
    client = new SageMakerClient({
      region: 'eu-west-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await sandbox.close();
  });

  async function createEndpoint(name: string, config = `${name}-v1`) {
    await client.send(
      new CreateModelCommand({
        ModelName: config,
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
        PrimaryContainer: { Image: 'acme/model:1' },
      }),
    );
    await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: config,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: config,
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 1,
          },
        ],
      }),
    );
    await client.send(
      new CreateEndpointCommand({
        EndpointName: name,
        EndpointConfigName: config,
      }),
    );
  }

  const status = async (name: string) =>
    (await client.send(new DescribeEndpointCommand({ EndpointName: name })))
      .EndpointStatus;

  it('takes an endpoint through Creating, InService, Updating and Deleting, per region', async () => {
    await createEndpoint('ep');
    const described = await client.send(
      new DescribeEndpointCommand({ EndpointName: 'ep' }),
    );
    expect(described).toMatchObject({
      EndpointName: 'ep',
      EndpointArn: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep',
      EndpointConfigName: 'ep-v1',
      EndpointStatus: 'Creating',
      CreationTime: new Date(now),
    });

    now += 1000;
    expect(await status('ep')).toBe('InService');

    await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'ep-v2',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: 'ep-v1',
            InstanceType: 'ml.c5.xlarge',
            InitialInstanceCount: 2,
          },
        ],
      }),
    );
    await client.send(
      new UpdateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'ep-v2',
      }),
    );
    await expect(
      client.send(new DescribeEndpointCommand({ EndpointName: 'ep' })),
    ).resolves.toMatchObject({
      EndpointStatus: 'Updating',
      EndpointConfigName: 'ep-v1',
      PendingDeploymentSummary: { EndpointConfigName: 'ep-v2' },
    });
    await expect(
      client.send(
        new UpdateEndpointCommand({
          EndpointName: 'ep',
          EndpointConfigName: 'ep-v1',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        'Cannot update in-progress endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep".',
    });
    now += 1000;
    await expect(
      client.send(new DescribeEndpointCommand({ EndpointName: 'ep' })),
    ).resolves.toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: 'ep-v2',
      ProductionVariants: [
        expect.objectContaining({ CurrentInstanceCount: 2 }),
      ],
    });

    await client.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    expect(await status('ep')).toBe('Deleting');
    now += 500;
    await expect(status('ep')).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        'Could not find endpoint "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep".',
      $metadata: { httpStatusCode: 400 },
    });
    expect(sandbox.endpoints()).toEqual([]);
    expect(sandbox.requests[0]).toMatchObject({
      method: 'POST',
      path: '/',
      target: 'SageMaker.CreateModel',
      operation: 'CreateModel',
      region: 'eu-west-1',
      body: expect.objectContaining({ ModelName: 'ep-v1' }),
    });
  });

  it('refuses duplicates, missing references and bad names the way SageMaker does', async () => {
    await createEndpoint('ep');
    await expect(createEndpoint('ep')).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/^Cannot create already existing model/),
    });
    await expect(
      client.send(
        new CreateEndpointCommand({
          EndpointName: 'ep',
          EndpointConfigName: 'ep-v1',
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^Cannot create already existing endpoint/,
      ),
    });
    await expect(
      client.send(
        new CreateEndpointCommand({
          EndpointName: 'ep2',
          EndpointConfigName: 'nope',
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^Could not find endpoint configuration/),
    });
    await expect(
      client.send(
        new CreateEndpointCommand({
          EndpointName: 'bad_name',
          EndpointConfigName: 'ep-v1',
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining("Value 'bad_name' at 'endpointName'"),
    });
    expect(sandbox.endpoints().map(e => e.name)).toEqual(['ep']);
  });

  it('fails a create or an update on request', async () => {
    sandbox.failNextCreate('ep', 'The container exited with code 1');
    await createEndpoint('ep');
    now += 1000;
    await expect(
      client.send(new DescribeEndpointCommand({ EndpointName: 'ep' })),
    ).resolves.toMatchObject({
      EndpointStatus: 'Failed',
      FailureReason: 'The container exited with code 1',
    });

    sandbox.failNextUpdate('ok', 'Out of capacity');
    await createEndpoint('ok');
    now += 1000;
    await client.send(
      new UpdateEndpointCommand({
        EndpointName: 'ok',
        EndpointConfigName: 'ep-v1',
      }),
    );
    now += 1000;
    await expect(
      client.send(new DescribeEndpointCommand({ EndpointName: 'ok' })),
    ).resolves.toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: 'ok-v1',
      FailureReason: 'Out of capacity',
    });
  });

  it('throttles, rejects and hangs requests on request', async () => {
    sandbox.throttle(2, 'ListEndpoints');
    sandbox.reject({
      operation: 'DescribeEndpoint',
      type: 'ServiceUnavailable',
      message: 'Service is unavailable',
      status: 503,
    });
    const list = () => client.send(new ListEndpointsCommand({}));
    await expect(list()).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
    });
    await expect(status('x')).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    await expect(list()).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(list()).resolves.toMatchObject({ Endpoints: [] });

    sandbox.hang(10000);
    const quick = new SageMakerClient({
      region: 'eu-west-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    try {
      await expect(
        quick.send(new ListEndpointsCommand({})),
      ).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      quick.destroy();
    }
    expect(sandbox.requestCount('ListEndpoints')).toBe(4);
  });

  it('lists thousands of endpoints page by page, and loses the ones removed behind the back', async () => {
    for (let i = 0; i < 2500; i++) {
      sandbox.seedEndpoint({
        name: `ep-${String(i).padStart(4, '0')}`,
        configName: `cfg-${i}`,
        region: 'eu-west-1',
      });
    }
    expect(sandbox.removeEndpoint('ep-0042', 'eu-west-1')).toBe(true);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListEndpointsCommand({
          MaxResults: 100,
          NextToken: token,
          SortBy: 'Name',
          SortOrder: 'Ascending',
        }),
      );
      names.push(...page.Endpoints!.map(e => e.EndpointName!));
      expect(page.Endpoints!.every(e => e.EndpointStatus === 'InService')).toBe(
        true,
      );
      token = page.NextToken;
    } while (token);

    expect(names).toHaveLength(2499);
    expect(new Set(names).size).toBe(2499);
    expect(names).not.toContain('ep-0042');
    expect(names[0]).toBe('ep-0000');
    expect(sandbox.requestCount('ListEndpoints')).toBe(25);
    await expect(
      client.send(new ListEndpointsCommand({ MaxResults: 101 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  }, 60_000);
});
