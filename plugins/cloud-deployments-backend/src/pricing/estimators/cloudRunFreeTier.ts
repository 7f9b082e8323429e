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
import {
  EstimateLine,
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { PriceCatalog } from '../PriceCatalog';
import { priceLine } from './lines';

/**
 * Google values the Cloud Run free tier at tier-1 prices in every region
 * (cloud.google.com/run/pricing; recorded as "appliedAt: tier1 prices, per
 * billing account" in the shared gcp/cloud-run-prices.json). The snapshot
 * holds no tier map of its own, only per-region prices, so the tier-1 price
 * is read from a region that map documents as tier 1: us-central1 (tier 1 in
 * `regionTiers`, from infracost's regionTierMapping).
 */
export const CLOUD_RUN_TIER1_REFERENCE_REGION = 'us-central1';

const numberFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 2,
});

/** Formats a quantity for a line's description. */
export const fmt = (n: number) => numberFormat.format(n);

const UNIT_LABEL: Partial<Record<PriceUnit, string>> = {
  'vcpu-second': 'vCPU-seconds',
  'gib-second': 'GiB-seconds',
  request: 'requests',
};

/**
 * The free-tier credit against a usage line priced at the region's own rate:
 * min(used, allowance) at the tier-1 price, as a negative line. It is capped
 * so that it never exceeds the usage line's cost (the charge never goes below
 * 0). Its kind is that of the tier-1 price it uses: `exact` when the reference
 * region has its own price, since that is the price Google credits.
 * Returns no line when nothing is free, or when the usage has no price.
 */
export function freeTierCredit(
  catalog: PriceCatalog,
  usage: EstimateLine,
  allowance: number,
): EstimateLine | undefined {
  let free = Math.min(usage.quantity, allowance);
  if (!(free > 0)) return undefined;
  // The credit never exceeds the usage's cost; with that cost unknown, so is
  // the credit: a priced credit against a missing line would be a negative
  // "lower bound".
  if (usage.unitPrice === null) return undefined;
  const credit = (quantity: number): EstimateLine => {
    const line = priceLine(catalog, {
      provider: 'gcp',
      service: PRICE_KEYS.gcp.cloudRun,
      region: CLOUD_RUN_TIER1_REFERENCE_REGION,
      sku: usage.sku,
      unit: usage.unit,
      quantity: -quantity,
      description: `Free tier credit: ${fmt(quantity)} of the ${fmt(
        allowance,
      )} ${
        UNIT_LABEL[usage.unit] ?? usage.unit
      } a month per billing account (shared with its other services), valued at the tier-1 price`,
    });
    // A credit under half a cent rounds to -0: show it as 0.
    return line.monthlyCost === null
      ? line
      : { ...line, monthlyCost: line.monthlyCost + 0 };
  };
  const line = credit(free);
  if (
    line.unitPrice !== null &&
    usage.unitPrice !== null &&
    line.unitPrice > usage.unitPrice
  ) {
    // A region cheaper than tier 1: credit no more than the usage costs.
    free = (usage.quantity * usage.unitPrice) / line.unitPrice;
    return credit(free);
  }
  return line;
}
