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
  Deployment,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { EstimationService } from '../pricing/EstimationService';
import { stoppedEmissions } from './stoppedEmissions';

/**
 * A deployment whose stored estimate predates emissions, with them computed
 * from its spec as it is read (no migration: the stored row is unchanged).
 * A stopped one gets a stopped deployment's emissions. A spec that no longer
 * validates stays without: readers show "not estimated", never 0.
 */
export function withEmissions<T extends Deployment>(
  deployment: T,
  estimates: EstimationService,
): T {
  const { estimate, spec } = deployment;
  if (!estimate || estimate.emissions) return deployment;
  let running: EmissionsEstimate;
  try {
    running = estimates.emissionsOf(spec);
  } catch {
    return deployment;
  }
  const emissions = {
    ...running,
    warnings: [
      ...running.warnings,
      'Estimated when read: the stored estimate predates emissions, so these use today’s coefficients',
    ],
  };
  return {
    ...deployment,
    estimate: {
      ...estimate,
      emissions: estimate.stopped
        ? stoppedEmissions(spec.provider, emissions)
        : emissions,
    },
  };
}
