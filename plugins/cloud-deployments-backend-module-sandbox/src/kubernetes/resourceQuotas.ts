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
import { Manifest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';

/** The resource a GPU `ResourceQuota` limits (extended resources are quota'd by request). */
export const GPU_QUOTA_RESOURCE = 'requests.nvidia.com/gpu';

/**
 * The GPUs the Deployments of a namespace request: replicas × each
 * container's `nvidia.com/gpu` (an extended resource's request is its
 * limit when only the limit is set). The quota controller of a real API
 * server counts the pods; the sandbox runs none, so it counts what the
 * Deployments ask of it.
 */
export function gpusRequested(objects: Manifest[], namespace: string): number {
  let total = 0;
  for (const object of objects) {
    if (
      object.kind !== 'Deployment' ||
      object.metadata.namespace !== namespace
    ) {
      continue;
    }
    if (object.metadata.deletionTimestamp) continue;
    const spec = (object as any).spec ?? {};
    const replicas = Number(spec.replicas ?? 1);
    for (const container of spec.template?.spec?.containers ?? []) {
      const resources = container?.resources ?? {};
      const gpu = Number(
        resources.requests?.['nvidia.com/gpu'] ??
          resources.limits?.['nvidia.com/gpu'] ??
          0,
      );
      if (Number.isFinite(gpu)) total += replicas * gpu;
    }
  }
  return total;
}

/**
 * A namespace's `ResourceQuota` list as the API server answers
 * `GET /api/v1/namespaces/{namespace}/resourcequotas`: one quota named
 * `gpu-quota` on `requests.nvidia.com/gpu` when the sandbox has a limit for
 * the namespace, with its `status.used`.
 */
export function resourceQuotaList(
  namespace: string,
  limit: number | undefined,
  used: number,
  resourceVersion: number,
) {
  return {
    kind: 'ResourceQuotaList',
    apiVersion: 'v1',
    metadata: { resourceVersion: String(resourceVersion) },
    items:
      limit === undefined
        ? []
        : [
            {
              apiVersion: 'v1',
              kind: 'ResourceQuota',
              metadata: {
                name: 'gpu-quota',
                namespace,
                uid: `gpu-quota-${namespace}`,
                resourceVersion: String(resourceVersion),
              },
              spec: { hard: { [GPU_QUOTA_RESOURCE]: String(limit) } },
              status: {
                hard: { [GPU_QUOTA_RESOURCE]: String(limit) },
                used: { [GPU_QUOTA_RESOURCE]: String(used) },
              },
            },
          ],
  };
}
