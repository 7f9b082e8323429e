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
import { AwsPricingSourceOptions } from './AwsPricingSource';

/** The config key under which AWS live pricing is configured. */
export const AWS_PRICING_CONFIG_KEY = 'cloudDeployments.pricing.aws';

// Loose on purpose: it catches typos such as `us-east1` or `US-EAST-1`
// without having to list every AWS region.
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * The regions priced when none are configured, besides those of the
 * configured SageMaker accounts: the snapshot's region and the largest US
 * and European ones. Bounded, because each region costs paginated queries
 * of two price lists per refresh.
 */
export const DEFAULT_AWS_PRICING_REGIONS: readonly string[] = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
];

const awsPricingConfigSchema = z
  .object({
    enabled: z.boolean().optional(),
    regions: z
      .array(z.string())
      .min(1, 'list at least one region')
      .superRefine(
        everyItemMatches(
          AWS_REGION_PATTERN,
          region => `'${region}' is not an AWS region code such as us-east-1`,
        ),
      )
      .transform(regions => [...new Set(regions)])
      .optional(),
    pricingApiRegion: z.string().optional(),
    endpoint: z.string().optional(),
    accessKeyId: z.string().optional(),
    secretAccessKey: z.string().optional(),
    maxAttempts: positiveIntegerConfig(),
    requestTimeoutMs: positiveIntegerConfig(),
  })
  .refine(
    c => (c.accessKeyId === undefined) === (c.secretAccessKey === undefined),
    'set both accessKeyId and secretAccessKey, or neither to use the default AWS credential chain',
  );

/**
 * Reads `cloudDeployments.pricing.aws`: the options of the AWS price source
 * and whether the config asks for it (`enabled`: true when set explicitly,
 * false when turned off, undefined when absent, so that the module decides
 * by whether credentials resolve). Without `regions`, the regions of the
 * SageMaker accounts and {@link DEFAULT_AWS_PRICING_REGIONS}. Throws on
 * invalid values, so that a misconfiguration stops the backend at start.
 */
export function readAwsPricingSourceOptions(
  rootConfig: Config,
  accountRegions: readonly string[] = [],
): AwsPricingSourceOptions & {
  regions: string[];
  enabled: boolean | undefined;
} {
  const config = readConfigWithSchema(
    rootConfig,
    AWS_PRICING_CONFIG_KEY,
    awsPricingConfigSchema.optional(),
  );
  const regions = config?.regions ?? [
    ...new Set([...accountRegions, ...DEFAULT_AWS_PRICING_REGIONS]),
  ];
  if (!config) {
    return { regions, enabled: undefined };
  }
  const { accessKeyId, secretAccessKey } = config;
  return {
    enabled: config.enabled ?? true,
    regions,
    region: config.pricingApiRegion,
    endpoint: config.endpoint,
    credentials:
      accessKeyId !== undefined && secretAccessKey !== undefined
        ? { accessKeyId, secretAccessKey }
        : undefined,
    maxAttempts: config.maxAttempts,
    requestTimeoutMs: config.requestTimeoutMs,
  };
}
