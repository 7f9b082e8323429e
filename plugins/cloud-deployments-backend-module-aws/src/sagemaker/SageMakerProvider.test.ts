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
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  describeUntil,
  providerContext,
  sageMakerDeployment,
} from '../__testUtils__/sageMakerFixtures';
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  DEPLOYMENT_ID_TAG,
  MANAGED_BY,
  MANAGED_BY_TAG,
} from '../deploymentTags';
import { SANDBOX_ACCOUNT } from './readSageMakerConfig';
import { resourceNames } from './resourceNames';
import {
  SageMakerProvider,
  SageMakerProviderOptions,
} from './SageMakerProvider';

describe('SageMakerProvider', () => {
  let sandbox: SageMakerSandbox;
  let provider: SageMakerProvider;

  function start(options: Partial<SageMakerProviderOptions> = {}) {
    provider = new SageMakerProvider({
      accounts: [SANDBOX_ACCOUNT],
      sandboxUrl: sandbox.url,
      ...options,
    });
    return provider;
  }

  beforeEach(async () => {
    sandbox = await SageMakerSandbox.start({
      readyAfterMs: 30,
      deleteAfterMs: 300,
    });
  });

  afterEach(async () => {
    await provider?.close();
    await sandbox.close();
  });

  const isReady = (s: { state: string }) => s.state === 'ready';

  it('provisions a model, an endpoint configuration and an endpoint, and reports it ready', async () => {
    start();
    const deployment = sageMakerDeployment();
    const { ctx, lines } = providerContext();

    await expect(provider.provision(deployment, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Creating',
    });
    const ready = await describeUntil(provider, deployment, ctx, isReady);

    const { revision } = resourceNames(deployment, {
      ...deployment.spec.artifact,
      ...deployment.spec.compute,
      executionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
    });
    const url =
      'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/fraud-model/invocations';
    expect(ready).toEqual({
      state: 'ready',
      endpoint: url,
      outputs: {
        endpointName: 'fraud-model',
        endpointArn:
          'arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-model',
        endpointConfigName: revision,
        modelName: revision,
        region: 'us-east-1',
        account: 'sandbox',
        accountId: '123456789012',
        invocationUrl: url,
      },
      config: {
        image: deployment.spec.artifact.image,
        instanceType: 'ml.m5.large',
        instanceCount: 1,
      },
    });
    expect(revision).toMatch(/^fraud-model-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(sandbox.models()).toEqual([
      expect.objectContaining({
        name: revision,
        image: deployment.spec.artifact.image,
        modelDataUrl: 's3://models/fraud/model.tar.gz',
        executionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
      }),
    ]);
    expect(sandbox.endpointConfigs()[0].variants).toEqual([
      {
        variantName: 'AllTraffic',
        modelName: revision,
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
      },
    ]);
    expect(sandbox.requests.map(r => r.operation).slice(0, 6)).toEqual([
      'DescribeEndpoint',
      'DescribeModel',
      'CreateModel',
      'DescribeEndpointConfig',
      'CreateEndpointConfig',
      'CreateEndpoint',
    ]);
    expect(sandbox.requests.every(r => r.region === 'us-east-1')).toBe(true);
    expect(lines).toEqual([
      `Created SageMaker model ${revision}`,
      `Created SageMaker endpoint configuration ${revision} (1 × ml.m5.large)`,
      'Creating SageMaker endpoint fraud-model in us-east-1',
    ]);
  });

  it('tags the model, endpoint configuration and endpoint with the deployment id', async () => {
    start();
    const deployment = sageMakerDeployment();
    const { ctx } = providerContext();

    await provider.provision(deployment, ctx);
    await describeUntil(provider, deployment, ctx, isReady);

    // Read back through the real SDK, as Cost Explorer and the console see them.
    const client = new SageMakerClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDTAGS', secretAccessKey: 'secret' },
    });
    try {
      const { revision } = resourceNames(deployment, {
        ...deployment.spec.artifact,
        ...deployment.spec.compute,
        executionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
      });
      const arns = [
        (await client.send(new DescribeModelCommand({ ModelName: revision })))
          .ModelArn,
        (
          await client.send(
            new DescribeEndpointConfigCommand({ EndpointConfigName: revision }),
          )
        ).EndpointConfigArn,
        (
          await client.send(
            new DescribeEndpointCommand({ EndpointName: 'fraud-model' }),
          )
        ).EndpointArn,
      ];
      expect(arns).toEqual([
        expect.stringMatching(/:model\//),
        expect.stringMatching(/:endpoint-config\//),
        expect.stringMatching(/:endpoint\//),
      ]);
      for (const arn of arns) {
        const { Tags } = await client.send(
          new ListTagsCommand({ ResourceArn: arn }),
        );
        expect({ arn, tags: Tags }).toEqual({
          arn,
          tags: expect.arrayContaining([
            { Key: MANAGED_BY_TAG, Value: MANAGED_BY },
            { Key: DEPLOYMENT_ID_TAG, Value: deployment.id },
          ]),
        });
        expect(Tags).toHaveLength(2);
      }
    } finally {
      client.destroy();
    }
  });

  it('creates nothing twice when provision is repeated, also after a step failed half-way', async () => {
    // The repeated calls must land while the endpoint is still creating, also
    // on a loaded CI machine, so this endpoint takes a second to be ready.
    await sandbox.close();
    sandbox = await SageMakerSandbox.start({
      readyAfterMs: 1000,
      deleteAfterMs: 300,
    });
    start();
    const deployment = sageMakerDeployment();
    const { ctx } = providerContext();
    sandbox.reject({
      operation: 'CreateEndpointConfig',
      type: 'InternalFailure',
      message: 'We encountered an internal error. Please try again.',
      status: 500,
    });

    // The first attempt stops after the model, as a crash would.
    await expect(provider.provision(deployment, ctx)).rejects.toMatchObject({
      name: 'ProviderError',
      kind: 'transient',
      code: 'InternalFailure',
    });
    await expect(provider.provision(deployment, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });
    await expect(provider.provision(deployment, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });
    await describeUntil(provider, deployment, ctx, isReady);
    await expect(provider.provision(deployment, ctx)).resolves.toMatchObject({
      state: 'ready',
    });

    expect(sandbox.models()).toHaveLength(1);
    expect(sandbox.endpointConfigs()).toHaveLength(1);
    expect(sandbox.endpoints()).toHaveLength(1);
    expect(sandbox.requestCount('CreateModel')).toBe(1);
    expect(sandbox.requestCount('CreateEndpointConfig')).toBe(2);
    expect(sandbox.requestCount('CreateEndpoint')).toBe(1);
  });

  it('reports a failed endpoint with its reason, and creates it again when asked', async () => {
    start();
    const deployment = sageMakerDeployment();
    const { ctx } = providerContext();
    sandbox.failNextCreate(
      'fraud-model',
      'Image size 12 GB is greater than supported size 10 GB',
    );

    await provider.provision(deployment, ctx);
    const failed = await describeUntil(
      provider,
      deployment,
      ctx,
      s => s.state !== 'in-progress',
    );
    expect(failed).toMatchObject({
      state: 'failed',
      reason:
        'SageMaker endpoint fraud-model is Failed: Image size 12 GB is greater than supported size 10 GB',
      outputs: { endpointName: 'fraud-model', region: 'us-east-1' },
    });

    // A redeploy deletes the failed endpoint, then creates it once it is gone.
    await expect(provider.provision(deployment, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Deleting',
    });
    await describeUntil(provider, deployment, ctx, s => s.state === 'absent');
    await provider.provision(deployment, ctx);
    await describeUntil(provider, deployment, ctx, isReady);
    expect(sandbox.models()).toHaveLength(1);
  });

  it('reports throttling as throttled, and works on the next attempt', async () => {
    start();
    const deployment = sageMakerDeployment();
    const { ctx } = providerContext();
    sandbox.throttle(1);

    const error = await provider.provision(deployment, ctx).catch(e => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'throttled',
      code: 'ThrottlingException',
      message:
        'AWS SageMaker DescribeEndpoint was throttled: ThrottlingException: Rate exceeded',
    });
    expect(error.retryable).toBe(true);

    await expect(provider.provision(deployment, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });
  });

  it('gives up on a request after the timeout, as a transient error', async () => {
    start({ timeoutMs: 150 });
    const { ctx } = providerContext();
    sandbox.hang(5000);

    const started = Date.now();
    const error = await provider
      .describe(sageMakerDeployment(), ctx)
      .catch(e => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({
      name: 'ProviderError',
      kind: 'transient',
      code: 'TimeoutError',
    });
    expect(error.message).toMatch(/^AWS SageMaker DescribeEndpoint timed out/);
    expect(sandbox.requestCount('DescribeEndpoint')).toBe(1);
  });

  it('stops a hanging request when the signal is aborted', async () => {
    start();
    const controller = new AbortController();
    const { ctx } = providerContext(controller.signal);
    sandbox.hang(10000);

    const started = Date.now();
    const pending = provider.provision(sageMakerDeployment(), ctx);
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    const error = await pending.catch(e => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ name: 'ProviderError', kind: 'transient' });
    expect(error.message).toMatch(
      /^AWS SageMaker DescribeEndpoint was interrupted/,
    );
    expect(sandbox.requestCount('CreateModel')).toBe(0);
  });

  it.each([
    [
      'a quota',
      {
        operation: 'CreateEndpoint',
        type: 'ResourceLimitExceeded',
        message:
          "The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances.",
      },
      "AWS SageMaker CreateEndpoint exceeds an account quota: ResourceLimitExceeded: The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances. (request an increase in AWS Service Quotas)",
    ],
    [
      'a validation',
      {
        operation: 'CreateModel',
        type: 'ValidationException',
        message:
          'Could not access model data at s3://models/fraud/model.tar.gz.',
      },
      'AWS SageMaker CreateModel was refused: ValidationException: Could not access model data at s3://models/fraud/model.tar.gz.',
    ],
    [
      'an authorization',
      {
        type: 'AccessDeniedException',
        message:
          'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sagemaker:DescribeEndpoint',
      },
      "AWS SageMaker DescribeEndpoint was denied: AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sagemaker:DescribeEndpoint (check the account's credentials and IAM permissions)",
    ],
  ])('reports %s error as permanent', async (_, fault, message) => {
    start();
    const { ctx } = providerContext();
    sandbox.reject(fault);

    const error = await provider
      .provision(sageMakerDeployment(), ctx)
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'ProviderError',
      kind: 'permanent',
      code: fault.type,
      message,
    });
    expect(error.retryable).toBe(false);
  });

  it('retries a malformed answer instead of reading it as failed or gone', async () => {
    start();
    const deployment = sageMakerDeployment();
    const { ctx } = providerContext();
    await provider.provision(deployment, ctx);
    await describeUntil(provider, deployment, ctx, isReady);

    // Valid JSON of the wrong shape: no status is not a failed endpoint...
    for (const body of ['{}', '{"EndpointStatus":42}']) {
      sandbox.garble(body, { operation: 'DescribeEndpoint' });
      const error = await provider.describe(deployment, ctx).catch(e => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        kind: 'transient',
        code: 'MalformedResponse',
        message:
          'AWS SageMaker DescribeEndpoint answered with a malformed response: it has no EndpointStatus',
      });
    }
    // ...and a list without endpoints is not "every endpoint was deleted".
    for (const body of ['{}', '{"Endpoints":"none"}', '{"Endpoints":[{}]}']) {
      sandbox.garble(body, { operation: 'ListEndpoints' });
      await expect(provider.describeMany([deployment], ctx)).rejects.toThrow(
        'AWS SageMaker ListEndpoints answered with a malformed response: it has no Endpoints list of names and statuses',
      );
    }
    // Not JSON at all.
    sandbox.garble('<html><body>502 Bad Gateway</body></html>');
    await expect(provider.describe(deployment, ctx)).rejects.toMatchObject({
      kind: 'transient',
    });
    // The next answers are sound again.
    expect((await provider.describe(deployment, ctx)).state).toBe('ready');
    expect(
      (await provider.describeMany([deployment], ctx)).get(deployment.id)
        ?.state,
    ).toBe('ready');
  });

  it('refuses a spec SageMaker cannot run before calling it', async () => {
    start();
    const { ctx } = providerContext();
    const error = await provider
      .provision(
        sageMakerDeployment({ compute: { instanceType: 't3.micro' } }),
        ctx,
      )
      .catch(e => e);
    expect(error).toMatchObject({
      kind: 'permanent',
      message:
        "The spec cannot be deployed to AWS SageMaker: compute.instanceType: 't3.micro' is not a SageMaker hosting instance type such as ml.m5.large",
    });
    expect(sandbox.requestCount()).toBe(0);
  });

  it('rolls a new spec out, and back, reusing what exists and removing older revisions', async () => {
    start();
    const { ctx, lines } = providerContext();
    const v1 = sageMakerDeployment();
    await provider.provision(v1, ctx);
    const first = await describeUntil(provider, v1, ctx, isReady);

    const v2 = sageMakerDeployment({
      artifact: {
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:2.0',
      },
      compute: { instanceType: 'ml.m5.xlarge', instanceCount: 2 },
    });
    await expect(provider.update(v2, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Updating',
    });
    // Repeated while the update runs, it changes nothing.
    await expect(provider.update(v2, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });
    const second = await describeUntil(provider, v2, ctx, isReady);
    expect(second).toMatchObject({ state: 'ready' });
    const secondConfig = (second as any).outputs.endpointConfigName;
    expect(secondConfig).not.toBe((first as any).outputs.endpointConfigName);
    expect(sandbox.endpoints()[0].configName).toBe(secondConfig);
    expect(
      sandbox.endpointConfigs().find(c => c.name === secondConfig)?.variants[0],
    ).toMatchObject({ instanceType: 'ml.m5.xlarge', initialInstanceCount: 2 });
    expect(sandbox.requestCount('UpdateEndpoint')).toBe(1);

    // Rollback: the previous spec, whose revision still exists.
    await provider.update(v1, ctx);
    await expect(
      describeUntil(provider, v1, ctx, isReady),
    ).resolves.toMatchObject({ outputs: (first as any).outputs });
    expect(sandbox.requestCount('CreateModel')).toBe(2);

    // A third spec: the revision neither served nor wanted goes.
    const v3 = sageMakerDeployment({ compute: { instanceCount: 3 } });
    await provider.update(v3, ctx);
    const third = await describeUntil(provider, v3, ctx, isReady);
    expect(
      sandbox
        .models()
        .map(m => m.name)
        .sort(),
    ).toEqual(
      [
        (first as any).outputs.modelName,
        (third as any).outputs.modelName,
      ].sort(),
    );
    expect(sandbox.endpointConfigs()).toHaveLength(2);
    expect(lines).toContain(`Deleted SageMaker model ${secondConfig}`);
  });

  it('reports an update SageMaker rolled back as failed', async () => {
    start();
    const { ctx } = providerContext();
    const v1 = sageMakerDeployment();
    await provider.provision(v1, ctx);
    await describeUntil(provider, v1, ctx, isReady);

    sandbox.failNextUpdate(
      'fraud-model',
      'Out of capacity for ml.p4d.24xlarge',
    );
    const v2 = sageMakerDeployment({
      compute: { instanceType: 'ml.p4d.24xlarge' },
    });
    await provider.update(v2, ctx);
    const failed = await describeUntil(
      provider,
      v2,
      ctx,
      s => s.state !== 'in-progress',
    );
    expect(failed).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(
        /^SageMaker rolled back the update of endpoint fraud-model, which still serves fraud-model-\w+-\w+: Out of capacity for ml.p4d.24xlarge$/,
      ),
    });
    // The previous spec is what it serves: a rollback is ready at once.
    await expect(provider.update(v1, ctx)).resolves.toMatchObject({
      state: 'ready',
    });
  });

  it('destroys the endpoint and every revision, and finds nothing to destroy the second time', async () => {
    start();
    const { ctx } = providerContext();
    const v1 = sageMakerDeployment();
    await provider.provision(v1, ctx);
    await describeUntil(provider, v1, ctx, isReady);
    const v2 = sageMakerDeployment({ compute: { instanceCount: 2 } });
    await provider.update(v2, ctx);
    await describeUntil(provider, v2, ctx, isReady);
    // Another deployment's resources stay.
    const other = sageMakerDeployment({
      id: '0d7e2a64-86c1-4d4b-8d0f-6b0f3d1d1f7a',
      name: 'fraud-model-b',
    });
    await provider.provision(other, ctx);

    await expect(provider.destroy(v2, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Deleting',
    });
    await expect(provider.destroy(v2, ctx)).resolves.toMatchObject({
      state: 'in-progress',
    });
    await describeUntil(provider, v2, ctx, s => s.state === 'absent');
    await expect(provider.destroy(v2, ctx)).resolves.toEqual({
      state: 'absent',
    });

    expect(sandbox.endpoints().map(e => e.name)).toEqual(['fraud-model-b']);
    expect(sandbox.models()).toHaveLength(1);
    expect(sandbox.models()[0].name).toMatch(/^fraud-model-b-/);
    expect(sandbox.endpointConfigs()).toHaveLength(1);
    expect(sandbox.requestCount('DeleteEndpoint')).toBe(1);
  });

  it('stops by deleting the endpoint, keeping model and configuration, and starts it again from them', async () => {
    start();
    const { ctx, lines } = providerContext();
    const d = sageMakerDeployment({ compute: { instanceCount: 2 } });
    await provider.provision(d, ctx);
    await describeUntil(provider, d, ctx, isReady);
    const { revision } = resourceNames(d, {
      ...d.spec.artifact,
      ...d.spec.compute,
      executionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
    });
    lines.length = 0;

    await expect(provider.stop(d, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Deleting',
    });
    // Again after a crash: SageMaker is deleting it, nothing more to ask.
    await expect(provider.stop(d, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Deleting',
    });
    const stopped = {
      state: 'stopped',
      outputs: {
        endpointName: 'fraud-model',
        endpointConfigName: revision,
        modelName: revision,
        region: 'us-east-1',
        account: 'sandbox',
      },
      // No instance count: none runs on purpose, and the kept
      // configuration holds the spec's two for start.
      config: {
        image: d.spec.artifact.image,
        instanceType: 'ml.m5.large',
      },
    };
    expect(
      await describeUntil(provider, d, ctx, s => s.state !== 'in-progress'),
    ).toEqual(stopped);
    expect(sandbox.endpoints()).toEqual([]);
    expect(sandbox.models().map(m => m.name)).toEqual([revision]);
    expect(sandbox.endpointConfigs().map(c => c.name)).toEqual([revision]);
    expect((await provider.describeMany([d], ctx)).get(d.id)).toEqual(stopped);
    await expect(provider.stop(d, ctx)).resolves.toEqual(stopped);
    expect(sandbox.requestCount('DeleteEndpoint')).toBe(1);
    // What bills is listed, and a stopped deployment has none of it.
    await expect(provider.listTaggedResources(ctx)).resolves.toEqual([]);

    await expect(provider.start(d, ctx)).resolves.toEqual({
      state: 'in-progress',
      detail: 'Endpoint Creating',
    });
    expect(await describeUntil(provider, d, ctx, isReady)).toMatchObject({
      state: 'ready',
      outputs: { endpointConfigName: revision },
      config: { instanceCount: 2, instanceType: 'ml.m5.large' },
    });
    // Starting what runs changes nothing.
    await expect(provider.start(d, ctx)).resolves.toMatchObject({
      state: 'ready',
    });
    expect(sandbox.requestCount('CreateEndpoint')).toBe(2);
    expect(sandbox.requestCount('CreateModel')).toBe(1);
    expect(sandbox.requestCount('CreateEndpointConfig')).toBe(1);
    expect(lines).toEqual([
      `Deleting SageMaker endpoint fraud-model; its model and endpoint configuration ${revision} are kept to start it again`,
      'Creating SageMaker endpoint fraud-model in us-east-1',
    ]);
  });

  it('starts a stopped deployment whose model and configuration were deleted too, and destroys a stopped one', async () => {
    start();
    const { ctx } = providerContext();
    const d = sageMakerDeployment();
    await provider.provision(d, ctx);
    await describeUntil(provider, d, ctx, isReady);
    await provider.stop(d, ctx);
    await describeUntil(provider, d, ctx, s => s.state === 'stopped');
    // Someone deletes the configuration: the model is still kept.
    const [config] = sandbox.endpointConfigs();
    const client = new SageMakerClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' },
    });
    try {
      await client.send(
        new DeleteEndpointConfigCommand({ EndpointConfigName: config.name }),
      );
    } finally {
      client.destroy();
    }
    expect(await provider.describe(d, ctx)).toMatchObject({
      state: 'stopped',
      config: { image: d.spec.artifact.image },
    });

    await provider.start(d, ctx);
    await describeUntil(provider, d, ctx, isReady);
    expect(sandbox.endpointConfigs().map(c => c.name)).toEqual([config.name]);

    await provider.stop(d, ctx);
    await describeUntil(provider, d, ctx, s => s.state === 'stopped');
    await expect(provider.destroy(d, ctx)).resolves.toEqual({
      state: 'absent',
    });
    expect(await provider.describe(d, ctx)).toEqual({ state: 'absent' });
    expect(sandbox.models()).toEqual([]);
    expect(sandbox.endpointConfigs()).toEqual([]);
    await expect(provider.stop(d, ctx)).resolves.toEqual({ state: 'absent' });
  });

  it('observes hundreds of deployments with a few list requests, and sees drift', async () => {
    start();
    const { ctx } = providerContext();
    const deployments = Array.from({ length: 250 }, (_, i) =>
      sageMakerDeployment({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: `model-${i}`,
      }),
    );
    for (const d of deployments) {
      const { revision } = resourceNames(d, {
        ...d.spec.artifact,
        ...d.spec.compute,
        executionRoleArn: SANDBOX_ACCOUNT.executionRoleArn,
      });
      sandbox.seedEndpoint({ name: d.name, configName: revision });
    }
    const eu = sageMakerDeployment({
      id: '00000000-0000-4000-8000-eeeeeeeeeeee',
      name: 'model-eu',
      region: 'eu-west-1',
    });
    sandbox.failNextCreate('model-eu', 'The container exited with code 1');
    await provider.provision(eu, ctx);
    await describeUntil(provider, eu, ctx, s => s.state === 'failed');
    sandbox.removeEndpoint('model-7');
    sandbox.clearRequests();

    const observed = await provider.describeMany([...deployments, eu], ctx);

    expect(observed.size).toBe(251);
    expect(observed.get(deployments[0].id)).toMatchObject({
      state: 'ready',
      endpoint:
        'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/model-0/invocations',
      outputs: { endpointName: 'model-0', accountId: '123456789012' },
    });
    // Its endpoint deleted outside the portal: absent, although its model
    // and configuration are left (stop did not mark them).
    expect(observed.get(deployments[7].id)).toEqual({ state: 'absent' });
    expect(observed.get(eu.id)).toMatchObject({
      state: 'failed',
      reason:
        'SageMaker endpoint model-eu is Failed: The container exited with code 1',
    });
    expect(
      [...observed.values()].filter(s => s.state === 'ready'),
    ).toHaveLength(249);
    // 249 endpoints in us-east-1 are 3 pages, eu-west-1 is 1; then a look at
    // each endpoint in service (the configuration it serves and its instance
    // count, for drift) and at the failed one (its reason). Configurations
    // named after the spec's revision are not read again. The one without
    // an endpoint is looked at for a model and configuration stop kept.
    expect(sandbox.requestCount('ListEndpoints')).toBe(4);
    expect(sandbox.requestCount('DescribeEndpoint')).toBe(250);
    expect(sandbox.requestCount('DescribeEndpointConfig')).toBe(1);
    expect(sandbox.requestCount('DescribeModel')).toBe(1);
    expect(sandbox.requestCount('ListTags')).toBe(1);
    expect(sandbox.requestCount()).toBe(257);
  });

  it('reports deployments of unknown accounts without asking SageMaker', async () => {
    start();
    const { ctx } = providerContext();
    const observed = await provider.describeMany(
      [sageMakerDeployment({ account: 'gone' })],
      ctx,
    );
    expect([...observed.values()]).toEqual([
      {
        state: 'failed',
        reason: "No AWS account 'gone' is configured for AWS SageMaker",
      },
    ]);
    expect(sandbox.requestCount()).toBe(0);
  });

  it('signs with configured credentials and never shows them in outputs, logs or errors', async () => {
    const secrets = {
      accessKeyId: 'AKIACONFIGUREDKEY123',
      secretAccessKey: 'very-secret-access-key',
      sessionToken: 'very-secret-session-token',
    };
    start({
      sandboxUrl: undefined,
      accounts: [
        {
          id: 'prod',
          executionRoleArn: 'arn:aws:iam::210987654321:role/SageMakerExecution',
          endpoint: sandbox.url,
          credentials: secrets,
        },
      ],
    });
    expect(provider.sandbox).toBe(false);
    const { ctx, lines, logger } = providerContext();
    const deployment = sageMakerDeployment();

    await provider.provision(deployment, ctx);
    const ready = await describeUntil(provider, deployment, ctx, isReady);
    sandbox.reject({
      type: 'UnrecognizedClientException',
      message: `The security token very-secret-session-token for AKIACONFIGUREDKEY123 is invalid`,
    });
    const error = await provider.describe(deployment, ctx).catch(e => e);

    expect(error).toMatchObject({ kind: 'permanent' });
    expect(error.message).toContain('UnrecognizedClientException');
    expect(sandbox.models()[0].executionRoleArn).toBe(
      'arn:aws:iam::210987654321:role/SageMakerExecution',
    );
    const shown = JSON.stringify([
      ready,
      lines,
      error.message,
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    for (const secret of Object.values(secrets)) {
      expect(shown).not.toContain(secret);
    }
  });

  it('uses the default AWS credential chain for accounts without credentials', async () => {
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMENVIRONMENT';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret-from-environment';
    try {
      start({
        sandboxUrl: undefined,
        accounts: [{ ...SANDBOX_ACCOUNT, id: 'prod', endpoint: sandbox.url }],
      });
      const { ctx } = providerContext();
      await expect(
        provider.describe(sageMakerDeployment(), ctx),
      ).resolves.toEqual({ state: 'absent' });
      expect(sandbox.requests[0]).toMatchObject({
        operation: 'DescribeEndpoint',
        region: 'us-east-1',
      });
    } finally {
      process.env = saved;
    }
  });

  it('validates account, region, name and the SageMaker fields', () => {
    start({
      accounts: [
        { ...SANDBOX_ACCOUNT, id: 'prod', regions: ['us-east-1'] },
        { ...SANDBOX_ACCOUNT, id: 'dev' },
      ],
    });
    const { spec } = sageMakerDeployment();
    expect(provider.validate(spec, 'fraud-model')).toEqual([]);
    expect(provider.validate({ ...spec, region: 'eu-west-1' })).toEqual([
      "region: account 'prod' allows us-east-1, not eu-west-1",
    ]);
    expect(
      provider.validate({ ...spec, account: 'dev', region: 'eu-west-1' }),
    ).toEqual([]);
    expect(
      provider.validate({
        ...spec,
        account: 'staging',
        artifact: { modelDataUrl: 'gs://bucket/model' },
        compute: { instanceType: 'ml.m5.large', cpu: 2, concurrency: 4 },
      }),
    ).toEqual([
      "account: no AWS account 'staging' is configured for AWS SageMaker (configured: prod, dev)",
      'artifact.image: is required: SageMaker serves a container image, e.g. an ECR image of a framework or your own',
      'artifact.modelDataUrl: SageMaker reads model data from an s3:// or https:// URL',
      'compute.concurrency: SageMaker endpoints are sized by compute.instanceType and compute.instanceCount; leave it out',
    ]);
    expect(provider.validate({ ...spec, compute: {} }, 'a'.repeat(64))).toEqual(
      [
        'name: must be at most 63 letters, digits and dashes, starting and ending with a letter or digit (the SageMaker endpoint name)',
        'compute.instanceType: is required: a SageMaker hosting instance type such as ml.m5.large',
      ],
    );
  });
});
