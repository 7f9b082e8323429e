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
 * the caller checks it as any spec change. Environment variables added or
 * removed outside the portal become the spec's. A field the spec cannot
 * hold (a label the portal finds its objects by, a variable read from a
 * secret reference) or one the resource lost makes it a conflict: only a
 * re-apply fixes those.
 */
export function acceptedSpec(deployment: Deployment): DeploymentSpec {
  const drift = deployment.drift;
  if (deployment.status !== 'drifted' || !drift) {
    throw new ConflictError(
      `Deployment ${deployment.name} is ${deployment.status}, not drifted: there is no drift to accept`,
    );
  }
  // An environment variable is the spec's, added or removed; a value read
  // from a reference is no text a spec can hold.
  const isEnv = (field: string) => field.startsWith('env.');
  const unacceptable = drift.fields.filter(f =>
    isEnv(f.field)
      ? f.observed === '(from a reference)' || f.observed === '(secure value)'
      : !ACCEPTABLE.has(f.field) || f.observed === null,
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
  const env: Record<string, string> = { ...deployment.spec.env };
  for (const { field, observed } of drift.fields) {
    if (isEnv(field)) {
      const name = field.slice('env.'.length);
      if (observed === null) delete env[name];
      else env[name] = String(observed);
      continue;
    }
    const [part, key] = field.split('.') as ['artifact' | 'compute', string];
    (spec[part] as Record<string, unknown>)[key] = observed;
  }
  if (Object.keys(env).length) spec.env = env;
  else delete spec.env;
  return spec;
}
