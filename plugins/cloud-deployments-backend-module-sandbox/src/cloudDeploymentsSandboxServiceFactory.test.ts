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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  CloudDeploymentsSandboxEndpoint,
  CloudDeploymentsSandboxService,
  cloudDeploymentsSandboxServiceRef,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { request } from 'node:https';
import { cloudDeploymentsSandboxServiceFactory } from './cloudDeploymentsSandboxServiceFactory';

/** A module that hands the test the sandbox service the backend gives it. */
function probe(got: (service: CloudDeploymentsSandboxService) => void) {
  return createBackendModule({
    pluginId: 'cloud-deployments',
    moduleId: 'sandbox-probe',
    register(reg) {
      reg.registerInit({
        deps: {
          sandboxes: cloudDeploymentsSandboxServiceRef,
          // The plugin-scoped service needs a plugin to run in.
          config: coreServices.rootConfig,
        },
        async init({ sandboxes }) {
          got(sandboxes);
        },
      });
    },
  });
}

async function startWith(
  features: Parameters<typeof startTestBackend>[0]['features'],
) {
  let service: CloudDeploymentsSandboxService | undefined;
  const backend = await startTestBackend({
    features: [probe(s => (service = s)), ...(features ?? [])],
  });
  return { backend, service: service! };
}

