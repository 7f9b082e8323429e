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
import { ConflictError } from '@backstage/errors';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** The spec paths accepting a drift may write, and where they live. */
const ACCEPTABLE = new Set([
  'artifact.image',
  'compute.instanceType',
  'compute.instanceCount',
  'compute.cpu',
  'compute.memoryMiB',
  'compute.minInstances',
  'compute.maxInstances',
]);

/**
 * The spec that takes what runs as desired: the drifted deployment's spec
 * with each differing field set to its observed value. Not validated here;
 * the caller checks it as any spec change. A field the spec cannot hold
 * (an environment variable, a label the portal finds its objects by) or
 * one the resource lost makes it a conflict: only a re-apply fixes those.
 */
export function acceptedSpec(deployment: Deployment): DeploymentSpec {
  const drift = deployment.drift;
  if (deployment.status !== 'drifted' || !drift) {
    throw new ConflictError(
      `Deployment ${deployment.name} is ${deployment.status}, not drifted: there is no drift to accept`,
    );
  }
  const unacceptable = drift.fields.filter(
    f => !ACCEPTABLE.has(f.field) || f.observed === null,
  );
  if (unacceptable.length) {
    throw new ConflictError(
      `Deployment ${deployment.name} drifted in ${unacceptable
        .map(f => f.field)
        .join(
          ', ',
        )}, which a spec cannot take as it is; re-apply the spec instead`,
    );
  }
  const spec: DeploymentSpec = {
    ...deployment.spec,
    artifact: { ...deployment.spec.artifact },
    compute: { ...deployment.spec.compute },
  };
  for (const { field, observed } of drift.fields) {
    const [part, key] = field.split('.') as ['artifact' | 'compute', string];
    (spec[part] as Record<string, unknown>)[key] = observed;
  }
  return spec;
}
