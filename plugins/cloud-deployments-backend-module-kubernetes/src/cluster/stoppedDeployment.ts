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
import { Manifest } from '../manifests/deploymentManifests';

/**
 * The annotation `stop` puts on the Deployment it scaled to zero: the
 * portal's mark that no replica runs on purpose (not drift), and that
 * `start` applies the spec's replicas and autoscaler again.
 */
export const STOPPED_ANNOTATION = 'cloud-deployments.backstage.io/stopped';

type DeploymentLike = KubernetesObject & {
  spec?: { replicas?: number };
  status?: { replicas?: number };
};

/**
 * The deployment's Deployment manifest scaled to zero and marked stopped.
 * Applied by the same field manager as the spec's, so that applying the
 * spec again (on `start`) drops the mark and gives `replicas` back to the
 * spec, or, when it autoscales, to the autoscaler.
 */
export function stoppedManifest(deploymentManifest: Manifest): Manifest {
  const { metadata, spec } = deploymentManifest as Manifest & {
    spec: Record<string, unknown>;
  };
  return {
    ...deploymentManifest,
    metadata: {
      ...metadata,
      annotations: { ...metadata.annotations, [STOPPED_ANNOTATION]: 'true' },
    },
    spec: { ...spec, replicas: 0 },
  } as Manifest;
}

/** Whether the Deployment carries the portal's stopped mark. */
export function isMarkedStopped(object: KubernetesObject): boolean {
  return object.metadata?.annotations?.[STOPPED_ANNOTATION] === 'true';
}

/**
 * Whether the Deployment is stopped as `stop` leaves it: marked, and
 * scaled to zero (one scaled up since is running again).
 */
export function isStopped(object: KubernetesObject): boolean {
  return (
    isMarkedStopped(object) && (object as DeploymentLike).spec?.replicas === 0
  );
}

/** The replicas a stopped Deployment still has, terminating. */
export function replicasLeft(object: KubernetesObject): number {
  return (object as DeploymentLike).status?.replicas ?? 0;
}
