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
import {
  booleanConfig,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
import { AwsCloudWatchSourceOptions } from './AwsCloudWatchSource';

/** The config key under which traffic from Amazon CloudWatch is configured. */
export const AWS_CLOUDWATCH_CONFIG_KEY = 'cloudDeployments.aws.cloudWatch';

const cloudWatchConfigSchema = z.object({
  enabled: booleanConfig(),
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
 * Reads `cloudDeployments.aws.cloudWatch`: `enabled` as configured
 * (undefined when absent, so that the module decides: off against real
 * accounts, on in sandbox mode), and the source's options but its accounts.
 * Throws on invalid values, so that a misconfiguration stops the backend at
 * start.
 */
export function readAwsCloudWatchOptions(rootConfig: Config): {
  enabled: boolean | undefined;
} & Omit<AwsCloudWatchSourceOptions, 'accounts'> {
  const config = readConfigWithSchema(
    rootConfig,
    AWS_CLOUDWATCH_CONFIG_KEY,
    cloudWatchConfigSchema.optional(),
  );
  return {
    enabled: config?.enabled,
    endpoint: config?.endpoint,
    maxAttempts: config?.maxAttempts,
    requestTimeoutMs: config?.requestTimeoutMs,
  };
}
