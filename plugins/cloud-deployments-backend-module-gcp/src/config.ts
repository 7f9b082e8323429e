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
  everyItemMatches,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
import { parseBaseUrl } from './billingCatalog/billingCatalogApi';
import { GCP_REGION_PATTERN } from './gcpRegion';

/** The config key under which GCP live pricing is configured. */
export const GCP_PRICING_CONFIG_KEY = 'cloudDeployments.pricing.gcp';

/**
 * The regions priced when none are configured, besides those of the
 * configured Cloud Run accounts: Iowa and Belgium (Cloud Run's first price
 * tier) and Frankfurt (its second). More regions cost nothing extra: the
 * catalogs are read whole, whatever the number of regions.
 */
export const DEFAULT_GCP_PRICING_REGIONS: readonly string[] = [
  'us-central1',
  'europe-west1',
  'europe-west3',
];

const gcpPricingConfigSchema = z.object({
  enabled: booleanConfig(),
  apiKey: z
    .string()
    .refine(apiKey => apiKey.trim() !== '', 'empty')
    .optional(),
  regions: z
    .array(z.string())
    .min(1, 'list at least one region')
    .superRefine(
      everyItemMatches(
        GCP_REGION_PATTERN,
        region =>
          `'${region}' is not a Google Cloud region such as us-central1`,
      ),
    )
    .transform(regions => [...new Set(regions)])
    .optional(),
  baseUrl: z
    .string()
    .superRefine((baseUrl, ctx) => {
      try {
        parseBaseUrl(baseUrl);
      } catch (error) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: (error as Error).message,
        });
      }
    })
    .optional(),
  timeoutMs: positiveIntegerConfig(),
  attempts: positiveIntegerConfig(),
});

/** What `cloudDeployments.pricing.gcp` configures. */
export type GcpPricingConfig = {
  /**
   * True when turned on explicitly, false when turned off, undefined when
   * not set, so that the module decides by the API key or by whether
   * Application Default Credentials resolve.
   */
  enabled: boolean | undefined;
  apiKey?: string;
  /** The configured regions, or the defaults. */
  regions: string[];
  baseUrl?: string;
  timeoutMs?: number;
  attempts?: number;
};

/**
 * Reads `cloudDeployments.pricing.gcp`. Without `regions`, the regions of
 * the Cloud Run accounts and {@link DEFAULT_GCP_PRICING_REGIONS}. Throws on
 * invalid values, so that a misconfiguration stops the backend at start;
 * the messages never contain the API key.
 */
export function readGcpPricingConfig(
  rootConfig: Config,
  accountRegions: readonly string[] = [],
): GcpPricingConfig {
  const config = readConfigWithSchema(
    rootConfig,
    GCP_PRICING_CONFIG_KEY,
    gcpPricingConfigSchema.optional(),
  );
  const { enabled, regions, ...options } = config ?? {};
  return {
    ...options,
    enabled,
    regions: regions ?? [
      ...new Set([...accountRegions, ...DEFAULT_GCP_PRICING_REGIONS]),
    ],
  };
}
