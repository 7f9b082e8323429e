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
import { parseApiEndpoint } from '../cloudRun/apiEndpoint';
import { GcpMonitoringSourceOptions } from './GcpMonitoringSource';

/** The config key under which traffic from Cloud Monitoring is configured. */
export const GCP_MONITORING_CONFIG_KEY = 'cloudDeployments.gcp.monitoring';

const monitoringConfigSchema = z.object({
  enabled: booleanConfig(),
  apiEndpoint: z
    .string()
    .superRefine((apiEndpoint, ctx) => {
      try {
        parseApiEndpoint(apiEndpoint);
      } catch (error) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: (error as Error).message,
        });
      }
    })
    .optional(),
  servicesPerRequest: positiveIntegerConfig().refine(
    n => n === undefined || n <= 500,
    'at most 500 services a request (the filter has a length limit)',
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
 * Reads `cloudDeployments.gcp.monitoring`: `enabled` as configured
 * (undefined when absent, so that the module decides: off against real
 * projects, on in sandbox mode), and the source's options but its accounts.
 * Throws on invalid values, so that a misconfiguration stops the backend at
 * start.
 */
export function readMonitoringConfig(rootConfig: Config): {
  enabled: boolean | undefined;
} & Omit<GcpMonitoringSourceOptions, 'accounts'> {
  const { enabled, ...options } =
    readConfigWithSchema(
      rootConfig,
      GCP_MONITORING_CONFIG_KEY,
      monitoringConfigSchema.optional(),
    ) ?? {};
  return { enabled, ...options };
}
