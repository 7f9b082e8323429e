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
import { KubernetesObject } from '@kubernetes/client-node';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  cpuOf,
  memoryMiBOf,
  ObservedConfig,
  ObservedState,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  deploymentEndpoint,
  deploymentManifests,
  DEPLOYMENT_ID_LABEL,
} from '../manifests/deploymentManifests';
import { KubernetesCluster, KubernetesSettings } from './readKubernetesConfig';
import { rolloutStatus } from './rolloutStatus';
import { isStopped, replicasLeft } from './stoppedDeployment';

/**
 * Whether the cluster's object of the deployment's name is the deployment's:
 * it carries its id label, or, its labels dropped, its selector still
 * selects the deployment's id (a Deployment's selector cannot be changed
 * after creation, so it is a fingerprint). Another deployment's id, or an
 * object that never selected this one, is someone else's.
 */
export function isOwnObject(
  object: KubernetesObject | undefined,
  deployment: Pick<Deployment, 'id'>,
): object is KubernetesObject {
  if (!object) return false;
  const owner = object.metadata?.labels?.[DEPLOYMENT_ID_LABEL];
  if (owner !== undefined) return owner === deployment.id;
  const selector = (object as { spec?: { selector?: any } }).spec?.selector;
  const selected = selector?.matchLabels ?? selector;
  return selected?.[DEPLOYMENT_ID_LABEL] === deployment.id;
}

/**
 * What the cluster's Deployment object of that name says of the deployment:
 * absent unless it is the deployment's (see {@link isOwnObject}), else its
 * deletion or its rollout's state, with the outputs the portal shows and
 * the configuration it runs. One `stop` scaled to zero (see `isStopped`) is
 * `stopped` once no replica is left, without `instanceCount` in its config:
 * zero is not drift, and `start` applies the spec's count again.
 */
export function observeDeployment(
  object: KubernetesObject | undefined,
  deployment: Deployment,
  cluster: KubernetesCluster,
  settings: KubernetesSettings,
): ObservedState {
  const namespace = settings.namespace;
  if (!isOwnObject(object, deployment)) return { state: 'absent' };
  if (object.metadata?.deletionTimestamp) {
    return {
      state: 'in-progress',
      detail: `Deployment ${namespace}/${resourceNameOf(
        deployment,
      )} is being deleted`,
    };
  }
  const rollout = rolloutStatus(object);
  const status = (object as { status?: { availableReplicas?: number } }).status;
  const outputs = {
    cluster: cluster.name,
    namespace,
    deployment: resourceNameOf(deployment),
    service: `${resourceNameOf(deployment)}.${namespace}.svc.cluster.local`,
    availableReplicas: status?.availableReplicas ?? 0,
    image: deployment.spec.artifact.image,
  };
  const config = observedConfig(object, deployment, settings);
  if (isStopped(object)) {
    // Scaled to zero on purpose: no replica count to compare with the spec.
    const { instanceCount: _scaled, ...kept } = config;
    const left = replicasLeft(object);
    if (left > 0) {
      return {
        state: 'in-progress',
        detail: `Scaling Deployment ${namespace}/${resourceNameOf(
          deployment,
        )} to zero: ${left} replicas left`,
        config: kept,
      };
    }
    return { state: 'stopped', outputs, config: kept };
  }
  if (rollout.state === 'failed')
    return { state: 'failed', reason: rollout.message, outputs, config };
  if (rollout.state === 'progressing')
    return { state: 'in-progress', detail: rollout.message, config };
  return {
    state: 'ready',
    endpoint: deploymentEndpoint(resourceNameOf(deployment), settings),
    outputs,
    config,
  };
}

type ContainerView = {
  name?: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  resources?: { requests?: Record<string, unknown> };
};

/** What the Deployment runs, in the spec's terms; what it lacks is left out. */
function observedConfig(
  object: KubernetesObject,
  deployment: Deployment,
  settings: KubernetesSettings,
): ObservedConfig {
  const spec = (object as { spec?: any }).spec ?? {};
  const containers: ContainerView[] = spec.template?.spec?.containers ?? [];
  const app = containers.find(c => c.name === 'app') ?? containers[0];
  const desired = deploymentManifests(deployment, settings)[0] as unknown as {
    metadata: { labels?: Record<string, string> };
    spec: { replicas?: number };
  };
  const labels = object.metadata?.labels ?? {};
  const missingLabels = Object.fromEntries(
    Object.entries(desired.metadata.labels ?? {}).filter(
      ([key, value]) => labels[key] !== value,
    ),
  );
  const config: ObservedConfig = {};
  if (app?.image !== undefined) config.image = app.image;
  // With an HPA the replica count is the autoscaler's: not the spec's.
  if (desired.spec.replicas !== undefined) {
    config.instanceCount = spec.replicas ?? 1;
  }
  const cpu = cpuOf(app?.resources?.requests?.cpu);
  if (cpu !== undefined) config.cpu = cpu;
  const memoryMiB = memoryMiBOf(app?.resources?.requests?.memory);
  if (memoryMiB !== undefined) config.memoryMiB = memoryMiB;
  // None at all is an empty set, compared with the spec's.
  if (app) {
    config.env = Object.fromEntries(
      (app.env ?? []).map(v => [v.name, v.value ?? '(from a reference)']),
    );
  }
  if (Object.keys(missingLabels).length) config.missingLabels = missingLabels;
  return config;
}
