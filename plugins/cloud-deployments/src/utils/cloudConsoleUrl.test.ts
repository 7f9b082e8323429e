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
import { makeDeployment } from '../__testUtils__/fixtures';
import { cloudConsoleUrl } from './cloudConsoleUrl';

describe('cloudConsoleUrl', () => {
  it('links a SageMaker endpoint in its region', () => {
    const deployment = makeDeployment(1, {
      resourceName: 'model-1-production',
      outputs: { endpointName: 'model-1-production', region: 'eu-west-1' },
    });
    expect(cloudConsoleUrl(deployment)).toBe(
      'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/endpoints/model-1-production',
    );
  });

  it('links a Cloud Run service by its short name in its project', () => {
    const deployment = makeDeployment(2, {
      spec: {
        ...makeDeployment(2).spec,
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
      },
      outputs: {
        serviceName: 'projects/acme-web/locations/europe-west1/services/web',
        projectId: 'acme-web',
      },
    });
    expect(cloudConsoleUrl(deployment)).toBe(
      'https://console.cloud.google.com/run/detail/europe-west1/web/metrics?project=acme-web',
    );
  });

  it('gives no Cloud Run link without the project', () => {
    const deployment = makeDeployment(2, {
      spec: { ...makeDeployment(2).spec, provider: 'gcp-cloud-run' },
    });
    expect(cloudConsoleUrl(deployment)).toBeUndefined();
  });

  it('links an ACI container group by its ARM id, and nothing for another value', () => {
    const id =
      '/subscriptions/0000/resourceGroups/rg-web/providers/Microsoft.ContainerInstance/containerGroups/web';
    const spec = {
      ...makeDeployment(3).spec,
      provider: 'azure-container-instances' as const,
    };
    expect(
      cloudConsoleUrl(
        makeDeployment(3, { spec, outputs: { containerGroupId: id } }),
      ),
    ).toBe(`https://portal.azure.com/#resource${id}/overview`);
    expect(
      cloudConsoleUrl(
        makeDeployment(3, {
          spec,
          outputs: { containerGroupId: 'https://evil.example.test/#x' },
        }),
      ),
    ).toBeUndefined();
  });

  it('links a Kubernetes Deployment only through a configured dashboard', () => {
    const deployment = makeDeployment(4, {
      spec: { ...makeDeployment(4).spec, provider: 'kubernetes' },
      outputs: { cluster: 'prod', namespace: 'web', deployment: 'api' },
    });
    expect(cloudConsoleUrl(deployment)).toBeUndefined();
    expect(
      cloudConsoleUrl(deployment, {
        kubernetesConsoleUrl:
          'https://dash.example.test/{cluster}/#/deployment/{namespace}/{name}',
      }),
    ).toBe('https://dash.example.test/prod/#/deployment/web/api');
  });

  it('never links a sandbox deployment', () => {
    const deployment = makeDeployment(1, {
      sandbox: true,
      outputs: { endpointName: 'model-1', region: 'us-east-1' },
    });
    expect(cloudConsoleUrl(deployment)).toBeUndefined();
  });
});
