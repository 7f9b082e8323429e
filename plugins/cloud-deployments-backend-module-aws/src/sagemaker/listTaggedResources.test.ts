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
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  describeUntil,
  providerContext,
  sageMakerDeployment,
} from '../__testUtils__/sageMakerFixtures';
import {
  DEPLOYMENT_ID_TAG,
  MANAGED_BY,
  MANAGED_BY_TAG,
} from '../deploymentTags';
import { AWS_PARTITION_REGIONS } from './awsRegions';
import { SANDBOX_ACCOUNT, SageMakerAccount } from './readSageMakerConfig';
import { SageMakerProvider } from './SageMakerProvider';

const ROLE = 'arn:aws:iam::123456789012:role/SageMakerExecution';

describe('SageMakerProvider.listTaggedResources', () => {
  let sandbox: SageMakerSandbox;
  let provider: SageMakerProvider;

  const account = (id: string, regions?: string[]): SageMakerAccount => ({
    id,
    executionRoleArn: ROLE,
    ...(regions ? { regions } : {}),
  });
  const start = (accounts: SageMakerAccount[]) => {
    provider = new SageMakerProvider({ accounts, sandboxUrl: sandbox.url });
    return provider;
  };
  const list = (logger = mockServices.logger.mock()) =>
    provider.listTaggedResources({
      signal: new AbortController().signal,
      logger,
    });
  const byName = <T extends { name: string }>(resources: T[]) =>
    [...resources].sort((a, b) => (a.name < b.name ? -1 : 1));
  const tagged = (id: string) => ({
    [MANAGED_BY_TAG]: MANAGED_BY,
    [DEPLOYMENT_ID_TAG]: id,
  });

  beforeEach(async () => {
    sandbox = await SageMakerSandbox.start({
      readyAfterMs: 20,
      deleteAfterMs: 200,
    });
  });

  afterEach(async () => {
    await provider?.close();
    await sandbox.close();
  });

  it('reports an endpoint the provider made, with its deployment id, ARN and configuration', async () => {
    start([SANDBOX_ACCOUNT]);
    const deployment = sageMakerDeployment({
      compute: { instanceType: 'ml.g5.xlarge', instanceCount: 2 },
    });
    const { ctx } = providerContext();
    await provider.provision(deployment, ctx);
    await describeUntil(provider, deployment, ctx, s => s.state === 'ready');

    const resources = await list();

    expect(resources).toEqual([
      {
        deploymentId: deployment.id,
        kind: 'SageMaker endpoint',
        resourceId:
          'arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-model',
        name: 'fraud-model',
        region: 'us-east-1',
        location: 'sandbox',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        config: { instanceType: 'ml.g5.xlarge', instanceCount: 2 },
      },
    ]);
    // An account without regions is looked for in every region of its
    // partition, once each.
    const regions = sandbox.requests
      .filter(r => r.operation === 'ListEndpoints')
      .map(r => r.region);
    expect(new Set(regions)).toEqual(new Set(AWS_PARTITION_REGIONS.aws));
    expect(regions).toHaveLength(AWS_PARTITION_REGIONS.aws.length);
  });

  it('reads every page of endpoints, and only the tagged ones', async () => {
    start([account('prod', ['us-east-1'])]);
    for (let i = 0; i < 150; i++) {
      const name = `ep-${String(i).padStart(3, '0')}`;
      sandbox.seedEndpoint({
        name,
        configName: `${name}-config`,
        ...(i % 3 === 0 ? { tags: tagged(`id-${i}`) } : {}),
        ...(i % 3 === 1 ? { tags: { [MANAGED_BY_TAG]: MANAGED_BY } } : {}),
      });
    }
    sandbox.clearRequests();

    const resources = await list();

    expect(resources.map(r => r.deploymentId).sort()).toEqual(
      Array.from({ length: 50 }, (_, k) => `id-${k * 3}`).sort(),
    );
    // 150 endpoints, 100 a page.
    expect(sandbox.requestCount('ListEndpoints')).toBe(2);
    expect(sandbox.requestCount('ListTags')).toBe(150);
    // Only the tagged ones are described.
    expect(sandbox.requestCount('DescribeEndpoint')).toBe(50);
    expect(sandbox.requestCount('DescribeEndpointConfig')).toBe(50);
    expect(resources[0]).toEqual(
      expect.objectContaining({
        location: 'prod',
        region: 'us-east-1',
        config: { instanceType: 'ml.m5.large', instanceCount: 1 },
      }),
    );
  });

  it('looks in every configured account and region, and reports an endpoint once', async () => {
    start([
      account('prod', ['us-east-1', 'eu-west-1']),
      account('research', ['ap-southeast-2', 'eu-west-1']),
    ]);
    sandbox.seedEndpoint({
      name: 'a',
      configName: 'a-1',
      region: 'us-east-1',
      tags: tagged('id-a'),
    });
    sandbox.seedEndpoint({
      name: 'b',
      configName: 'b-1',
      region: 'eu-west-1',
      instanceType: 'ml.c5.xlarge',
      instanceCount: 3,
      tags: tagged('id-b'),
    });
    sandbox.seedEndpoint({
      name: 'c',
      configName: 'c-1',
      region: 'ap-southeast-2',
      tags: tagged('id-c'),
    });
    // Not a configured region: not looked at.
    sandbox.seedEndpoint({
      name: 'd',
      configName: 'd-1',
      region: 'sa-east-1',
      tags: tagged('id-d'),
    });

    const resources = byName(await list());

    expect(resources.map(r => [r.name, r.region, r.location])).toEqual([
      ['a', 'us-east-1', 'prod'],
      // The sandbox is one AWS account: both configured accounts reach it.
      ['b', 'eu-west-1', 'prod'],
      ['c', 'ap-southeast-2', 'research'],
    ]);
    expect(resources[1].config).toEqual({
      instanceType: 'ml.c5.xlarge',
      instanceCount: 3,
    });
    expect(
      new Set(
        sandbox.requests
          .filter(r => r.operation === 'ListEndpoints')
          .map(r => r.region),
      ),
    ).toEqual(new Set(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
  });

  it('reports the instances running now, none for a failed endpoint, and leaves deleting ones out', async () => {
    start([account('prod', ['us-east-1'])]);
    sandbox.seedEndpoint({
      name: 'scaled',
      configName: 'scaled-1',
      tags: tagged('id-scaled'),
    });
    expect(sandbox.scaleBehindTheBack('scaled', 4)).toBe(true);
    sandbox.seedEndpoint({
      name: 'going',
      configName: 'going-1',
      tags: tagged('id-going'),
    });
    // A deployment whose endpoint failed, and one whose endpoint is deleting.
    const failed = sageMakerDeployment({ id: 'id-failed', name: 'failed' });
    const { ctx } = providerContext();
    sandbox.failNextCreate('failed');
    await provider.provision(failed, ctx);
    await describeUntil(provider, failed, ctx, s => s.state === 'failed');
    const gone = sageMakerDeployment({ id: 'id-going', name: 'going' });
    // Deletes the seeded endpoint (its name), whatever its configuration.
    await provider.destroy(gone, ctx);

    const resources = byName(await list());

    expect(resources.map(r => [r.name, r.config])).toEqual([
      ['failed', { instanceType: 'ml.m5.large', instanceCount: 0 }],
      ['scaled', { instanceType: 'ml.m5.large', instanceCount: 4 }],
    ]);
  });

  it('keeps unusual tag values as they are and ignores empty ones', async () => {
    start([account('prod', ['us-east-1'])]);
    const values = {
      long: 'x'.repeat(256),
      unicode: 'Ünïcødé 漢字 Ελληνικά ٣٤ ß',
      spaced: ' spaced\u3000value ',
      symbols: '_.:/=+-@',
      empty: '',
      blank: '   ',
    };
    for (const [name, value] of Object.entries(values)) {
      sandbox.seedEndpoint({
        name,
        configName: `${name}-1`,
        tags: { [DEPLOYMENT_ID_TAG]: value },
      });
    }

    const resources = await list();

    expect(
      Object.fromEntries(resources.map(r => [r.name, r.deploymentId])),
    ).toEqual({
      long: values.long,
      unicode: values.unicode,
      spaced: values.spaced,
      symbols: values.symbols,
    });
  });

  it('throws, naming the account and region, when a configured region cannot be listed', async () => {
    start([account('prod', ['us-east-1']), account('research', ['eu-west-1'])]);
    sandbox.seedEndpoint({
      name: 'a',
      configName: 'a-1',
      tags: tagged('id-a'),
    });
    sandbox.reject({
      operation: 'ListEndpoints',
      region: 'eu-west-1',
      type: 'InternalFailure',
      message: 'We encountered an internal error. Please try again.',
      status: 500,
    });

    const error = await list().catch(e => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toBe(
      "Cannot list the tagged resources of AWS SageMaker in account 'research', region eu-west-1: AWS SageMaker ListEndpoints failed: InternalFailure: We encountered an internal error. Please try again.",
    );
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('InternalFailure');
  });

  it('throws when the tags of an endpoint cannot be read, rather than take it for untagged', async () => {
    start([account('prod', ['us-east-1'])]);
    sandbox.seedEndpoint({
      name: 'a',
      configName: 'a-1',
      tags: tagged('id-a'),
    });
    sandbox.garble('{}', { operation: 'ListTags' });

    await expect(list()).rejects.toThrow(
      "Cannot list the tagged resources of AWS SageMaker in account 'prod', region us-east-1: AWS SageMaker ListTags answered with a malformed response: it has no Tags list",
    );
  });

  it('skips an opt-in region the account has not enabled, but not a region it must have', async () => {
    start([account('prod')]);
    sandbox.seedEndpoint({
      name: 'far',
      configName: 'far-1',
      region: 'ap-southeast-7',
      tags: tagged('id-far'),
    });
    const notEnabled = {
      operation: 'ListEndpoints',
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
    sandbox.reject({ ...notEnabled, region: 'me-south-1' });
    const logger = mockServices.logger.mock();

    await expect(list(logger)).resolves.toEqual([
      expect.objectContaining({
        name: 'far',
        region: 'ap-southeast-7',
        deploymentId: 'id-far',
      }),
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        "Skipped AWS region me-south-1 of account 'prod'",
      ),
    );

    // Enabled in every account: the credentials are wrong.
    sandbox.reject({ ...notEnabled, region: 'eu-west-1' });
    await expect(list()).rejects.toThrow(
      "Cannot list the tagged resources of AWS SageMaker in account 'prod', region eu-west-1: AWS SageMaker ListEndpoints was denied: UnrecognizedClientException",
    );

    // A region the config names must answer.
    await provider.close();
    start([account('prod', ['me-south-1'])]);
    sandbox.reject({ ...notEnabled, region: 'me-south-1' });
    await expect(list()).rejects.toThrow(/region me-south-1: .*denied/);
  });

  it('looks in the regions of the partition of an account outside the commercial one', async () => {
    start([
      {
        id: 'gov',
        executionRoleArn: 'arn:aws-us-gov:iam::123456789012:role/SageMaker',
      },
    ]);
    await list();
    expect(
      sandbox.requests
        .filter(r => r.operation === 'ListEndpoints')
        .map(r => r.region)
        .sort(),
    ).toEqual(['us-gov-east-1', 'us-gov-west-1']);
  });
});
