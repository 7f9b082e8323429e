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
import { DeploymentCompute } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { UsageAssumptions } from './types';

const DEFAULT_CONCURRENCY = 80;

/**
 * The instance time a Cloud Run service is billed for in a month, shared by
 * its price and its emissions so that both count the same seconds.
 */
export type CloudRunUsage = {
  vcpu: number;
  memoryGiB: number;
  concurrency: number;
  minInstances: number;
  maxInstances: number;
  monthSeconds: number;
  /** Instance-seconds serving requests. */
  busySeconds: number;
  /**
   * Instance-seconds billed at the active rate: while serving (request
   * billing), or every instance's whole life (instance billing).
   */
  activeSeconds: number;
  /** Request billing: idle minimum instances' seconds, at the idle rate. */
  idleSeconds: number;
  /** Instance billing: the instances kept all month. */
  instances?: number;
};

/**
 * Request-based billing charges while requests are served (requests ×
 * duration ÷ concurrency, capped by what the maximum number of instances can
 * serve) and idle minimum instances at the idle rate; instance-based billing
 * charges every instance for its whole life: enough to carry the load, never
 * fewer than the minimum, and at least one.
 */
export function cloudRunUsage(
  compute: DeploymentCompute,
  usage: UsageAssumptions,
): CloudRunUsage {
  const vcpu = compute.cpu ?? 1;
  const memoryGiB = (compute.memoryMiB ?? 512) / 1024;
  const concurrency = compute.concurrency ?? DEFAULT_CONCURRENCY;
  const minInstances = compute.minInstances ?? 0;
  const maxInstances = compute.maxInstances ?? 100;
  const monthSeconds = usage.hoursPerMonth * 3600;
  const busySeconds = Math.min(
    (usage.requestsPerMonth * usage.avgRequestDurationMs) / 1000 / concurrency,
    maxInstances * monthSeconds,
  );
  const common = {
    vcpu,
    memoryGiB,
    concurrency,
    minInstances,
    maxInstances,
    monthSeconds,
    busySeconds,
  };
  if (usage.billing === 'request') {
    return {
      ...common,
      activeSeconds: busySeconds,
      idleSeconds: Math.max(0, minInstances * monthSeconds - busySeconds),
    };
  }
  const instances = Math.min(
    maxInstances,
    Math.max(minInstances, Math.ceil(busySeconds / monthSeconds), 1),
  );
  return {
    ...common,
    activeSeconds: instances * monthSeconds,
    idleSeconds: 0,
    instances,
  };
}
