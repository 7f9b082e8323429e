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

/**
 * An equivalent instance type a quota check suggests: it keeps the GPUs
 * (as many or more, on at least the vCPUs and memory, by the price data's
 * machine sizes) and has quota free for the deployment.
 *
 * @public
 */
export type QuotaSuggestion = {
  instanceType: string;
  /** How much of its quota is free, in the quota's unit. */
  free: number;
  /**
   * USD a month it costs more (positive) or less (negative) than the asked
   * type; `null` when either estimate has a missing price, so that an
   * unknown difference never shows as $0.
   */
  monthlyDelta: number | null;
  /**
   * How sure the difference is: `exact` when both estimates are, else
   * `approximate` (with the regions whose prices stood in) or `missing`.
   */
  certainty: 'exact' | 'approximate' | 'missing';
  /** The regions whose prices stood in for the asked region's, sorted. */
  approximateFrom: string[];
  /** The price data both estimates used, e.g. `AmazonSageMaker snapshot of 2025-01-26`. */
  pricedFrom: string[];
};

/**
 * What the GPU quota pre-flight found for a deployment: within its quota,
 * over it (refused, or warned about when the portal is configured to warn),
 * or unknown (the quota could not be read; never a reason to refuse).
 *
 * @public
 */
export type QuotaCheck = {
  outcome: 'within' | 'exceeded' | 'unknown';
  /** One sentence with the numbers, and the suggestion if there is one. */
  message: string;
  /** The quota's name as the cloud shows it. */
  quotaName?: string;
  unit?: 'instances' | 'gpus';
  limit?: number;
  /** What runs against it now: the cloud's count, or the portal's own. */
  inUse?: number;
  /** What the deployment asks for, in the quota's unit. */
  requested?: number;
  suggestion?: QuotaSuggestion;
};
