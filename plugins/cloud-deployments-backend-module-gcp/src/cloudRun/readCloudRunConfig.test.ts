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
import { readCloudRunConfig, SANDBOX_ACCOUNT } from './readCloudRunConfig';

const KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'acme-ml',
  private_key_id: 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0001',
  private_key:
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANconfigsecret\n-----END PRIVATE KEY-----\n',
  client_email: 'deployer@acme-ml.iam.gserviceaccount.com',
});

const read = (gcp?: unknown) =>
  readCloudRunConfig(
    new ConfigReader(
      gcp === undefined ? {} : { cloudDeployments: { providers: { gcp } } },
    ),
  );

describe('readCloudRunConfig', () => {
  it('runs the sandbox when the block is absent', () => {
    expect(read()).toEqual({
      sandbox: true,
      accounts: [SANDBOX_ACCOUNT],
      timeoutMs: 30000,
    });
  });

  it('runs the sandbox with the configured projects, without their credentials, when asked to', () => {
    expect(
      read({
        sandbox: true,
        accounts: [
          {
            id: 'ml',
            projectId: 'acme-ml',
            regions: ['us-central1'],
            credentials: KEY,
          },
        ],
      }),
    ).toEqual({
      sandbox: true,
      accounts: [{ id: 'ml', projectId: 'acme-ml', regions: ['us-central1'] }],
      timeoutMs: 30000,
    });
  });

  it('reads accounts, the first being the default', () => {
    const config = read({
      timeoutMs: 10000,
      accounts: [
        {
          id: 'ml',
          projectId: 'acme-ml',
          regions: ['us-central1', 'europe-west1', 'us-central1'],
          credentials: KEY,
        },
        {
          id: 'sandbox-2',
          projectId: 'acme-other',
          keyFilename: '/etc/gcp/key.json',
          apiEndpoint: 'europe-west1-run.googleapis.com',
        },
        { id: 'adc', projectId: '123456789012' },
      ],
    });
    expect(config).toEqual({
      sandbox: false,
      timeoutMs: 10000,
      accounts: [
        {
          id: 'ml',
          projectId: 'acme-ml',
          regions: ['us-central1', 'europe-west1'],
          credentials: JSON.parse(KEY),
        },
        {
          id: 'sandbox-2',
          projectId: 'acme-other',
          keyFilename: '/etc/gcp/key.json',
          apiEndpoint: 'europe-west1-run.googleapis.com',
        },
        { id: 'adc', projectId: '123456789012' },
      ],
    });
  });

  it('accepts credentials given as an object', () => {
    const credentials = JSON.parse(KEY);
    expect(
      read({ accounts: [{ id: 'ml', projectId: 'acme-ml', credentials }] })
        .accounts[0].credentials,
    ).toEqual(credentials);
  });

  it.each([
    [
      {},
      'accounts: list at least one Google Cloud project, or set sandbox: true',
    ],
    [{ accounts: [] }, 'accounts: list at least one Google Cloud project'],
    [
      { accounts: [{ projectId: 'acme-ml' }] },
      "Missing required config value at 'cloudDeployments.providers.gcp.accounts[0].id'",
    ],
    [
      { accounts: [{ id: 'ml' }] },
      "Missing required config value at 'cloudDeployments.providers.gcp.accounts[0].projectId'",
    ],
    [
      { accounts: [{ id: 'ML', projectId: 'acme-ml' }] },
      "accounts[0].id: 'ML' must be lowercase letters",
    ],
    [
      { accounts: [{ id: 'ml', projectId: 'Acme ML' }] },
      "accounts[0].projectId: 'Acme ML' is not a Google Cloud project id",
    ],
    [
      {
        accounts: [
          { id: 'ml', projectId: 'acme-ml' },
          { id: 'ml', projectId: 'acme-2' },
        ],
      },
      "accounts[1].id: 'ml' is used by two accounts",
    ],
    [
      {
        accounts: [
          { id: 'ml', projectId: 'acme-ml', regions: ['us-central-1'] },
        ],
      },
      "accounts[0].regions: 'us-central-1' is not a Google Cloud region",
    ],
    [
      { accounts: [{ id: 'ml', projectId: 'acme-ml', regions: [] }] },
      'accounts[0].regions: list at least one region',
    ],
    [
      {
        accounts: [
          {
            id: 'ml',
            projectId: 'acme-ml',
            credentials: KEY,
            keyFilename: '/k.json',
          },
        ],
      },
      'accounts[0]: set credentials or keyFilename, not both',
    ],
    [
      {
        accounts: [{ id: 'ml', projectId: 'acme-ml', apiEndpoint: 'ftp://x' }],
      },
      "accounts[0].apiEndpoint: 'ftp://x' must be an http or https URL",
    ],
    [
      {
        accounts: [
          { id: 'ml', projectId: 'acme-ml', apiEndpoint: 'https://x/v2' },
        ],
      },
      'without a path',
    ],
    [
      { timeoutMs: 0, accounts: [{ id: 'ml', projectId: 'acme-ml' }] },
      'timeoutMs: expected a positive integer, got 0',
    ],
  ])('refuses bad config %#', (gcp, message) => {
    expect(() => read(gcp)).toThrow(message);
  });

  it('never quotes credentials in its errors', () => {
    const broken = KEY.slice(0, -1);
    const error = (() => {
      try {
        read({
          accounts: [{ id: 'ml', projectId: 'acme-ml', credentials: broken }],
        });
        return undefined;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe(
      'Invalid config cloudDeployments.providers.gcp.accounts[0].credentials: not valid JSON; expected the content of a service account key file',
    );
    expect(() =>
      read({
        accounts: [
          {
            id: 'ml',
            projectId: 'acme-ml',
            credentials: '"MIIEvQIBADANconfigsecret"',
          },
        ],
      }),
    ).toThrow(/^((?!MIIEvQIBADAN).)*$/);
  });
});
