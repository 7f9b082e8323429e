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
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { readKubernetesConfig } from './readKubernetesConfig';

const read = (data: object) =>
  readKubernetesConfig(new ConfigReader(data), mockServices.logger.mock());

describe('readKubernetesConfig', () => {
  it('is the sandbox cluster local with defaults when nothing is configured', () => {
    expect(read({})).toEqual({
      clusters: [{ name: 'local', url: '' }],
      sandbox: true,
      namespace: 'default',
      fieldManager: 'backstage-cloud-deployments',
      containerPort: 8080,
      rolloutTimeoutMs: 600_000,
      ingress: undefined,
    });
  });

  it('takes the service-account clusters of the kubernetes config, and skips the others with a warning', () => {
    const logger = mockServices.logger.mock();
    const settings = readKubernetesConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod-eu',
                  url: 'https://10.0.0.1:6443',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'sa-token',
                  caData: 'Q0E=',
                },
                {
                  name: 'gke',
                  url: 'https://10.0.0.2',
                  authProvider: 'google',
                },
              ],
            },
          ],
        },
        cloudDeployments: {
          providers: {
            kubernetes: {
              namespace: 'apps',
              containerPort: 3000,
              rolloutTimeout: { minutes: 3 },
              ingress: { domain: 'apps.example.com', className: 'nginx' },
            },
          },
        },
      }),
      logger,
    );
    expect(settings).toMatchObject({
      clusters: [
        {
          name: 'prod-eu',
          url: 'https://10.0.0.1:6443',
          token: 'sa-token',
          caData: 'Q0E=',
        },
      ],
      sandbox: false,
      namespace: 'apps',
      containerPort: 3000,
      rolloutTimeoutMs: 180_000,
      ingress: { domain: 'apps.example.com', className: 'nginx' },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      'Kubernetes cluster gke is skipped for deployments: authProvider google is not supported here (use serviceAccount with serviceAccountToken)',
    );
  });

  it.each([
    [
      {
        cloudDeployments: { providers: { kubernetes: { namespace: 'Apps' } } },
      },
      "namespace 'Apps' is not a namespace name",
    ],
    [
      { cloudDeployments: { providers: { kubernetes: { containerPort: 0 } } } },
      'containerPort must be a port number',
    ],
    [
      {
        cloudDeployments: {
          providers: { kubernetes: { fieldManager: 'a b' } },
        },
      },
      'fieldManager must be 1-128 printable characters',
    ],
    [
      {
        cloudDeployments: {
          providers: { kubernetes: { ingress: { domain: 'not a domain' } } },
        },
      },
      "ingress.domain 'not a domain' is not a DNS domain",
    ],
    [
      {
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'config', clusters: [{ name: 'Prod', url: 'https://x' }] },
          ],
        },
      },
      "kubernetes cluster name 'Prod' cannot be named",
    ],
  ])('refuses %j', (data, message) => {
    expect(() => read(data)).toThrow(message);
  });
});
