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
  DeploymentSpec,
  DriftField,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ObservedConfig } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

// CPU read back from quantities like `500m` is exact to the millicore.
const CPU_TOLERANCE = 1e-6;

/**
 * The fields where what a provider read back differs from the spec. Only
 * fields the provider reported are compared, and only where the spec (or
 * the default every target applies) gives a value to compare with.
 */
export function driftFields(
  spec: DeploymentSpec,
  observed: ObservedConfig,
): DriftField[] {
  const { compute, artifact } = spec;
  const fields: DriftField[] = [];
  const compare = (
    field: string,
    desired: string | number | undefined,
    seen: string | number | undefined,
    same: (a: any, b: any) => boolean = (a, b) => a === b,
  ) => {
    if (seen === undefined || desired === undefined) return;
    if (!same(desired, seen)) fields.push({ field, desired, observed: seen });
  };
  if (observed.image !== undefined) {
    // An image where the spec has none (a model-data-only SageMaker spec
    // served by the default container) is not compared.
    compare('artifact.image', artifact.image, observed.image);
  }
  compare('compute.instanceType', compute.instanceType, observed.instanceType);
  // Targets read a fixed count from instanceCount, or from minInstances when
  // only that is given; one instance when neither is.
  const countField =
    compute.instanceCount === undefined && compute.minInstances !== undefined
      ? 'compute.minInstances'
      : 'compute.instanceCount';
  compare(
    countField,
    compute.instanceCount ?? compute.minInstances ?? 1,
    observed.instanceCount,
  );
  compare(
    'compute.cpu',
    compute.cpu,
    observed.cpu,
    (a, b) => Math.abs(a - b) < CPU_TOLERANCE,
  );
  compare('compute.memoryMiB', compute.memoryMiB, observed.memoryMiB);
  compare('compute.minInstances', compute.minInstances, observed.minInstances);
  compare('compute.maxInstances', compute.maxInstances, observed.maxInstances);
  // Where the provider reads the variables: each one added, removed or
  // changed outside the portal, against the spec's (none when it has none).
  if (observed.env !== undefined) {
    const desiredEnv = spec.env ?? {};
    const names = [
      ...new Set([...Object.keys(desiredEnv), ...Object.keys(observed.env)]),
    ].sort();
    for (const name of names) {
      const want = desiredEnv[name] ?? null;
      const seen = observed.env[name] ?? null;
      if (want !== seen) {
        fields.push({ field: `env.${name}`, desired: want, observed: seen });
      }
    }
  }
  for (const [label, value] of Object.entries(
    observed.missingLabels ?? {},
  ).sort()) {
    fields.push({
      field: `metadata.labels.${label}`,
      desired: value,
      observed: null,
    });
  }
  return dedupe(fields);
}

/** A count reported as both instanceCount and minInstances is one field. */
function dedupe(fields: DriftField[]): DriftField[] {
  const seen = new Set<string>();
  return fields.filter(f => {
    if (seen.has(f.field)) return false;
    seen.add(f.field);
    return true;
  });
}

/** `compute.instanceCount 3 → 1, artifact.image a → b`, for reasons and notices. */
export function describeDrift(fields: DriftField[]): string {
  const show = (v: string | number | null) => (v === null ? 'none' : String(v));
  return fields
    .map(f => `${f.field} ${show(f.desired)} → ${show(f.observed)}`)
    .join(', ');
}
