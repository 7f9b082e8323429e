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
import { ObservedState } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  deploymentEndpoint,
  DEPLOYMENT_ID_LABEL,
} from '../manifests/deploymentManifests';
import { KubernetesCluster, KubernetesSettings } from './readKubernetesConfig';
import { rolloutStatus } from './rolloutStatus';

/**
 * What the cluster's Deployment object of that name says of the deployment:
 * absent unless it carries the deployment's id, else its deletion or its
 * rollout's state, with the outputs the portal shows.
 */
export function observeDeployment(
  object: KubernetesObject | undefined,
  deployment: Deployment,
  cluster: KubernetesCluster,
  settings: KubernetesSettings,
): ObservedState {
  const namespace = settings.namespace;
  if (
    !object ||
    object.metadata?.labels?.[DEPLOYMENT_ID_LABEL] !== deployment.id
  ) {
    return { state: 'absent' };
  }
  if (object.metadata?.deletionTimestamp) {
    return {
      state: 'in-progress',
      detail: `Deployment ${namespace}/${deployment.name} is being deleted`,
    };
  }
  const rollout = rolloutStatus(object);
  const status = (object as { status?: { availableReplicas?: number } }).status;
  const outputs = {
    cluster: cluster.name,
    namespace,
    deployment: deployment.name,
    service: `${deployment.name}.${namespace}.svc.cluster.local`,
    availableReplicas: status?.availableReplicas ?? 0,
    image: deployment.spec.artifact.image,
  };
  if (rollout.state === 'failed')
    return { state: 'failed', reason: rollout.message, outputs };
  if (rollout.state === 'progressing')
    return { state: 'in-progress', detail: rollout.message };
  return {
    state: 'ready',
    endpoint: deploymentEndpoint(deployment.name, settings),
    outputs,
  };
}
