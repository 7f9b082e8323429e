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
import { PriceProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceCatalog } from '../PriceCatalog';

/** The usage an estimate assumes; each has a default and can be given per request. */
export type UsageAssumptions = {
  /** Hours a month a resource runs. Default 730. */
  hoursPerMonth: number;
  /** Cloud Run: requests a month. Default 1,000,000. */
  requestsPerMonth: number;
  /** Cloud Run: average request duration, in milliseconds. Default 200. */
  avgRequestDurationMs: number;
  /** Cloud Run: request-based (CPU only while serving) or instance-based billing. Default request. */
  billing: 'request' | 'instance';
  /** Azure Container Instances: the container group's OS. Default linux. */
  os: 'linux' | 'windows';
  /** Cloud Run: subtract the monthly free tier (it is per billing account). Default true. */
  applyFreeTier: boolean;
  /**
   * CPU (and GPU) utilisation while running, 0–1, for the emissions estimate.
   * Default 0.5, CCF's average.
   */
  cpuUtilization: number;
};

/** The node type Kubernetes workloads are priced against. */
export type KubernetesNodeType = {
  provider: PriceProvider;
  service: string;
  region: string;
  instanceType: string;
  vcpu: number;
  memoryGiB: number;
};

/** What every estimator gets. */
export type EstimatorContext = {
  catalog: PriceCatalog;
  usage: UsageAssumptions;
  kubernetesNode: KubernetesNodeType;
};

/** Defaults of {@link UsageAssumptions}. */
export const DEFAULT_USAGE: UsageAssumptions = {
  hoursPerMonth: 730,
  requestsPerMonth: 1_000_000,
  avgRequestDurationMs: 200,
  billing: 'request',
  os: 'linux',
  applyFreeTier: true,
  cpuUtilization: 0.5,
};

/** The default Kubernetes node: an m5.large (2 vCPU, 8 GiB) in us-east-1. */
export const DEFAULT_KUBERNETES_NODE: KubernetesNodeType = {
  provider: 'aws',
  service: 'AmazonEC2',
  region: 'us-east-1',
  instanceType: 'm5.large',
  vcpu: 2,
  memoryGiB: 8,
};
