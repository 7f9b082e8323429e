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
import { durationToMilliseconds } from '@backstage/types';
import {
  booleanConfig,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
import { parseApiEndpoint } from '../cloudRun/apiEndpoint';
import { credentialsSchema, PROJECT_ID } from '../cloudRun/readCloudRunConfig';
import {
  BILLING_EXPORT_TABLE_PATTERN,
  GcpBillingExportSourceOptions,
} from './GcpBillingExportSource';

/** The config key under which the billing export source is configured. */
export const GCP_BILLING_EXPORT_CONFIG_KEY =
  'cloudDeployments.gcp.billingExport';

const HOUR = 3600_000;

const billingExportConfigSchema = z
  .object({
    enabled: booleanConfig(),
    table: z
      .string()
      .refine(
        table => BILLING_EXPORT_TABLE_PATTERN.test(table),
        table => ({
          message: `'${table}' is not a BigQuery table as project.dataset.table`,
        }),
      )
      .optional(),
    projectId: z
      .string()
      .refine(
        projectId => PROJECT_ID.test(projectId),
        projectId => ({
          message: `'${projectId}' is not a Google Cloud project id`,
        }),
      )
      .optional(),
    location: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{1,30}$/, 'expected a location such as EU')
      .optional(),
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
    credentials: credentialsSchema.optional(),
    keyFilename: z.string().optional(),
    // Read by readDurationFromConfig, which names its own errors.
    cacheTtl: z.unknown().optional(),
    pageSize: positiveIntegerConfig(),
    maxRetries: z
      .number({ invalid_type_error: 'expected a whole number of retries' })
      .int('expected a whole number of retries')
      .min(0, 'expected a whole number of retries')
      .max(10, 'at most 10 retries')
      .optional(),
  })
  .refine(
    c => !(c.credentials && c.keyFilename),
    'set credentials or keyFilename, not both',
  )
  .superRefine((c, ctx) => {
    if (c.enabled === true && !c.table) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['table'],
        message:
          'name the standard usage cost export table, as project.dataset.table',
      });
    }
  });

/**
 * Reads `cloudDeployments.gcp.billingExport`: the options of the billing
 * export source, or undefined when it is off, as it is unless
 * `enabled: true`. Throws on invalid values, so that a misconfiguration
 * stops the backend at start; messages never contain credentials.
 */
export function readBillingExportConfig(
  rootConfig: Config,
): GcpBillingExportSourceOptions | undefined {
  const { enabled, cacheTtl, table, ...options } =
    readConfigWithSchema(
      rootConfig,
      GCP_BILLING_EXPORT_CONFIG_KEY,
      billingExportConfigSchema.optional(),
    ) ?? {};
  if (enabled !== true || !table) return undefined;
  let cacheTtlMs = 12 * HOUR;
  if (cacheTtl !== undefined) {
    cacheTtlMs = durationToMilliseconds(
      readDurationFromConfig(
        rootConfig.getConfig(GCP_BILLING_EXPORT_CONFIG_KEY),
        { key: 'cacheTtl' },
      ),
    );
    if (cacheTtlMs < 60_000 || cacheTtlMs > 7 * 24 * HOUR) {
      throw new InputError(
        `Invalid config ${GCP_BILLING_EXPORT_CONFIG_KEY}.cacheTtl: between 1 minute and 7 days`,
      );
    }
  }
  return { ...options, table, cacheTtlMs };
}
