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
import {
  cpuOf,
  memoryMiBOf,
  ObservedConfig,
  ProviderError,
  TaggedCloudResource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DEPLOYMENT_ID_LABEL } from '../manifests/deploymentManifests';
import { KubernetesApplier } from './KubernetesApplier';

/** The `kind` of the objects `listTaggedResources` reports. */
export const KUBERNETES_DEPLOYMENT_KIND = 'Kubernetes Deployment';

type DeploymentView = KubernetesObject & {
  spec?: {
    replicas?: number;
    template?: {
      spec?: {
        containers?: Array<{
          name?: string;
          image?: string;
          resources?: { requests?: Record<string, unknown> };
        }>;
      };
    };
  };
};

type HpaView = KubernetesObject & {
  spec?: {
    minReplicas?: number;
    maxReplicas?: number;
    scaleTargetRef?: { kind?: string; name?: string };
  };
};

/**
 * The Deployments of a cluster's namespace that carry the deployment-id
 * label (the only objects the provider makes that run pods), with what they
 * run: replicas now (an autoscaler's choice included) and the pods' CPU and
 * memory requests, and the bounds of the HorizontalPodAutoscaler that
 * scales one. Two label-selected lists, each followed through its
 * `continue` tokens. Deployments being deleted are left out. A list that
 * fails is thrown, naming the cluster and namespace.
 */
export async function listTaggedDeployments(
  applier: KubernetesApplier,
  namespace: string,
  options: { pageSize: number; signal?: AbortSignal },
): Promise<TaggedCloudResource[]> {
  const cluster = applier.cluster.name;
  try {
    const deployments = (await applier.listAll(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace },
      DEPLOYMENT_ID_LABEL,
      options,
    )) as DeploymentView[];
    const hpas = (await applier.listAll(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        namespace,
      },
      DEPLOYMENT_ID_LABEL,
      options,
    )) as HpaView[];
    const bounds = new Map<string, HpaView['spec']>();
    for (const hpa of hpas) {
      const target = hpa.spec?.scaleTargetRef;
      if (target?.kind === 'Deployment' && target.name) {
        bounds.set(target.name, hpa.spec);
      }
    }
    const found: TaggedCloudResource[] = [];
    for (const deployment of deployments) {
      const resource = taggedDeployment(deployment, cluster, namespace, bounds);
      if (resource) found.push(resource);
    }
    return found;
  } catch (error) {
    const inner =
      error instanceof ProviderError
        ? error
        : new ProviderError(String((error as Error)?.message ?? error), {
            kind: 'transient',
          });
    throw new ProviderError(
      `Cannot list the tagged resources of Kubernetes cluster ${cluster}, namespace ${namespace}: ${inner.message}`,
      { kind: inner.kind, code: inner.code },
    );
  }
}

function taggedDeployment(
  deployment: DeploymentView,
  cluster: string,
  namespace: string,
  bounds: Map<string, HpaView['spec']>,
): TaggedCloudResource | undefined {
  const metadata = deployment.metadata;
  const deploymentId = metadata?.labels?.[DEPLOYMENT_ID_LABEL];
  // The portal never writes an empty id; an empty value names no deployment.
  if (typeof deploymentId !== 'string' || deploymentId.trim() === '') {
    return undefined;
  }
  if (!metadata?.name || metadata.deletionTimestamp) return undefined;
  const ns = metadata.namespace ?? namespace;
  const createdAt = isoTime(metadata.creationTimestamp);
  return {
    deploymentId,
    kind: KUBERNETES_DEPLOYMENT_KIND,
    resourceId: `${ns}/${metadata.name}`,
    name: metadata.name,
    // A cluster is where a Kubernetes deployment's spec.region points.
    region: cluster,
    location: cluster,
    ...(createdAt ? { createdAt } : {}),
    config: deploymentConfig(deployment, bounds.get(metadata.name)),
  };
}

/**
 * What a Deployment runs, as it would be priced: its replicas (1 when it
 * says none, as Kubernetes defaults them), the summed requests of a pod's
 * containers, the image of the portal's container, and the autoscaler's
 * bounds.
 */
export function deploymentConfig(
  deployment: DeploymentView,
  hpa?: HpaView['spec'],
): ObservedConfig {
  const spec = deployment.spec;
  const containers = spec?.template?.spec?.containers ?? [];
  const config: ObservedConfig = {};
  const app = containers.find(c => c.name === 'app') ?? containers[0];
  if (app?.image) config.image = app.image;
  config.instanceCount = typeof spec?.replicas === 'number' ? spec.replicas : 1;
  let cpu: number | undefined;
  let memoryMiB: number | undefined;
  for (const container of containers) {
    const requests = container.resources?.requests;
    const c = cpuOf(requests?.cpu);
    const m = memoryMiBOf(requests?.memory);
    if (c !== undefined) cpu = (cpu ?? 0) + c;
    if (m !== undefined) memoryMiB = (memoryMiB ?? 0) + m;
  }
  if (cpu !== undefined) config.cpu = Math.round(cpu * 1000) / 1000;
  if (memoryMiB !== undefined) config.memoryMiB = memoryMiB;
  if (typeof hpa?.minReplicas === 'number')
    config.minInstances = hpa.minReplicas;
  if (typeof hpa?.maxReplicas === 'number')
    config.maxInstances = hpa.maxReplicas;
  return config;
}

/** A creation timestamp, decoded to a Date by the client or not, as ISO 8601. */
function isoTime(time: unknown): string | undefined {
  let date: Date | undefined;
  if (time instanceof Date) date = time;
  else if (typeof time === 'string') date = new Date(time);
  return date && !isNaN(date.getTime()) ? date.toISOString() : undefined;
}
