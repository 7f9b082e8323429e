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
import { InputError } from '@backstage/errors';
import {
  ManifestApplyRequest,
  ManifestApplyResult,
  ProviderContext,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  Manifest,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from '../manifests/deploymentManifests';
import { parseManifests } from '../manifests/parseManifests';
import { validateManifests } from '../manifests/validateManifests';
import { KubernetesApplier } from './KubernetesApplier';
import { describeRef } from './objectRefs';
import { KubernetesCluster } from './readKubernetesConfig';

/** The label that names the set of objects of a manifest apply. */
export const APPLY_SET_LABEL = 'cloud-deployments.backstage.io/apply-set';

/** The labels that mark an object as one of the set's. */
const setLabelsOf = (applySet: string) => ({
  [APPLY_SET_LABEL]: applySet,
  [MANAGED_BY_LABEL]: MANAGED_BY,
});

/**
 * The request's objects, read and checked as the API server would check
 * them, in the apply's namespace and with the set's labels.
 */
export async function manifestSet(
  request: ManifestApplyRequest,
  namespace: string,
): Promise<Manifest[]> {
  const setLabels = setLabelsOf(request.applySet);
  const manifests = parseManifests(request.manifests);
  if (manifests.length === 0)
    throw new InputError('manifests: there is no object to apply');
  for (const m of manifests) {
    const ns = m.metadata?.namespace;
    if (ns !== undefined && ns !== namespace) {
      throw new InputError(
        `${m.kind}/${m.metadata?.name}: metadata.namespace '${ns}' differs from the namespace of the apply (${namespace})`,
      );
    }
  }
  await validateManifests(manifests);
  // The set's labels go on every object, so prune finds exactly the set.
  return manifests.map(m => ({
    ...m,
    metadata: {
      ...m.metadata,
      namespace,
      labels: { ...m.metadata.labels, ...setLabels },
    },
  }));
}

/**
 * Applies a set's objects (from {@link manifestSet}), prunes what the set no
 * longer has when asked, and waits for the Deployments' rollouts when asked.
 */
export async function applyManifestSet(
  request: ManifestApplyRequest,
  labelled: Manifest[],
  target: {
    cluster: KubernetesCluster;
    namespace: string;
    applier: KubernetesApplier;
    pollMs: number;
  },
  ctx: Pick<ProviderContext, 'signal' | 'logger'>,
): Promise<ManifestApplyResult> {
  const { cluster, namespace, applier } = target;
  const setLabels = setLabelsOf(request.applySet);
  const log: string[] = [];
  const suffix = request.dryRun ? ' (dry run: nothing persisted)' : '';
  await applier.apply(labelled, {
    dryRun: request.dryRun,
    signal: ctx.signal,
  });
  const applied = labelled.map(m => ({
    apiVersion: m.apiVersion,
    kind: m.kind,
    namespace,
    name: m.metadata.name,
  }));
  for (const ref of applied) {
    log.push(`Applied ${describeRef(ref)} to cluster ${cluster.name}${suffix}`);
  }
  const pruned = request.prune
    ? await applier.prune(namespace, setLabels, labelled, {
        dryRun: request.dryRun,
        signal: ctx.signal,
      })
    : [];
  for (const ref of pruned) {
    log.push(
      `Pruned ${describeRef(ref)}: no longer in the set ${
        request.applySet
      }${suffix}`,
    );
  }
  const rollouts: ManifestApplyResult['rollouts'] = [];
  if (request.wait && !request.dryRun) {
    const timeoutMs = (request.timeoutSeconds ?? 300) * 1000;
    for (const ref of applied.filter(r => r.kind === 'Deployment')) {
      const status = await applier.waitForRollout(namespace, ref.name, {
        timeoutMs,
        pollMs: target.pollMs,
        signal: ctx.signal,
      });
      rollouts.push({
        name: ref.name,
        ready: status.state === 'done',
        message: status.message,
      });
      log.push(status.message);
    }
  }
  ctx.logger.info(
    `Applied ${applied.length} object(s) to ${cluster.name}/${namespace} as set ${request.applySet}, pruned ${pruned.length}${suffix}`,
  );
  return {
    cluster: cluster.name,
    namespace,
    dryRun: request.dryRun,
    applied,
    pruned,
    rollouts,
    log,
  };
}
