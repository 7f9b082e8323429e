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
  CreateEndpointConfigCommand,
  CreateModelCommand,
  SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  describeUntil,
  providerContext,
  sageMakerDeployment,
} from '../__testUtils__/sageMakerFixtures';
import { SANDBOX_ACCOUNT } from './readSageMakerConfig';
import { SageMakerProvider } from './SageMakerProvider';

// Drift of a SageMaker endpoint changed outside the portal: with the AWS SDK
// (another image and instance type), and scaled (the sandbox's hook for
// UpdateEndpointWeightsAndCapacities); then a destroy that leaves nothing.

describe('SageMaker drift', () => {
  let sandbox: SageMakerSandbox;
  let provider: SageMakerProvider;
  let client: SageMakerClient;

  beforeEach(async () => {
    sandbox = await SageMakerSandbox.start({
      readyAfterMs: 30,
      deleteAfterMs: 30,
    });
    provider = new SageMakerProvider({
      accounts: [SANDBOX_ACCOUNT],
      sandboxUrl: sandbox.url,
    });
    client = new SageMakerClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await provider.close();
    await sandbox.close();
  });

  const isReady = (s: { state: string }) => s.state === 'ready';

  it('reports the instance count, image and instance type an endpoint runs, in describe and describeMany', async () => {
    const deployment = sageMakerDeployment({ compute: { instanceCount: 2 } });
    const { ctx } = providerContext();
    await provider.provision(deployment, ctx);
    expect(
      await describeUntil(provider, deployment, ctx, isReady),
    ).toMatchObject({
      config: {
        instanceCount: 2,
        image: deployment.spec.artifact.image,
        instanceType: 'ml.m5.large',
      },
    });

    expect(sandbox.scaleBehindTheBack('fraud-model', 1)).toBe(true);
    expect(await provider.describe(deployment, ctx)).toMatchObject({
      state: 'ready',
      config: { instanceCount: 1 },
    });

    // Someone rolls their own model out on the portal's endpoint.
    await client.send(
      new CreateModelCommand({
        ModelName: 'theirs',
        ExecutionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
        PrimaryContainer: { Image: 'evil/miner:latest' },
      }),
    );
    await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'theirs',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: 'theirs',
            InstanceType: 'ml.g5.xlarge',
            InitialInstanceCount: 3,
          },
        ],
      }),
    );
    await client.send(
      new UpdateEndpointCommand({
        EndpointName: 'fraud-model',
        EndpointConfigName: 'theirs',
      }),
    );
    const drifted = await describeUntil(
      provider,
      deployment,
      ctx,
      s => (s as any).config?.image === 'evil/miner:latest',
    );
    expect(drifted).toMatchObject({
      config: {
        image: 'evil/miner:latest',
        instanceType: 'ml.g5.xlarge',
        instanceCount: 3,
      },
    });
    expect(
      (await provider.describeMany([deployment], ctx)).get(deployment.id),
    ).toMatchObject({ config: (drifted as any).config });

    // A destroy deletes the endpoint whatever it serves, and the portal's
    // own configurations and models.
    await provider.destroy(deployment, ctx);
    await describeUntil(provider, deployment, ctx, s => s.state === 'absent');
    expect(sandbox.endpoints()).toEqual([]);
    expect(
      sandbox.models().filter(m => m.name.startsWith('fraud-model-')),
    ).toEqual([]);
  });
});
