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
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  INSUFFICIENT_CAPACITY_REASON,
  SageMakerSandbox,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import {
  describeUntil,
  providerContext,
  sageMakerDeployment,
} from '../__testUtils__/sageMakerFixtures';
import { SANDBOX_ACCOUNT } from './readSageMakerConfig';
import { SageMakerProvider } from './SageMakerProvider';

describe('SageMakerProvider quotas and capacity', () => {
  let sandbox: SageMakerSandbox;
  let provider: SageMakerProvider;

  beforeEach(async () => {
    sandbox = await SageMakerSandbox.start({
      readyAfterMs: 20,
      endpointQuotas: { 'ml.g5.xlarge': 2, 'ml.g4dn.xlarge': 4 },
    });
    provider = new SageMakerProvider({
      accounts: [SANDBOX_ACCOUNT],
      sandboxUrl: sandbox.url,
    });
  });

  afterEach(async () => {
    await provider.close();
    await sandbox.close();
  });

  const gpuSpec = () =>
    sageMakerDeployment({ compute: { instanceType: 'ml.g5.xlarge' } }).spec;

  it('reads the endpoint-usage quotas of the asked types from Service Quotas, by name', async () => {
    const { ctx } = providerContext();
    const readings = await provider.readQuotas(
      {
        spec: gpuSpec(),
        instanceTypes: ['ml.g5.xlarge', 'ml.g4dn.xlarge', 'ml.g6.xlarge'],
      },
      ctx,
    );
    expect(Object.fromEntries(readings)).toEqual({
      'ml.g5.xlarge': {
        name: 'ml.g5.xlarge for endpoint usage',
        unit: 'instances',
        limit: 2,
      },
      'ml.g4dn.xlarge': {
        name: 'ml.g4dn.xlarge for endpoint usage',
        unit: 'instances',
        limit: 4,
      },
    });
    const [request] = sandbox.requests;
    expect(request).toMatchObject({
      target: 'ServiceQuotasV20190624.ListServiceQuotas',
      region: 'us-east-1',
      body: { ServiceCode: 'sagemaker', MaxResults: 100 },
    });
  });

  it('follows NextToken through every page of quotas', async () => {
    for (let i = 0; i < 150; i++) sandbox.setEndpointQuota(`ml.x${i}.large`, i);
    const { ctx } = providerContext();
    const readings = await provider.readQuotas(
      { spec: gpuSpec(), instanceTypes: ['ml.x99.large', 'ml.g5.xlarge'] },
      ctx,
    );
    expect(readings.get('ml.x99.large')?.limit).toBe(99);
    expect(readings.get('ml.g5.xlarge')?.limit).toBe(2);
    // ml.x99.large sorts last: on the second page.
    expect(sandbox.requestCount('ListServiceQuotas')).toBe(2);
  });

  it('stops paging once every asked type is found', async () => {
    for (let i = 0; i < 150; i++) sandbox.setEndpointQuota(`ml.x${i}.large`, i);
    const { ctx } = providerContext();
    await provider.readQuotas(
      { spec: gpuSpec(), instanceTypes: ['ml.g5.xlarge'] },
      ctx,
    );
    expect(sandbox.requestCount('ListServiceQuotas')).toBe(1);
  });

  it('throws a permanent ProviderError when Service Quotas is denied', async () => {
    sandbox.reject({
      operation: 'ListServiceQuotas',
      type: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::123456789012:user/portal is not authorized to perform: servicequotas:ListServiceQuotas',
    });
    const { ctx } = providerContext();
    const error = await provider
      .readQuotas({ spec: gpuSpec(), instanceTypes: ['ml.g5.xlarge'] }, ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'permanent',
      code: 'AccessDeniedException',
    });
    expect(error.message).toContain('servicequotas:ListServiceQuotas');
  });

  it('is refused by CreateEndpoint past the quota, with the numbers SageMaker quotes', async () => {
    const { ctx } = providerContext();
    const deployment = sageMakerDeployment({
      compute: { instanceType: 'ml.g5.xlarge', instanceCount: 3 },
    });
    const error = await provider.provision(deployment, ctx).catch(e => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe('ResourceLimitExceeded');
    expect(error.message).toContain(
      "The account-level service limit 'ml.g5.xlarge for endpoint usage' is 2 Instances, with current utilization of 0 Instances and a request delta of 3 Instances",
    );
  });

  it('reports an endpoint SageMaker found no capacity for as failed with code InsufficientCapacity', async () => {
    sandbox.setCapacity('ml.g5.xlarge', false);
    const { ctx } = providerContext();
    const deployment = sageMakerDeployment({
      compute: { instanceType: 'ml.g5.xlarge', instanceCount: 1 },
    });
    await provider.provision(deployment, ctx);
    const failed = await describeUntil(
      provider,
      deployment,
      ctx,
      s => s.state === 'failed',
    );
    expect(failed).toMatchObject({
      state: 'failed',
      code: 'InsufficientCapacity',
    });
    expect(failed.state === 'failed' && failed.reason).toContain(
      INSUFFICIENT_CAPACITY_REASON,
    );
  });
});
