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
import { CostEstimate } from './pricing';
import { DeploymentProvider } from './types';

/**
 * One target and region of a compare: what was priced there and its
 * estimate, or why it could not be priced (`fits: false`, no estimate).
 *
 * @public
 */
export type CompareOption = {
  provider: DeploymentProvider;
  region: string;
  /** What was priced, e.g. `1 vCPU, 2 GiB` or `ml.m5.large (2 vCPU, 8 GiB)`. */
  pricedAs: string;
  /** Whether the target can run the workload at all. */
  fits: boolean;
  /** Why it cannot (when `fits` is false), or how the shape was chosen. */
  reason?: string;
  estimate?: CostEstimate;
  /** The cheapest option whose estimate is complete (every line exact); at most one. */
  cheapestExact: boolean;
  /**
   * The lower-carbon choice at the cheapest option's price band (see
   * {@link LOWER_CARBON_PRICE_BAND_PERCENT}); at most one, and only when its
   * known emissions are lower than the cheapest option's.
   */
  lowerCarbon: boolean;
  /** On the `lowerCarbon` option: what it saves against the cheapest one. */
  carbonSaving?: CarbonSaving;
};

/**
 * The width of the price band the lower-carbon choice is picked in: options
 * whose monthly total (exact or approximate) is at most this many percent
 * above the cheapest such total. Partial and unknown totals are never in it.
 *
 * @public
 */
export const LOWER_CARBON_PRICE_BAND_PERCENT = 10;

/**
 * What a compare's options are ordered by: the monthly price (default) or
 * the monthly emissions. Either way options without a figure come last,
 * never as 0.
 *
 * @public
 */
export type CompareSort = 'cost' | 'emissions';

/**
 * What the lower-carbon option saves against the cheapest priced one, a
 * month: grams of CO2e, the share of the cheapest's emissions, and what it
 * costs more.
 *
 * @public
 */
export type CarbonSaving = {
  /** The cheapest priced option it is compared with. */
  comparedWith: { provider: DeploymentProvider; region: string };
  /** gCO2e a month less than the cheapest option. */
  grams: number;
  /** `grams` ÷ the cheapest option's emissions, in percent to one decimal. */
  percent: number;
  /** USD a month more than the cheapest option (0 at the same price). */
  extraMonthlyUsd: number;
};

/**
 * The cheapest priced option's band: totals from `from` to `upTo` USD a
 * month are "the same price" for the lower-carbon mark.
 *
 * @public
 */
export type ComparePriceBand = {
  percent: number;
  from: number;
  upTo: number;
};

/**
 * The answer of `POST /estimates/compare`: the options by monthly total,
 * cheapest first, or by monthly emissions, lowest first; those without a
 * figure and unfit ones last.
 *
 * @public
 */
export type CompareResult = {
  currency: 'USD';
  /** What the options are ordered by. */
  sort: CompareSort;
  /** The band the lower-carbon mark is picked in; absent when no option has a total. */
  priceBand?: ComparePriceBand;
  options: CompareOption[];
  estimatedAt: string;
};
