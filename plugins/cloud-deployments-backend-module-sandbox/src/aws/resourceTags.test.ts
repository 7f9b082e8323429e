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
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteModelCommand,
  DeleteTagsCommand,
  DescribeModelCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { SageMakerSandbox } from './SageMakerSandbox';

// What the AWS Terraform provider reads back after every create and on
// every refresh: tags per resource ARN, and the model's container mode and
// network isolation.
describe('SageMakerSandbox tags and model details', () => {
  let sandbox: SageMakerSandbox;
  let client: SageMakerClient;

  beforeEach(async () => {
    sandbox = await SageMakerSandbox.start({ readyAfterMs: 0 });
    client = new SageMakerClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await sandbox.close();
  });

  const tagsOf = async (ResourceArn: string) =>
    (await client.send(new ListTagsCommand({ ResourceArn }))).Tags;

  it('keeps the tags of a create, adds, overwrites and deletes them per ARN, and forgets them with the resource', async () => {
    const { ModelArn } = await client.send(
      new CreateModelCommand({
        ModelName: 'm1',
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
        PrimaryContainer: { Image: 'acme/model:1' },
        Tags: [{ Key: 'team', Value: 'ml' }],
      }),
    );
    const { EndpointConfigArn } = await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'c1',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: 'm1',
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 1,
          },
        ],
      }),
    );
    const { EndpointArn } = await client.send(
      new CreateEndpointCommand({
        EndpointName: 'ep',
        EndpointConfigName: 'c1',
        Tags: [{ Key: 'env', Value: 'prod' }],
      }),
    );
    expect(await tagsOf(ModelArn!)).toEqual([{ Key: 'team', Value: 'ml' }]);
    expect(await tagsOf(EndpointConfigArn!)).toEqual([]);
    expect(await tagsOf(EndpointArn!)).toEqual([{ Key: 'env', Value: 'prod' }]);

    await client.send(
      new AddTagsCommand({
        ResourceArn: ModelArn,
        Tags: [
          { Key: 'team', Value: 'platform' },
          { Key: 'cost', Value: '' },
        ],
      }),
    );
    expect(await tagsOf(ModelArn!)).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'cost', Value: '' },
    ]);
    await client.send(
      new DeleteTagsCommand({ ResourceArn: ModelArn, TagKeys: ['team'] }),
    );
    expect(sandbox.tags(ModelArn!)).toEqual({ cost: '' });

    await client.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    await client.send(new DeleteModelCommand({ ModelName: 'm1' }));
    // Endpoints settle when read: this one is gone, and its tags with it.
    expect(sandbox.endpoints()).toEqual([]);
    expect(sandbox.tags(ModelArn!)).toBeUndefined();
    expect(sandbox.tags(EndpointArn!)).toBeUndefined();
    await expect(tagsOf(ModelArn!)).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('refuses bad tags before it creates anything, and tags for no resource', async () => {
    await expect(
      client.send(
        new CreateModelCommand({
          ModelName: 'm1',
          ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
          PrimaryContainer: { Image: 'acme/model:1' },
          Tags: [{ Key: '', Value: 'x' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(sandbox.models()).toEqual([]);
    await expect(
      client.send(
        new AddTagsCommand({
          ResourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:model/none',
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new DeleteTagsCommand({ ResourceArn: 'x', TagKeys: ['a'] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('describes a model with its container mode and network isolation', async () => {
    await client.send(
      new CreateModelCommand({
        ModelName: 'plain',
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
        PrimaryContainer: { Image: 'acme/model:1' },
      }),
    );
    await client.send(
      new CreateModelCommand({
        ModelName: 'isolated',
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
        PrimaryContainer: { Image: 'acme/model:1', Mode: 'MultiModel' },
        EnableNetworkIsolation: true,
      }),
    );
    const plain = await client.send(
      new DescribeModelCommand({ ModelName: 'plain' }),
    );
    expect(plain).toMatchObject({
      PrimaryContainer: { Image: 'acme/model:1', Mode: 'SingleModel' },
      EnableNetworkIsolation: false,
    });
    const isolated = await client.send(
      new DescribeModelCommand({ ModelName: 'isolated' }),
    );
    expect(isolated).toMatchObject({
      PrimaryContainer: { Mode: 'MultiModel' },
      EnableNetworkIsolation: true,
    });
    await expect(
      client.send(
        new CreateModelCommand({
          ModelName: 'odd',
          ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
          PrimaryContainer: { Image: 'acme/model:1', Mode: 'Sideways' as any },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
