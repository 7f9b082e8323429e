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
};

/**
 * The answer of `POST /estimates/compare`: the options by monthly total,
 * cheapest first; partial, unknown and unfit ones last.
 *
 * @public
 */
export type CompareResult = {
  currency: 'USD';
  options: CompareOption[];
  estimatedAt: string;
};
