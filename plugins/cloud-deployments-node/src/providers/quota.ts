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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * One quota a cloud (or cluster) holds on GPU capacity, as a provider read
 * it: e.g. SageMaker's `ml.g5.xlarge for endpoint usage` of 2 instances in
 * an account and region, or a namespace's `ResourceQuota` on
 * `requests.nvidia.com/gpu`.
 *
 * @public
 */
export type QuotaReading = {
  /** The quota's name as the cloud shows it, to find it there. */
  name: string;
  /** What the quota counts: instances of one type, or GPUs. */
  unit: 'instances' | 'gpus';
  /** The most the account, region or namespace may hold at once. */
  limit: number;
  /**
   * What the cloud says is used now, where it says so with the quota (a
   * Kubernetes quota's `status.used`); absent where it does not (AWS Service
   * Quotas), and the portal counts what it runs itself.
   */
  used?: number;
};

/**
 * What a provider's `readQuotas` is asked: the quotas that limit these
 * instance types in the spec's account and region (or namespace).
 *
 * @public
 */
export type QuotaQuery = {
  spec: DeploymentSpec;
  /** The spec's own type first, then equivalents a suggestion may name. */
  instanceTypes: string[];
};

/**
 * The ProviderError codes that say the cloud had no capacity, or no quota
 * left, for what a deployment asked (the cloud's own codes, as providers
 * keep them in `ProviderError.code`).
 *
 * @public
 */
export const CAPACITY_ERROR_CODES: ReadonlySet<string> = new Set([
  // SageMaker
  'ResourceLimitExceeded',
  'InsufficientCapacityError',
  // Reasons of a failed SageMaker endpoint, classified by the AWS module
  'InsufficientCapacity',
]);
