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
  DeploymentProvider,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

// Why a stopped deployment's share of a host's manufacture is not counted:
// like its price, it holds no capacity while stopped.
const HELD: Record<DeploymentProvider, string> = {
  'aws-sagemaker':
    'the endpoint is deleted, so no instance is held and no share of a host’s manufacture is counted',
  'gcp-cloud-run':
    'no instance runs, so no share of a host’s manufacture is counted',
  'azure-container-instances':
    'the stopped group holds no capacity, so no share of a host’s manufacture is counted',
  kubernetes:
    'the pods no longer request node capacity, so no share of the node’s manufacture is counted (the node itself is the cluster’s)',
};

/**
 * The emissions of a stopped deployment: nothing runs, so every operational
 * line is a known 0 g (never a stand-in for an unknown), and nothing is held,
 * so embodied emissions stop too; each line's note says so. What running its
 * spec emits stays in `assumptions.runningMonthlyTotalGrams`.
 */
export function stoppedEmissions(
  provider: DeploymentProvider,
  running: EmissionsEstimate,
): EmissionsEstimate {
  const lines = running.lines.map(line => ({
    component: line.component,
    description: line.description,
    gramsPerMonth: 0,
    ...(line.component === 'embodied' ? {} : { kwhPerMonth: 0 }),
    kind: 'exact' as const,
    coefficients: [],
    note:
      line.component === 'embodied'
        ? `Stopped: ${HELD[provider]}`
        : 'Stopped: nothing runs, so no energy is drawn',
  }));
  return {
    ...running,
    monthlyTotalGrams: 0,
    knownSubtotalGrams: 0,
    totalKind: 'exact',
    missingLines: 0,
    approximateFrom: [],
    lines,
    assumptions: {
      ...running.assumptions,
      stopped: true,
      runningMonthlyTotalGrams: running.monthlyTotalGrams ?? 'unknown',
    },
    warnings: [
      `Stopped: operational emissions stop, and embodied ones are not counted either: ${HELD[provider]}`,
    ],
  };
}
