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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { makeDeployment } from '../../__testUtils__/fixtures';
import { EndpointLink } from './EndpointLink';

describe('EndpointLink', () => {
  it('marks a sandbox endpoint as sandbox, as text rather than a link', async () => {
    await renderInTestApp(
      <EndpointLink
        deployment={makeDeployment(1, {
          sandbox: true,
          endpoint: 'http://localhost:4566/endpoints/model-1/invocations',
          outputs: { endpointName: 'model-1', region: 'us-east-1' },
        })}
      />,
    );
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
    expect(
      screen.getByText('http://localhost:4566/endpoints/model-1/invocations'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('links a real endpoint and its resources in the cloud console', async () => {
    await renderInTestApp(
      <EndpointLink
        deployment={makeDeployment(1, {
          endpoint:
            'https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/model-1/invocations',
          outputs: { endpointName: 'model-1', region: 'eu-west-1' },
        })}
      />,
    );
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/runtime\.sagemaker\.eu-west-1\.amazonaws\.com\/endpoints\/model-1\/invocations/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Open model-1 in the AWS console/ }),
    ).toHaveAttribute(
      'href',
      'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/endpoints/model-1',
    );
    expect(screen.queryByText('Sandbox')).not.toBeInTheDocument();
  });

  it('links a Kubernetes Deployment only to a configured dashboard', async () => {
    const deployment = makeDeployment(2, {
      endpoint: 'http://api.web.svc.cluster.local',
      spec: { ...makeDeployment(2).spec, provider: 'kubernetes' },
      outputs: { cluster: 'prod', namespace: 'web', deployment: 'api' },
    });
    const { unmount } = await renderInTestApp(
      <EndpointLink deployment={deployment} />,
    );
    expect(screen.getAllByRole('link')).toHaveLength(1);
    unmount();

    await renderInTestApp(<EndpointLink deployment={deployment} />, {
      config: {
        cloudDeployments: {
          kubernetesConsoleUrl:
            'https://dash.example.test/#/deployment/{namespace}/{name}',
        },
      },
    });
    expect(
      screen.getByRole('link', {
        name: /^Open model-2 in the Kubernetes dashboard/,
      }),
    ).toHaveAttribute('href', 'https://dash.example.test/#/deployment/web/api');
  });

  it('renders nothing without an endpoint', async () => {
    const { container } = await renderInTestApp(
      <EndpointLink deployment={makeDeployment(1)} />,
    );
    expect(container.textContent).toBe('');
  });
});
