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
import { AzureRetailPricesSourceOptions } from './AzureRetailPricesSource';
import { AZURE_REGION_PATTERN } from './azureRegion';

/** The config key under which Azure live pricing is configured. */
export const AZURE_PRICING_CONFIG_KEY = 'cloudDeployments.pricing.azure';

/**
 * The regions priced when none are configured, besides those of the
 * configured subscriptions: the snapshot's Container Instances regions
 * (eastus, swedencentral) and the largest regions in the US and Europe.
 * Bounded, because each region costs two paginated queries per refresh.
 */
export const DEFAULT_AZURE_PRICING_REGIONS: readonly string[] = [
  'eastus',
  'westus2',
  'westeurope',
  'northeurope',
  'swedencentral',
];

const azurePricingConfigSchema = z.object({
  enabled: z.boolean().optional(),
  regions: z
    .array(z.string())
    .min(1, 'list at least one region')
    .superRefine(
      everyItemMatches(
        AZURE_REGION_PATTERN,
        region => `'${region}' is not an Azure region name such as eastus`,
      ),
    )
    .transform(regions => [...new Set(regions)])
    .optional(),
  baseUrl: z.string().optional(),
  timeoutMs: positiveIntegerConfig(),
  attempts: positiveIntegerConfig(),
});

/**
 * Reads `cloudDeployments.pricing.azure`: the options of the Azure price
 * source, or undefined when `enabled: false` turns it off. The API needs no
 * credentials, so the source is on without config, for the regions of the
 * configured subscriptions and {@link DEFAULT_AZURE_PRICING_REGIONS}.
 * Throws on invalid values, so that a misconfiguration stops the backend at
 * start.
 */
export function readAzurePricingSourceOptions(
  rootConfig: Config,
  subscriptionRegions: readonly string[] = [],
):
  | (AzureRetailPricesSourceOptions & {
      regions: string[];
      /** Whether the regions are the defaults rather than configured. */
      defaultRegions: boolean;
    })
  | undefined {
  const { enabled, regions, ...options } =
    readConfigWithSchema(
      rootConfig,
      AZURE_PRICING_CONFIG_KEY,
      azurePricingConfigSchema.optional(),
    ) ?? {};
  if (enabled === false) {
    return undefined;
  }
  return {
    ...options,
    regions: regions ?? [
      ...new Set([...subscriptionRegions, ...DEFAULT_AZURE_PRICING_REGIONS]),
    ],
    defaultRegions: !regions,
  };
}
