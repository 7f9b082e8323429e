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
import { Config } from '@backstage/config';
import { AWS_REGION_PATTERN } from '../config';

/** The config key under which the SageMaker provider is configured. */
export const SAGEMAKER_CONFIG_KEY = 'cloudDeployments.providers.aws';

/** The role models get in the sandbox, which checks no permissions. */
export const SANDBOX_EXECUTION_ROLE_ARN =
  'arn:aws:iam::123456789012:role/cloud-deployments-sandbox';

/** The account used when the sandbox runs without configured accounts. */
export const SANDBOX_ACCOUNT: SageMakerAccount = {
  id: 'sandbox',
  executionRoleArn: SANDBOX_EXECUTION_ROLE_ARN,
};

const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * Static AWS credentials of an account.
 *
 * @public
 */
export type SageMakerCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

/**
 * An AWS account (and credentials) the SageMaker provider deploys into.
 *
 * @public
 */
export type SageMakerAccount = {
  /** What `spec.account` refers to. */
  id: string;
  /** The IAM role SageMaker assumes for the models it hosts. */
  executionRoleArn: string;
  /** The regions deployments may use; any region when absent. */
  regions?: string[];
  /** Overrides the SageMaker API endpoint, e.g. a VPC endpoint or a proxy. */
  endpoint?: string;
  /** Static credentials; the AWS SDK's default credential chain when absent. */
  credentials?: SageMakerCredentials;
};

/** What `cloudDeployments.providers.aws` configures. */
export type SageMakerConfig = {
  /** True when the provider talks to the in-process sandbox. */
  sandbox: boolean;
  /** The first is the default. */
  accounts: SageMakerAccount[];
  /** Time limit of one SageMaker API request, in milliseconds. */
  timeoutMs: number;
};

function fail(key: string, message: string): never {
  throw new Error(`Invalid config ${SAGEMAKER_CONFIG_KEY}.${key}: ${message}`);
}

function readCredentials(
  config: Config,
  key: string,
): SageMakerCredentials | undefined {
  const accessKeyId = config.getOptionalString('accessKeyId');
  const secretAccessKey = config.getOptionalString('secretAccessKey');
  const sessionToken = config.getOptionalString('sessionToken');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    fail(
      key,
      'set both accessKeyId and secretAccessKey, or neither to use the default AWS credential chain',
    );
  }
  if (sessionToken !== undefined && accessKeyId === undefined) {
    fail(key, 'sessionToken needs accessKeyId and secretAccessKey');
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    return undefined;
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken !== undefined ? { sessionToken } : {}),
  };
}

function readAccount(
  config: Config,
  key: string,
  sandbox: boolean,
): SageMakerAccount {
  const id = config.getString('id');
  if (!ACCOUNT_ID.test(id)) {
    fail(
      `${key}.id`,
      `'${id}' must be lowercase letters, digits and dashes (at most 63), as spec.account uses it`,
    );
  }
  const executionRoleArn = sandbox
    ? config.getOptionalString('executionRoleArn') ?? SANDBOX_EXECUTION_ROLE_ARN
    : config.getOptionalString('executionRoleArn');
  if (executionRoleArn === undefined) {
    fail(
      `${key}.executionRoleArn`,
      'is required: the ARN of the IAM role SageMaker assumes for the models, e.g. arn:aws:iam::123456789012:role/SageMakerExecution',
    );
  }
  if (!ROLE_ARN.test(executionRoleArn)) {
    fail(
      `${key}.executionRoleArn`,
      `'${executionRoleArn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution`,
    );
  }
  const regions = config.getOptionalStringArray('regions');
  if (regions) {
    if (regions.length === 0) {
      fail(`${key}.regions`, 'list at least one region, or leave it out');
    }
    for (const region of regions) {
      if (!AWS_REGION_PATTERN.test(region)) {
        fail(
          `${key}.regions`,
          `'${region}' is not an AWS region code such as us-east-1`,
        );
      }
    }
  }
  const endpoint = config.getOptionalString('endpoint');
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      fail(`${key}.endpoint`, `'${endpoint}' is not an http(s) URL`);
    }
  }
  const credentials = readCredentials(config, key);
  return {
    id,
    executionRoleArn,
    ...(regions ? { regions: [...new Set(regions)] } : {}),
    ...(endpoint && !sandbox ? { endpoint } : {}),
    ...(credentials && !sandbox ? { credentials } : {}),
  };
}

/**
 * Reads `cloudDeployments.providers.aws`. Without the block (or with
 * `sandbox: true`) the provider runs against the in-process sandbox, with
 * the configured accounts if any (their credentials and endpoints unused)
 * or a single `sandbox` account. Throws on invalid values, so that a
 * misconfiguration stops the backend at start; messages never contain
 * credentials.
 */
export function readSageMakerConfig(rootConfig: Config): SageMakerConfig {
  const config = rootConfig.getOptionalConfig(SAGEMAKER_CONFIG_KEY);
  const timeoutMs = config?.getOptionalNumber('timeoutMs') ?? 30000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    fail('timeoutMs', `expected a positive integer, got ${timeoutMs}`);
  }
  const sandbox = !config || (config.getOptionalBoolean('sandbox') ?? false);
  const accounts = (config?.getOptionalConfigArray('accounts') ?? []).map(
    (c, i) => readAccount(c, `accounts[${i}]`, sandbox),
  );
  const seen = new Set<string>();
  for (const [i, account] of accounts.entries()) {
    if (seen.has(account.id)) {
      fail(`accounts[${i}].id`, `'${account.id}' is used by two accounts`);
    }
    seen.add(account.id);
  }
  if (sandbox) {
    return {
      sandbox,
      timeoutMs,
      accounts: accounts.length ? accounts : [SANDBOX_ACCOUNT],
    };
  }
  if (accounts.length === 0) {
    fail(
      'accounts',
      'list at least one AWS account, or set sandbox: true to use the local sandbox',
    );
  }
  return { sandbox, timeoutMs, accounts };
}
