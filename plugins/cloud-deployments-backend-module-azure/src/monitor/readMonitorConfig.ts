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
import { AzureMonitorSourceOptions } from './AzureMonitorSource';

/** The config key under which traffic from Azure Monitor is configured. */
export const AZURE_MONITOR_CONFIG_KEY = 'cloudDeployments.azure.monitor';

const monitorConfigSchema = z.object({
  enabled: booleanConfig(),
  idleBytesPerDay: z
    .preprocess(
      // As Backstage's getNumber: a number written as text is that number.
      value =>
        typeof value === 'string' && value.trim() !== '' && !isNaN(+value)
          ? Number(value)
          : value,
      z
        .number({ invalid_type_error: 'expected a number of bytes' })
        .min(0, 'expected 0 or more bytes')
        .optional(),
    )
    .optional(),
  concurrency: positiveIntegerConfig().refine(
    n => n === undefined || n <= 16,
    'at most 16 requests at once',
  ),
  maxRetries: z
    .number({ invalid_type_error: 'expected a whole number of retries' })
    .int('expected a whole number of retries')
    .min(0, 'expected a whole number of retries')
    .max(10, 'at most 10 retries')
    .optional(),
  timeoutMs: positiveIntegerConfig(),
});

/**
 * Reads `cloudDeployments.azure.monitor`: `enabled` as configured
 * (undefined when absent, so that the module decides: off against real
 * subscriptions, on in sandbox mode), and the source's options but its
 * subscriptions. Throws on invalid values, so that a misconfiguration stops
 * the backend at start.
 */
export function readMonitorConfig(rootConfig: Config): {
  enabled: boolean | undefined;
} & Pick<
  AzureMonitorSourceOptions,
  'idleBytesPerDay' | 'concurrency' | 'maxRetries' | 'timeoutMs'
> {
  const { enabled, ...options } =
    readConfigWithSchema(
      rootConfig,
      AZURE_MONITOR_CONFIG_KEY,
      monitorConfigSchema.optional(),
    ) ?? {};
  return { enabled, ...options };
}
