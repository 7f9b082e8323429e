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
  combineTotalKinds,
  EmissionsEstimate,
  EmissionsOverview,
  EmissionsTotal,
  EstimateTotalKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** A deployment as the overview counts it: its owner and its estimate's emissions, if any. */
export type CountedEmissions = {
  owner: string;
  stopped: boolean;
  emissions?: EmissionsEstimate;
};

/** A deployment's kind: none when estimated before emissions were. */
const kindOf = (d: CountedEmissions): EstimateTotalKind =>
  d.emissions?.totalKind ?? 'unknown';

function totalOf(counted: readonly CountedEmissions[]): EmissionsTotal {
  const kinds = counted.map(kindOf);
  const kind = combineTotalKinds(kinds);
  const known = counted
    .filter(d => kindOf(d) !== 'unknown')
    .reduce((sum, d) => sum + d.emissions!.knownSubtotalGrams, 0);
  return {
    deployments: counted.length,
    // Nothing counted is a known nothing; nothing known among some is unknown.
    knownGrams: kind === 'unknown' ? null : Math.round(known * 10) / 10,
    kind,
    notEstimated: kinds.filter(k => k === 'unknown').length,
    partial: kinds.filter(k => k === 'partial').length,
  };
}

/**
 * The monthly emissions of some deployments, in total and per owner, from
 * their estimates: a deployment with no figure is counted as not estimated,
 * one with missing lines adds its known lines and makes the sum a lower
 * bound — never 0 for unknown.
 */
export function emissionsOverview(
  counted: readonly CountedEmissions[],
  asOf: Date,
): EmissionsOverview {
  const byOwner = new Map<string, CountedEmissions[]>();
  for (const d of counted) {
    byOwner.set(d.owner, [...(byOwner.get(d.owner) ?? []), d]);
  }
  const owners = [...byOwner]
    .map(([owner, ds]) => ({ owner, ...totalOf(ds) }))
    .sort(
      (a, b) =>
        (b.knownGrams ?? -1) - (a.knownGrams ?? -1) ||
        a.owner.localeCompare(b.owner),
    );
  const datasets = counted
    .filter(d => kindOf(d) !== 'unknown')
    .map(d => d.emissions!.dataset);
  return {
    asOf: asOf.toISOString(),
    total: totalOf(counted),
    owners,
    gridYears: [...new Set(datasets.flatMap(d => d.gridYears))].sort(),
    datasetsBuiltAt: [...new Set(datasets.map(d => d.builtAt))].sort(),
    stopped: counted.filter(d => d.stopped).length,
  };
}
