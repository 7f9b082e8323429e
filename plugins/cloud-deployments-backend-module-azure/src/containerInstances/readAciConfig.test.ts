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
import { readAciConfig, SANDBOX_SUBSCRIPTION } from './readAciConfig';

const SUB = '11111111-2222-3333-4444-555555555555';
const TENANT = '22222222-2222-3333-4444-555555555555';
const CLIENT = '33333333-2222-3333-4444-555555555555';

const read = (azure?: object) =>
  readAciConfig(
    new ConfigReader(
      azure === undefined ? {} : { cloudDeployments: { providers: { azure } } },
    ),
  );

describe('readAciConfig', () => {
  it('is in sandbox mode with one sandbox subscription when the block is absent', () => {
    expect(read()).toEqual({
      sandbox: true,
      timeoutMs: 30000,
      subscriptions: [SANDBOX_SUBSCRIPTION],
    });
  });

  it('reads subscriptions, the first being the default', () => {
    expect(
      read({
        timeoutMs: 10000,
        subscriptions: [
          {
            id: 'prod',
            subscriptionId: SUB,
            resourceGroup: 'ml-prod',
            regions: ['westeurope', 'westeurope', 'eastus'],
            tenantId: TENANT,
            clientId: CLIENT,
            clientSecret: 'secret',
          },
          {
            id: 'dev',
            subscriptionId: SUB,
            resourceGroup: 'ml_dev.(1)',
            endpoint: 'https://management.usgovcloudapi.net/',
          },
        ],
      }),
    ).toEqual({
      sandbox: false,
      timeoutMs: 10000,
      subscriptions: [
        {
          id: 'prod',
          subscriptionId: SUB,
          resourceGroup: 'ml-prod',
          regions: ['westeurope', 'eastus'],
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: 'secret',
        },
        {
          id: 'dev',
          subscriptionId: SUB,
          resourceGroup: 'ml_dev.(1)',
          endpoint: 'https://management.usgovcloudapi.net',
        },
      ],
    });
  });

  it('keeps the subscriptions but drops credentials with sandbox: true', () => {
    expect(
      read({
        sandbox: true,
        subscriptions: [
          {
            id: 'prod',
            subscriptionId: SUB,
            resourceGroup: 'ml-prod',
            regions: ['eastus'],
            tenantId: TENANT,
            clientId: CLIENT,
            clientSecret: 'secret',
            endpoint: 'https://example.test',
          },
        ],
      }),
    ).toEqual({
      sandbox: true,
      timeoutMs: 30000,
      subscriptions: [
        {
          id: 'prod',
          subscriptionId: SUB,
          resourceGroup: 'ml-prod',
          regions: ['eastus'],
        },
      ],
    });
  });

  it.each([
    [
      {},
      'subscriptions: list at least one Azure subscription, or set sandbox: true',
    ],
    [{ timeoutMs: 0 }, 'timeoutMs: expected a positive integer, got 0'],
    [
      {
        subscriptions: [
          { id: 'Prod', subscriptionId: SUB, resourceGroup: 'rg' },
        ],
      },
      "subscriptions[0].id: 'Prod' must be lowercase letters, digits and dashes",
    ],
    [
      {
        subscriptions: [
          { id: 'p', subscriptionId: 'my-sub', resourceGroup: 'rg' },
        ],
      },
      "subscriptions[0].subscriptionId: 'my-sub' is not a subscription id (a GUID)",
    ],
    [
      {
        subscriptions: [{ id: 'p', subscriptionId: SUB, resourceGroup: 'rg.' }],
      },
      "subscriptions[0].resourceGroup: 'rg.' is not a resource group name",
    ],
    [
      {
        subscriptions: [
          {
            id: 'p',
            subscriptionId: SUB,
            resourceGroup: 'rg',
            regions: ['West Europe'],
          },
        ],
      },
      "subscriptions[0].regions: 'West Europe' is not an Azure region name",
    ],
    [
      {
        subscriptions: [
          {
            id: 'p',
            subscriptionId: SUB,
            resourceGroup: 'rg',
            endpoint: 'http://127.0.0.1:8080',
          },
        ],
      },
      "subscriptions[0].endpoint: 'http://127.0.0.1:8080' must be an https URL",
    ],
    [
      {
        subscriptions: [
          { id: 'p', subscriptionId: SUB, resourceGroup: 'a' },
          { id: 'p', subscriptionId: SUB, resourceGroup: 'b' },
        ],
      },
      "subscriptions[1].id: 'p' is used by two subscriptions",
    ],
    [
      {
        subscriptions: [{ id: 'p', subscriptionId: SUB, resourceGroup: 'rg' }],
        sandbox: 'sometimes',
      },
      'sandbox',
    ],
  ])('refuses bad config %j', (azure, message) => {
    expect(() => read(azure)).toThrow(message);
  });

  it('never quotes a client secret in its errors', () => {
    const secret = 'a-very-secret-value';
    expect(() =>
      read({
        subscriptions: [
          {
            id: 'p',
            subscriptionId: SUB,
            resourceGroup: 'rg',
            clientSecret: secret,
          },
        ],
      }),
    ).toThrow(
      'Invalid config cloudDeployments.providers.azure.subscriptions[0]: clientSecret needs tenantId and clientId too',
    );
    const error = (() => {
      try {
        return read({
          subscriptions: [
            {
              id: 'p',
              subscriptionId: SUB,
              resourceGroup: 'rg',
              clientSecret: secret,
            },
          ],
        });
      } catch (e) {
        return e;
      }
    })();
    expect(String(error)).not.toContain(secret);
  });
});
