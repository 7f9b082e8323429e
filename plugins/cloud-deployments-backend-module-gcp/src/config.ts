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
  everyItemMatches,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
import { GcpBillingCatalogSourceOptions } from './GcpBillingCatalogSource';
import { GCP_REGION_PATTERN } from './gcpRegion';

/** The config key under which GCP live pricing is configured. */
export const GCP_PRICING_CONFIG_KEY = 'cloudDeployments.pricing.gcp';

const gcpPricingConfigSchema = z.object({
  apiKey: z.string().refine(apiKey => apiKey.trim() !== '', 'empty'),
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
    .transform(regions => [...new Set(regions)]),
  baseUrl: z.string().optional(),
  timeoutMs: positiveIntegerConfig(),
  attempts: positiveIntegerConfig(),
});

/**
 * Reads `cloudDeployments.pricing.gcp`: the options of the GCP price source,
 * or undefined when the key is absent (live GCP prices are off). Throws on
 * invalid values, so that a misconfiguration stops the backend at start;
 * the messages never contain the API key.
 */
export function readGcpPricingSourceOptions(
  rootConfig: Config,
): (GcpBillingCatalogSourceOptions & { regions: string[] }) | undefined {
  return readConfigWithSchema(
    rootConfig,
    GCP_PRICING_CONFIG_KEY,
    gcpPricingConfigSchema.optional(),
  );
}
