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
import { AwsPricingSourceOptions } from './AwsPricingSource';

/** The config key under which AWS live pricing is configured. */
export const AWS_PRICING_CONFIG_KEY = 'cloudDeployments.pricing.aws';

// Loose on purpose: it catches typos such as `us-east1` or `US-EAST-1`
// without having to list every AWS region.
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function positiveInteger(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(
      `Invalid config ${AWS_PRICING_CONFIG_KEY}.${key}: expected a positive integer, got ${value}`,
    );
  }
  return value;
}

/**
 * Reads `cloudDeployments.pricing.aws`: the options of the AWS price source,
 * or undefined when the key is absent (live AWS prices are off). Throws on
 * invalid values, so that a misconfiguration stops the backend at start.
 */
export function readAwsPricingSourceOptions(
  rootConfig: Config,
): (AwsPricingSourceOptions & { regions: string[] }) | undefined {
  const config = rootConfig.getOptionalConfig(AWS_PRICING_CONFIG_KEY);
  if (!config) {
    return undefined;
  }
  const regions = [...new Set(config.getStringArray('regions'))];
  if (regions.length === 0) {
    throw new Error(
      `Invalid config ${AWS_PRICING_CONFIG_KEY}.regions: list at least one region`,
    );
  }
  for (const region of regions) {
    if (!AWS_REGION_PATTERN.test(region)) {
      throw new Error(
        `Invalid config ${AWS_PRICING_CONFIG_KEY}.regions: '${region}' is not an AWS region code such as us-east-1`,
      );
    }
  }
  const accessKeyId = config.getOptionalString('accessKeyId');
  const secretAccessKey = config.getOptionalString('secretAccessKey');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new Error(
      `Invalid config ${AWS_PRICING_CONFIG_KEY}: set both accessKeyId and secretAccessKey, or neither to use the default AWS credential chain`,
    );
  }
  return {
    regions,
    region: config.getOptionalString('pricingApiRegion'),
    endpoint: config.getOptionalString('endpoint'),
    credentials:
      accessKeyId !== undefined && secretAccessKey !== undefined
        ? { accessKeyId, secretAccessKey }
        : undefined,
    maxAttempts: positiveInteger(config, 'maxAttempts'),
    requestTimeoutMs: positiveInteger(config, 'requestTimeoutMs'),
  };
}
