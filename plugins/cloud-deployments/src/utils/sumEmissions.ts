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
import { EmissionsEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * Several deployments' monthly emissions added up, no surer than the least
 * sure of them: `exact` only when every one is, `approximate` when each has
 * a figure but some borrow coefficients, `partial` (the sum is a lower bound)
 * when a figure is missing or a deployment was never estimated, `unknown`
 * when nothing is known.
 */
export type EmissionsSum = {
  knownGrams: number;
  kind: 'exact' | 'approximate' | 'partial' | 'unknown';
  /** Deployments whose estimate has no emissions, or no estimate at all. */
  notEstimated: number;
  /** Deployments with a figure whose total misses some lines. */
  withMissingLines: number;
};

export function sumEmissions(
  estimates: Array<EmissionsEstimate | undefined>,
): EmissionsSum {
  let knownGrams = 0;
  let notEstimated = 0;
  let withMissingLines = 0;
  let approximate = false;
  let anyKnown = false;
  for (const emissions of estimates) {
    if (!emissions) {
      notEstimated += 1;
      continue;
    }
    knownGrams += emissions.knownSubtotalGrams;
    if (emissions.totalKind !== 'unknown') anyKnown = true;
    if (emissions.missingLines > 0) withMissingLines += 1;
    if (emissions.totalKind === 'approximate') approximate = true;
  }
  let kind: EmissionsSum['kind'];
  if (!anyKnown) kind = 'unknown';
  else if (notEstimated > 0 || withMissingLines > 0) kind = 'partial';
  else kind = approximate ? 'approximate' : 'exact';
  return { knownGrams, kind, notEstimated, withMissingLines };
}
