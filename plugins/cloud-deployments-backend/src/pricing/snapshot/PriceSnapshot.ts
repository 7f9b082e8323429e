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
  PriceProvider,
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The embedded price snapshot (snapshot/prices.json in this package): dated
 * public price data, so estimates work offline and on first start. Built from
 * the data in the repository's shared pricing folder by
 * `scripts/build-price-snapshot.ts`, or from the live APIs by
 * `scripts/refresh-price-snapshot.ts`.
 */
export type PriceSnapshot = {
  /** Format version of this file. */
  version: 1;
  /** When the file was built (ISO 8601). */
  builtAt: string;
  /** Price datasets, each from one origin and of one date. */
  datasets: PriceDataset[];
  /** vCPU and memory of machine types, for pricing Kubernetes nodes and GCE by core/RAM. */
  machineSpecs: Record<
    PriceProvider,
    Record<string, { vcpu: number; memoryGiB: number; gpu?: number }>
  >;
  /** Monthly free allowances, e.g. Cloud Run's free tier, with their source. */
  allowances: PriceAllowance[];
  /**
   * The region to borrow a price from when a region has none, per provider and
   * service, e.g. `{ aws: { AmazonSageMaker: 'us-east-1' } }`.
   */
  fallbackRegions: Record<PriceProvider, Record<string, string>>;
};

/** Prices of one service, from one origin, of one date. */
export type PriceDataset = {
  /** Stable id, e.g. `aws-sagemaker-fmbench-2025-01`. */
  id: string;
  provider: PriceProvider;
  service: string;
  unit: PriceUnit;
  /** `YYYY-MM-DD`: when the prices were published or observed. */
  effectiveDate: string;
  /**
   * Set when the source states no date of its own: what is known of when the
   * prices held (e.g. `undated: observed between 2025-01-01 and 2026-08-31`);
   * `effectiveDate` is then the latest date they were certainly observed.
   */
  dateNote?: string;
  /** Provenance a user can open: an API query, a page, or a repository @ commit and path. */
  origin: string;
  /** Set when a value needs checking (e.g. recalled, not seen in a source). */
  caveat?: string;
  /** USD per unit: region → SKU → price. */
  prices: Record<string, Record<string, number>>;
};

/** A free monthly allowance (e.g. Cloud Run's free tier). */
export type PriceAllowance = {
  provider: PriceProvider;
  service: string;
  /** What the allowance is for, e.g. `request-based` or `instance-based`. */
  scope: string;
  unit: PriceUnit;
  /** Units free per month (per billing account). */
  monthlyQuantity: number;
  effectiveDate: string;
  /** As {@link PriceDataset.dateNote}. */
  dateNote?: string;
  origin: string;
};
