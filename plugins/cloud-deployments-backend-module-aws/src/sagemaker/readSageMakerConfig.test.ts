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
import {
  readSageMakerConfig,
  SANDBOX_ACCOUNT,
  SANDBOX_EXECUTION_ROLE_ARN,
} from './readSageMakerConfig';

const ROLE = 'arn:aws:iam::210987654321:role/SageMakerExecution';

function read(aws?: object) {
  return readSageMakerConfig(
    new ConfigReader(
      aws === undefined ? {} : { cloudDeployments: { providers: { aws } } },
    ),
  );
}

describe('readSageMakerConfig', () => {
  it('runs the sandbox with one account when the block is absent', () => {
    expect(read()).toEqual({
      sandbox: true,
      timeoutMs: 30000,
      accounts: [SANDBOX_ACCOUNT],
    });
  });

  it('reads accounts, the first being the default', () => {
    expect(
      read({
        timeoutMs: 10000,
        accounts: [
          {
            id: 'prod',
            executionRoleArn: ROLE,
            regions: ['us-east-1', 'eu-west-1', 'us-east-1'],
            accessKeyId: 'AKIAPROD',
            secretAccessKey: 'prod-secret',
            sessionToken: 'prod-token',
          },
          {
            id: 'dev',
            executionRoleArn: ROLE,
            endpoint: 'https://api.sagemaker.eu-west-1.amazonaws.com',
          },
        ],
      }),
    ).toEqual({
      sandbox: false,
      timeoutMs: 10000,
      accounts: [
        {
          id: 'prod',
          executionRoleArn: ROLE,
          regions: ['us-east-1', 'eu-west-1'],
          credentials: {
            accessKeyId: 'AKIAPROD',
            secretAccessKey: 'prod-secret',
            sessionToken: 'prod-token',
          },
        },
        {
          id: 'dev',
          executionRoleArn: ROLE,
          endpoint: 'https://api.sagemaker.eu-west-1.amazonaws.com',
        },
      ],
    });
  });

  it('keeps account ids, regions and roles but no credentials with sandbox: true', () => {
    expect(
      read({
        sandbox: true,
        accounts: [
          {
            id: 'prod',
            regions: ['us-east-1'],
            accessKeyId: 'AKIAPROD',
            secretAccessKey: 'prod-secret',
            endpoint: 'https://example.com',
          },
        ],
      }),
    ).toEqual({
      sandbox: true,
      timeoutMs: 30000,
      accounts: [
        {
          id: 'prod',
          regions: ['us-east-1'],
          executionRoleArn: SANDBOX_EXECUTION_ROLE_ARN,
        },
      ],
    });
  });

  it.each([
    [{}, /accounts: list at least one AWS account, or set sandbox: true/],
    [
      { accounts: [{ id: 'prod' }] },
      /accounts\[0\]\.executionRoleArn: is required/,
    ],
    [
      { accounts: [{ id: 'prod', executionRoleArn: 'SageMakerExecution' }] },
      /'SageMakerExecution' is not an IAM role ARN/,
    ],
    [
      { accounts: [{ id: 'Prod', executionRoleArn: ROLE }] },
      /accounts\[0\]\.id: 'Prod' must be lowercase/,
    ],
    [
      {
        accounts: [
          { id: 'prod', executionRoleArn: ROLE },
          { id: 'prod', executionRoleArn: ROLE },
        ],
      },
      /accounts\[1\]\.id: 'prod' is used by two accounts/,
    ],
    [
      {
        accounts: [
          { id: 'prod', executionRoleArn: ROLE, regions: ['us-east1'] },
        ],
      },
      /'us-east1' is not an AWS region code/,
    ],
    [
      { accounts: [{ id: 'prod', executionRoleArn: ROLE, regions: [] }] },
      /list at least one region, or leave it out/,
    ],
    [
      {
        accounts: [
          { id: 'prod', executionRoleArn: ROLE, endpoint: 'localhost' },
        ],
      },
      /accounts\[0\]\.endpoint: 'localhost' is not an http\(s\) URL/,
    ],
    [
      { timeoutMs: 0, accounts: [{ id: 'prod', executionRoleArn: ROLE }] },
      /timeoutMs: expected a positive integer, got 0/,
    ],
  ])('refuses invalid config %j', (aws, message) => {
    expect(() => read(aws)).toThrow(message);
  });

  it('refuses half of a key pair without showing it', () => {
    const secret = 'only-the-secret-half';
    const attempt = () =>
      read({
        accounts: [
          { id: 'prod', executionRoleArn: ROLE, secretAccessKey: secret },
        ],
      });
    expect(attempt).toThrow(
      'Invalid config cloudDeployments.providers.aws.accounts[0]: set both accessKeyId and secretAccessKey, or neither to use the default AWS credential chain',
    );
    expect(() =>
      read({
        accounts: [{ id: 'prod', executionRoleArn: ROLE, sessionToken: 't' }],
      }),
    ).toThrow(/sessionToken needs accessKeyId and secretAccessKey/);
  });
});
