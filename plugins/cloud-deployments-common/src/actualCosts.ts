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
 * Where a deployment's actual cost comes from:
 * - `billed`: the cloud's own billing data (Cost Explorer, Cost Management,
 *   the BigQuery billing export), read by the deployment's tag or label;
 * - `allocation`: a share worked out by the portal, not billed as such
 *   (a Kubernetes pod's share of its node × the time it ran);
 * - `sandbox`: synthetic usage of a sandbox deployment (the time it ran ×
 *   the list price), so the feature can be seen with no cloud account.
 *
 * @public
 */
export type ActualCostKind = 'billed' | 'allocation' | 'sandbox';

/**
 * One UTC day's cost of one deployment, from one source.
 *
 * @public
 */
export type DailyActualCost = {
  deploymentId: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** In `currency`, as the source reports it (not rounded). */
  amount: number;
  currency: string;
};
