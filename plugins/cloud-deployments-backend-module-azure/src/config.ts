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
  AZURE_REGION_PATTERN,
  AzureRetailPricesSourceOptions,
} from './AzureRetailPricesSource';

/** The config key under which Azure live pricing is configured. */
export const AZURE_PRICING_CONFIG_KEY = 'cloudDeployments.pricing.azure';

function positiveInteger(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(
      `Invalid config ${AZURE_PRICING_CONFIG_KEY}.${key}: expected a positive integer, got ${value}`,
    );
  }
  return value;
}

/**
 * Reads `cloudDeployments.pricing.azure`: the options of the Azure price
 * source, or undefined when the key is absent (live Azure prices are off).
 * Throws on invalid values, so that a misconfiguration stops the backend at
 * start.
 */
export function readAzurePricingSourceOptions(
  rootConfig: Config,
): (AzureRetailPricesSourceOptions & { regions: string[] }) | undefined {
  const config = rootConfig.getOptionalConfig(AZURE_PRICING_CONFIG_KEY);
  if (!config) {
    return undefined;
  }
  const regions = [...new Set(config.getStringArray('regions'))];
  if (regions.length === 0) {
    throw new Error(
      `Invalid config ${AZURE_PRICING_CONFIG_KEY}.regions: list at least one region`,
    );
  }
  for (const region of regions) {
    if (!AZURE_REGION_PATTERN.test(region)) {
      throw new Error(
        `Invalid config ${AZURE_PRICING_CONFIG_KEY}.regions: '${region}' is not an Azure region name such as eastus`,
      );
    }
  }
  return {
    regions,
    baseUrl: config.getOptionalString('baseUrl'),
    timeoutMs: positiveInteger(config, 'timeoutMs'),
    attempts: positiveInteger(config, 'attempts'),
  };
}