/** The HTTP status of a GET, or the error code when nothing answers. */
async function probeUrl(
  endpoint: CloudDeploymentsSandboxEndpoint,
  path: string,
) {
  const url = new URL(path, endpoint.url);
  const headers = endpoint.token
    ? { Authorization: `Bearer ${endpoint.token}` }
    : undefined;
  if (url.protocol === 'https:') {
    return new Promise<number | string>(resolve => {
      request(url, { ca: endpoint.certificate, headers }, res => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
        .end();
    });
  }
  return fetch(url, { headers }).then(
    r => r.status,
    (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? 'error',
  );
}

describe('cloudDeploymentsSandboxServiceFactory', () => {
  it('has no sandbox without the sandbox package', async () => {
    const { backend, service } = await startWith([]);
    await expect(service.start('aws')).resolves.toBeUndefined();
    await expect(service.start('kubernetes')).resolves.toBeUndefined();
    await backend.stop();
  });

  it('starts each sandbox once, on loopback, and closes them all when the backend stops', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
    ]);

    const [aws, again] = await Promise.all([
      service.start('aws'),
      service.start('aws'),
    ]);
    expect(again).toBe(aws);
    const endpoints = {
      aws: aws!,
      gcp: (await service.start('gcp'))!,
      azure: (await service.start('azure'))!,
      kubernetes: (await service.start('kubernetes'))!,
    };
    expect(endpoints.aws).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(endpoints.gcp).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(endpoints.azure).toEqual({
      url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
      certificate: expect.stringContaining('-----BEGIN CERTIFICATE-----'),
      token: expect.any(String),
    });
    expect(endpoints.kubernetes).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      token: expect.any(String),
    });
    expect(new Set(Object.values(endpoints).map(e => e.url)).size).toBe(4);

    // Each answers its own API.
    await expect(
      probeUrl(endpoints.kubernetes, '/api/v1/namespaces/default/configmaps'),
    ).resolves.toBe(200);
    await expect(
      probeUrl(
        endpoints.azure,
        '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerInstance/containerGroups?api-version=2023-05-01',
      ),
    ).resolves.toBe(200);

    await backend.stop();
    for (const endpoint of Object.values(endpoints)) {
      await expect(probeUrl(endpoint, '/')).resolves.toBe('ECONNREFUSED');
    }
  });

  it('serves the traffic config sets for a resource, from trafficHistoryDays before its creation', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: {
              traffic: { aws: { 'quiet-model': 0 } },
              trafficHistoryDays: 2,
            },
          },
        },
      }),
    ]);
    const { url } = (await service.start('aws'))!;
    const call = async (target: string, body: object) => {
      const cloudWatch = target.startsWith('Granite');
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': `application/x-amz-json-1.${cloudWatch ? 0 : 1}`,
          'x-amz-target': target,
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKID/20261105/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=00',
        },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    await call('SageMaker.CreateModel', {
      ModelName: 'm',
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
      PrimaryContainer: { Image: 'acme/model:1' },
    });
    await call('SageMaker.CreateEndpointConfig', {
      EndpointConfigName: 'c',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'm',
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1,
        },
      ],
    });
    await call('SageMaker.CreateEndpoint', {
      EndpointName: 'quiet-model',
      EndpointConfigName: 'c',
    });
    // It has existed for a moment.
    await new Promise(resolve => setTimeout(resolve, 5));
    const today = Math.floor(Date.now() / 86_400_000) * 86_400;

    const answer = await call('GraniteServiceVersion20100801.GetMetricData', {
      StartTime: today - 3 * 86_400,
      EndTime: today + 86_400,
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'Invocations',
              Dimensions: [{ Name: 'EndpointName', Value: 'quiet-model' }],
            },
            Period: 86_400,
            Stat: 'Sum',
          },
        },
      ],
    });
    // Created just now, and served as if it had run for two days before.
    expect(answer.MetricDataResults[0]).toMatchObject({
      Timestamps: [today, today - 86_400, today - 2 * 86_400],
      Values: [0, 0, 0],
    });
    await backend.stop();
  });

  it('refuses a trafficHistoryDays that is not a number of days, naming the key', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: { cloudDeployments: { sandbox: { trafficHistoryDays: 400 } } },
      }),
    ]);
    await expect(service.start('gcp')).rejects.toThrow(
      'Invalid config cloudDeployments.sandbox.trafficHistoryDays: a whole number of days from 0 to 365, got 400',
    );
    await backend.stop();
  });

  it('refuses traffic config that is not amounts, naming the key', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: { traffic: { azure: { web: 'lots' } } },
          },
        },
      }),
    ]);
    await expect(service.start('azure')).rejects.toThrow(
      'Invalid config cloudDeployments.sandbox.traffic.azure: The traffic of web must be amounts of 0 or more, got "lots"',
    );
    await backend.stop();
  });

  it('serves the quotas config sets: Service Quotas for SageMaker, a ResourceQuota for the cluster', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: {
              quotas: {
                aws: { endpointInstances: { 'ml.g5.xlarge': 2 } },
                kubernetes: { gpus: { ml: 4 } },
              },
            },
          },
        },
      }),
    ]);
    const aws = (await service.start('aws'))!;
    // As @aws-sdk/client-service-quotas sends it (awsJson1_1, SigV4 scope).
    const quotas = await fetch(aws.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'ServiceQuotasV20190624.ListServiceQuotas',
        authorization:
          'AWS4-HMAC-SHA256 Credential=SANDBOX/20261207/eu-west-1/servicequotas/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ ServiceCode: 'sagemaker' }),
    }).then(r => r.json());
    expect(quotas.Quotas).toEqual([
      expect.objectContaining({
        QuotaName: 'ml.g5.xlarge for endpoint usage',
        QuotaCode: expect.stringMatching(/^L-[0-9A-F]{8}$/),
        QuotaArn: expect.stringMatching(
          /^arn:aws:servicequotas:eu-west-1:123456789012:sagemaker\/L-/,
        ),
        Value: 2,
      }),
    ]);
    const cluster = (await service.start('kubernetes'))!;
    const list = await fetch(
      new URL('/api/v1/namespaces/ml/resourcequotas', cluster.url),
      { headers: { Authorization: `Bearer ${cluster.token}` } },
    ).then(r => r.json());
    expect(list.items[0].spec.hard).toEqual({ 'requests.nvidia.com/gpu': '4' });
    await backend.stop();
  });

  it('lists the denied Azure actions as notActions of the resource groups’ permissions', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: {
              deniedPermissions: {
                azure: ['Microsoft.ContainerInstance/containerGroups/delete'],
              },
            },
          },
        },
      }),
    ]);
    const azure = (await service.start('azure'))!;
    const listing = await new Promise<string>((resolve, reject) => {
      request(
        new URL(
          '/subscriptions/s/resourceGroups/g/providers/Microsoft.Authorization/permissions?api-version=2022-04-01',
          azure.url,
        ),
        {
          ca: azure.certificate,
          headers: { Authorization: `Bearer ${azure.token}` },
        },
        res => {
          let body = '';
          res.on('data', c => (body += c));
          res.on('end', () => resolve(body));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(listing).value[0].notActions).toEqual([
      'Microsoft.ContainerInstance/containerGroups/delete',
    ]);
    await backend.stop();
  });

  it('refuses quotas that are not whole numbers, naming the key', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: {
              quotas: { aws: { endpointInstances: { 'ml.g5.xlarge': 1.5 } } },
            },
          },
        },
      }),
    ]);
    await expect(service.start('aws')).rejects.toThrow(
      'Invalid config cloudDeployments.sandbox.quotas.aws.endpointInstances.ml.g5.xlarge: a whole number of instances of 0 or more, got 1.5',
    );
    await backend.stop();
  });

  it('serves the Cloud Run quotas and denied permissions config sets, and refuses quotas that are not whole numbers', async () => {
    const { backend, service } = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: {
              deniedPermissions: { gcp: ['run.services.delete'] },
              quotas: {
                gcp: {
                  gpus: { 'us-central1': 2 },
                  gpusNoZonalRedundancy: { 'us-central1': 1.5 },
                },
              },
            },
          },
        },
      }),
    ]);
    await expect(service.start('gcp')).rejects.toThrow(
      'Invalid config cloudDeployments.sandbox.quotas.gcp.gpusNoZonalRedundancy.us-central1: a whole number of GPUs of 0 or more, got 1.5',
    );
    await backend.stop();

    const valid = await startWith([
      cloudDeploymentsSandboxServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          cloudDeployments: {
            sandbox: {
              deniedPermissions: { gcp: ['run.services.delete'] },
              quotas: { gcp: { gpus: { 'us-central1': 2 } } },
            },
          },
        },
      }),
    ]);
    const gcp = (await valid.service.start('gcp'))!;
    const headers = {
      authorization: 'Bearer sandbox-token',
      'content-type': 'application/json',
    };
    // As the gax clients send them over REST.
    const tested = await fetch(
      new URL('/v3/projects/acme:testIamPermissions', gcp.url),
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          permissions: ['run.services.get', 'run.services.delete'],
        }),
      },
    ).then(r => r.json());
    expect(tested).toEqual({ permissions: ['run.services.get'] });
    const quota = await fetch(
      new URL(
        '/v1/projects/acme/locations/global/services/run.googleapis.com/quotaInfos/NvidiaL4GpuAllocPerProjectRegion',
        gcp.url,
      ),
      { headers },
    ).then(r => r.json());
    expect(quota.dimensionsInfos).toEqual([
      {
        dimensions: { region: 'us-central1' },
        details: { value: '2' },
        applicableLocations: ['us-central1'],
      },
    ]);
    await valid.backend.stop();
  });
});
