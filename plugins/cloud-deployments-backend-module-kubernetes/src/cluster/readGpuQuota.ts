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
import { QuotaReading } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { KubernetesApplier } from './KubernetesApplier';

/** What a `ResourceQuota` limits GPUs by: extended resources are quota'd by request. */
export const GPU_QUOTA_RESOURCE = 'requests.nvidia.com/gpu';

type ResourceQuotaView = {
  metadata?: { name?: string };
  spec?: { hard?: Record<string, string> };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
};

/** A whole count of GPUs from a quantity (`4`); undefined for anything else. */
function gpuCount(quantity: unknown): number | undefined {
  const value = typeof quantity === 'number' ? quantity : Number(quantity);
  return typeof quantity !== 'boolean' &&
    quantity !== '' &&
    Number.isInteger(value) &&
    value >= 0
    ? value
    : undefined;
}

/**
 * The namespace's GPU quota: of the `ResourceQuota`s limiting
 * `requests.nvidia.com/gpu` (every one applies to each pod), the one with
 * the fewest GPUs free, with what its `status.used` says is used (0 when
 * the quota controller has not counted yet). Undefined when none limits
 * GPUs. Throws a `ProviderError` when the quotas cannot be listed.
 */
export async function readGpuQuota(
  applier: KubernetesApplier,
  namespace: string,
  signal: AbortSignal,
): Promise<QuotaReading | undefined> {
  const quotas = (await applier.listAll(
    { apiVersion: 'v1', kind: 'ResourceQuota', namespace },
    '',
    { pageSize: 100, signal },
  )) as ResourceQuotaView[];
  let tightest: QuotaReading | undefined;
  for (const quota of quotas) {
    const limit = gpuCount(
      quota.status?.hard?.[GPU_QUOTA_RESOURCE] ??
        quota.spec?.hard?.[GPU_QUOTA_RESOURCE],
    );
    if (limit === undefined) continue;
    const used = gpuCount(quota.status?.used?.[GPU_QUOTA_RESOURCE]) ?? 0;
    const reading: QuotaReading = {
      name: `ResourceQuota ${namespace}/${
        quota.metadata?.name ?? '?'
      } (${GPU_QUOTA_RESOURCE}, cluster ${applier.cluster.name})`,
      unit: 'gpus',
      limit,
      used,
    };
    if (!tightest || limit - used < tightest.limit - tightest.used!) {
      tightest = reading;
    }
  }
  return tightest;
}
