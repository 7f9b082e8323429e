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
import { CloudQuotasClient, protos } from '@google-cloud/cloudquotas';
import { QuotaReading } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { toProviderError } from './toProviderError';

type IQuotaInfo = protos.google.api.cloudquotas.v1.IQuotaInfo;

/**
 * The Cloud Quotas ids of Cloud Run's NVIDIA L4 GPU allocation per project
 * and region (service `run.googleapis.com`): with zonal redundancy (Cloud
 * Run's default, which the provider keeps) and without.
 */
export const L4_GPU_QUOTA_IDS = {
  zonalRedundancy: 'NvidiaL4GpuAllocPerProjectRegion',
  noZonalRedundancy: 'NvidiaL4GpuAllocNoZonalRedundancyPerProjectRegion',
} as const;

/** The Cloud Quotas name of a Cloud Run quota of a project. */
export function cloudRunQuotaInfoName(projectId: string, quotaId: string) {
  return `projects/${projectId}/locations/global/services/run.googleapis.com/quotaInfos/${quotaId}`;
}

/** A quota value as the API sends int64 (a number, a string or a Long). */
function toLimit(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(String(value));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The limit of a per-region quota in a region: its value for that region,
 * else the value without a region dimension (the default for the regions
 * not named). A value of -1 is Google's "unlimited".
 */
export function regionLimit(
  info: IQuotaInfo,
  region: string,
): number | undefined {
  const infos = info.dimensionsInfos ?? [];
  const own = infos.find(d => d.dimensions?.region === region);
  const fallback = infos.find(d => !d.dimensions?.region);
  return toLimit((own ?? fallback)?.details?.value);
}

/**
 * The L4 GPU quota Cloud Run's deployments count against in the project and
 * region: `NvidiaL4GpuAllocPerProjectRegion` (with zonal redundancy), in
 * GPUs. Cloud Quotas gives the limit, not the usage, so the portal counts
 * its own deployments against it. Undefined when the quota has no value
 * for the region or is unlimited; throws a `ProviderError` when the API
 * cannot be read.
 */
export async function readL4GpuQuota(
  client: CloudQuotasClient,
  location: { projectId: string; region: string },
  options: { signal: AbortSignal; timeoutMs: number; secrets: string[] },
): Promise<QuotaReading | undefined> {
  const quotaId = L4_GPU_QUOTA_IDS.zonalRedundancy;
  const name = cloudRunQuotaInfoName(location.projectId, quotaId);
  let info: IQuotaInfo;
  try {
    [info] = await client.getQuotaInfo({ name }, {
      timeout: options.timeoutMs,
      retry: null,
      signal: options.signal,
    } as any);
  } catch (error) {
    throw toProviderError(
      error,
      `GPU quota read (Cloud Quotas quotaInfos.get of ${quotaId})`,
      options.secrets,
    );
  }
  const limit = regionLimit(info, location.region);
  if (limit === undefined || limit < 0) return undefined;
  return {
    name: info.quotaDisplayName
      ? `${quotaId} (${info.quotaDisplayName})`
      : quotaId,
    unit: 'gpus',
    limit,
  };
}
