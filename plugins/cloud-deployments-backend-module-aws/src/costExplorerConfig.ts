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
import { InputError } from '@backstage/errors';
import {
  booleanConfig,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
import {
  AWS_COST_EXPLORER_METRICS,
  AwsCostExplorerMetric,
  AwsCostExplorerSourceOptions,
} from './AwsCostExplorerSource';
import { SageMakerAccount } from './sagemaker/readSageMakerConfig';

/** The config key under which actual costs from AWS Cost Explorer are configured. */
export const AWS_COST_EXPLORER_CONFIG_KEY = 'cloudDeployments.aws.costExplorer';

const costExplorerConfigSchema = z.object({
  enabled: booleanConfig(),
  metric: z
    .enum(AWS_COST_EXPLORER_METRICS as [AwsCostExplorerMetric])
    .optional(),
  cacheHours: z
    .preprocess(
      value =>
        typeof value === 'string' && value.trim() !== '' && !isNaN(+value)
          ? Number(value)
          : value,
      z
        .number({ invalid_type_error: 'expected a number of hours' })
        .min(0, 'expected 0 or more hours')
        .optional(),
    )
    .optional(),
  account: z.string().optional(),
  endpoint: z
    .string()
    .refine(
      value => {
        try {
          return ['http:', 'https:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      value => ({ message: `'${value}' is not an http(s) URL` }),
    )
    .optional(),
  maxAttempts: positiveIntegerConfig(),
  requestTimeoutMs: positiveIntegerConfig(),
});

/**
 * Reads `cloudDeployments.aws.costExplorer`: whether actual costs from Cost
 * Explorer are on (only when the key is there and `enabled` is true), and
 * the source's options. The credentials are those of the SageMaker account
 * named by `account`, or the default AWS credential chain. Throws on invalid
 * values, so that a misconfiguration stops the backend at start.
 */
export function readAwsCostExplorerOptions(
  rootConfig: Config,
  accounts: readonly SageMakerAccount[],
): { enabled: boolean; account?: string } & AwsCostExplorerSourceOptions {
  const config = readConfigWithSchema(
    rootConfig,
    AWS_COST_EXPLORER_CONFIG_KEY,
    costExplorerConfigSchema.optional(),
  );
  if (!config?.enabled) {
    return { enabled: false };
  }
  let credentials: AwsCostExplorerSourceOptions['credentials'];
  if (config.account !== undefined) {
    const account = accounts.find(a => a.id === config.account);
    if (!account) {
      throw new InputError(
        `Invalid config ${AWS_COST_EXPLORER_CONFIG_KEY}.account: no AWS account '${
          config.account
        }' is configured under cloudDeployments.providers.aws.accounts (configured: ${
          accounts.map(a => a.id).join(', ') || 'none'
        })`,
      );
    }
    // A copy: the SDK marks the object it is given.
    credentials = account.credentials && { ...account.credentials };
  }
  return {
    enabled: true,
    account: config.account,
    metric: config.metric,
    cacheHours: config.cacheHours,
    endpoint: config.endpoint,
    credentials,
    maxAttempts: config.maxAttempts,
    requestTimeoutMs: config.requestTimeoutMs,
  };
}
