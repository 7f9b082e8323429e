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
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  booleanConfig,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod/v3';
import { AzureCostManagementSourceOptions } from './AzureCostManagementSource';

/** The config key under which the Cost Management source is configured. */
export const AZURE_COST_MANAGEMENT_CONFIG_KEY =
  'cloudDeployments.azure.costManagement';

const HOUR = 3600_000;

const costManagementConfigSchema = z.object({
  enabled: booleanConfig(),
  scope: z.enum(['resourceGroup', 'subscription']).optional(),
  costType: z.enum(['ActualCost', 'AmortizedCost']).optional(),
  // Read by readDurationFromConfig, which names its own errors.
  cacheTtl: z.unknown().optional(),
  timeoutMs: positiveIntegerConfig(),
  maxRetries: z
    .number({ invalid_type_error: 'expected a whole number of retries' })
    .int('expected a whole number of retries')
    .min(0, 'expected a whole number of retries')
    .max(10, 'at most 10 retries')
    .optional(),
});

/**
 * Reads `cloudDeployments.azure.costManagement`: the options of the Cost
 * Management source (but its subscriptions), or undefined when it is off,
 * as it is unless `enabled: true`. Throws on invalid values, so that a
 * misconfiguration stops the backend at start.
 */
export function readCostManagementConfig(rootConfig: Config):
  | (Omit<AzureCostManagementSourceOptions, 'subscriptions' | 'cacheTtlMs'> & {
      cacheTtlMs: number;
    })
  | undefined {
  const { enabled, cacheTtl, ...options } =
    readConfigWithSchema(
      rootConfig,
      AZURE_COST_MANAGEMENT_CONFIG_KEY,
      costManagementConfigSchema.optional(),
    ) ?? {};
  if (enabled !== true) return undefined;
  let cacheTtlMs = 12 * HOUR;
  if (cacheTtl !== undefined) {
    cacheTtlMs = durationToMilliseconds(
      readDurationFromConfig(
        rootConfig.getConfig(AZURE_COST_MANAGEMENT_CONFIG_KEY),
        { key: 'cacheTtl' },
      ),
    );
    if (cacheTtlMs < 60_000 || cacheTtlMs > 7 * 24 * HOUR) {
      throw new InputError(
        `Invalid config ${AZURE_COST_MANAGEMENT_CONFIG_KEY}.cacheTtl: between 1 minute and 7 days`,
      );
    }
  }
  return { ...options, cacheTtlMs };
}
