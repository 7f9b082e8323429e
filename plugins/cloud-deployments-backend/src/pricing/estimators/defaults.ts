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
  CostEstimate,
  DeploymentCompute,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { UsageAssumptions } from './types';

/** Assumptions that come from the compute spec, by the spec field that sets them. */
const FROM_COMPUTE: Record<string, (keyof DeploymentCompute)[]> = {
  concurrency: ['concurrency'],
  vcpu: ['cpu'],
  cpuRequest: ['cpu'],
  memoryGiB: ['memoryMiB'],
  memoryRequestGiB: ['memoryMiB'],
  minInstances: ['minInstances'],
  maxInstances: ['maxInstances'],
  instanceCount: ['instanceCount'],
  replicas: ['minInstances', 'instanceCount'],
  containerGroups: ['minInstances', 'instanceCount'],
};

/** Assumptions that come from the usage, by the usage field that sets them. */
const FROM_USAGE: Record<string, keyof UsageAssumptions> = {
  hoursPerMonth: 'hoursPerMonth',
  requestsPerMonth: 'requestsPerMonth',
  avgRequestDurationMs: 'avgRequestDurationMs',
  billing: 'billing',
  os: 'os',
  freeTierApplied: 'applyFreeTier',
  cpuUtilization: 'cpuUtilization',
};

/**
 * Labels the assumptions the request did not give: `defaults` lists them,
 * comma-separated (a value from app-config counts as a default too, since
 * the user did not choose it), so that a form can say which to change.
 */
export function labelAssumptions<T extends Record<string, unknown>>(
  assumptions: T,
  given: { compute: DeploymentCompute; usage?: Partial<UsageAssumptions> },
): T & { defaults: string } {
  const defaults = Object.keys(assumptions).filter(key => {
    if (FROM_USAGE[key]) return given.usage?.[FROM_USAGE[key]] === undefined;
    const fields = FROM_COMPUTE[key];
    return fields?.every(field => given.compute[field] === undefined) ?? false;
  });
  return { ...assumptions, defaults: defaults.join(', ') };
}

/** {@link labelAssumptions} of an estimate's price and emissions. */
export function labelDefaults(
  estimate: CostEstimate,
  given: { compute: DeploymentCompute; usage?: Partial<UsageAssumptions> },
): CostEstimate {
  return {
    ...estimate,
    assumptions: labelAssumptions(estimate.assumptions, given),
    ...(estimate.emissions
      ? {
          emissions: {
            ...estimate.emissions,
            assumptions: labelAssumptions(
              estimate.emissions.assumptions,
              given,
            ),
          },
        }
      : {}),
  };
}
