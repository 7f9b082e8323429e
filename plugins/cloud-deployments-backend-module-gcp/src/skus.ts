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
import { PriceUnit } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CLOUD_RUN_SKUS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/** The `category` of a Catalog API SKU. */
export type SkuCategory = {
  resourceFamily?: unknown;
  resourceGroup?: unknown;
  usageType?: unknown;
};

/**
 * Our SKU and unit for a catalog SKU. When several catalog SKUs price the
 * same SKU in a region, the higher `rank` wins.
 */
export type SkuMapping = { sku: string; unit: PriceUnit; rank: number };

/**
 * Lower case with single spaces, and the catalog's stray doubled "in"
 * ("… in in asia-northeast1") made single, so that descriptions match
 * loosely.
 */
function normalizeDescription(description: string): string {
  return description
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('en-US')
    .replace(/\bin in\b/g, 'in');
}

const CLOUD_RUN_RULES: ReadonlyArray<[RegExp, string, PriceUnit]> = [
  // "Tier 2" SKUs carry the prices of tier-2 regions (and sometimes two
  // spaces before "(Request").
  [
    /^services cpu (tier ?2 )?\(request-based billing\)$/,
    CLOUD_RUN_SKUS.requestCpu,
    'vcpu-second',
  ],
  [
    /^services memory (tier ?2 )?\(request-based billing\)$/,
    CLOUD_RUN_SKUS.requestMemory,
    'gib-second',
  ],
  [
    /^services min instance cpu (tier ?2 )?\(request-based billing\)$/,
    CLOUD_RUN_SKUS.requestIdleCpu,
    'vcpu-second',
  ],
  [
    /^services min instance memory (tier ?2 )?\(request-based billing\)$/,
    CLOUD_RUN_SKUS.requestIdleMemory,
    'gib-second',
  ],
  [/^requests$/, CLOUD_RUN_SKUS.requests, 'request'],
  [
    /^services cpu \(instance-based billing\) in \S+$/,
    CLOUD_RUN_SKUS.instanceCpu,
    'vcpu-second',
  ],
  [
    /^services memory \(instance-based billing\) in \S+$/,
    CLOUD_RUN_SKUS.instanceMemory,
    'gib-second',
  ],
];

/**
 * Maps a Cloud Run SKU (service `152E-C115-5142`) to one of
 * {@link CLOUD_RUN_SKUS} by its description; undefined for SKUs not priced
 * here (jobs, GPUs, networking, commitments, …).
 *
 * @internal
 */
export function classifyCloudRunSku(
  description: string,
  category: SkuCategory = {},
): SkuMapping | undefined {
  if (category.usageType !== undefined && category.usageType !== 'OnDemand') {
    return undefined;
  }
  const text = normalizeDescription(description);
  for (const [pattern, sku, unit] of CLOUD_RUN_RULES) {
    const match = pattern.exec(text);
    if (match) return { sku, unit, rank: match[1] ? 1 : 0 };
  }
  return undefined;
}

/**
 * The description prefixes of the predefined on-demand core and RAM SKUs of
 * the machine families priced here, e.g. "N2D AMD Instance Core running in
 * Americas", "N1 Predefined Instance Ram running in Zurich", "Compute
 * optimized Core running in Belgium" (C2).
 */
const COMPUTE_FAMILIES: ReadonlyArray<[string, string]> = [
  ['e2', 'e2 instance'],
  ['n1', 'n1 predefined instance'],
  ['n2', 'n2 instance'],
  ['n2d', 'n2d amd instance'],
  ['c2', 'compute optimized(?: instance)?'],
  ['c3', 'c3 instance'],
  ['t2d', 't2d amd instance'],
];

const COMPUTE_RULES = COMPUTE_FAMILIES.map(
  ([family, prefix]) =>
    [family, new RegExp(`^${prefix} (core|ram) running in .+$`)] as const,
);

/** Words of SKUs that are not the predefined on-demand price. */
const NOT_ON_DEMAND =
  /\b(spot|preemptible|commitment|sole tenancy|custom|extended|reserved|premium)\b/;

/**
 * Maps a Compute Engine SKU (service `6F81-5844-456A`) to `<family>-core`
 * (`vcpu-hour`) or `<family>-ram` (`gib-hour`) when it is the predefined
 * on-demand core or RAM price of a family priced here; undefined otherwise
 * (Spot, commitments, sole tenancy, custom machine types, other families).
 *
 * @internal
 */
export function classifyComputeSku(
  description: string,
  category: SkuCategory = {},
): SkuMapping | undefined {
  if (category.usageType !== 'OnDemand') return undefined;
  if (
    category.resourceFamily !== undefined &&
    category.resourceFamily !== 'Compute'
  ) {
    return undefined;
  }
  const text = normalizeDescription(description);
  if (NOT_ON_DEMAND.test(text)) return undefined;
  for (const [family, pattern] of COMPUTE_RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const part = match[1] === 'core' ? 'core' : 'ram';
    // Core SKUs are in resource group CPU and RAM SKUs in RAM, except N1's
    // predefined ones, which are both in N1Standard.
    const groups =
      family === 'n1'
        ? ['N1Standard', part === 'core' ? 'CPU' : 'RAM']
        : [part === 'core' ? 'CPU' : 'RAM'];
    if (!groups.includes(String(category.resourceGroup))) return undefined;
    return part === 'core'
      ? { sku: `${family}-core`, unit: 'vcpu-hour', rank: 0 }
      : { sku: `${family}-ram`, unit: 'gib-hour', rank: 0 };
  }
  return undefined;
}
