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
import { googleApiError, GoogleApiError } from './googleErrors';

// The identity and quota APIs the Cloud Run sandbox answers besides Cloud
// Run: OAuth2 token information, Resource Manager v3
// `projects.testIamPermissions` and Cloud Quotas v1 `quotaInfos.get`, as
// google-auth-library and the gax clients send them over REST.

/** The service account the sandbox's token belongs to. */
export const SANDBOX_PRINCIPAL =
  'cloud-deployments-portal@cloud-deployments-sandbox.iam.gserviceaccount.com';
/** Its unique id, as token information names it (`sub`, `azp`). */
export const SANDBOX_PRINCIPAL_ID = '104200000000000000001';

const TEST_IAM_PERMISSIONS = /^\/v3\/projects\/([^/:]+):testIamPermissions$/;
const QUOTA_INFO =
  /^\/v1\/projects\/([^/]+)\/locations\/global\/services\/([^/]+)\/quotaInfos\/([^/]+)$/;

/**
 * Cloud Run's L4 GPU quotas per project and region, by Cloud Quotas id,
 * with the display names Google gives them.
 */
export const L4_GPU_QUOTAS = {
  NvidiaL4GpuAllocPerProjectRegion: {
    displayName: 'Total Nvidia L4 GPU allocation, per project per region',
  },
  NvidiaL4GpuAllocNoZonalRedundancyPerProjectRegion: {
    displayName:
      'Total Nvidia L4 GPU allocation without zonal redundancy, per project per region',
  },
} as const;

/** A quota id of {@link L4_GPU_QUOTAS}. */
export type L4GpuQuotaId = keyof typeof L4_GPU_QUOTAS;

/** What the handlers need of the sandbox. */
export type IdentityContext = {
  /** Permissions the caller lacks, lowercase. */
  denied: ReadonlySet<string>;
  /** GPU limits by quota id and region. */
  gpuQuotas: ReadonlyMap<L4GpuQuotaId, ReadonlyMap<string, number>>;
};

/**
 * Answers a request of these APIs, or undefined when the path is not
 * theirs.
 */
export function handleIdentityRequest(
  ctx: IdentityContext,
  request: { method: string; path: string; body?: unknown },
): GoogleApiError | { ok: unknown } | undefined {
  const { method, path } = request;
  if (path === '/tokeninfo') {
    if (method !== 'POST' && method !== 'GET') return undefined;
    return {
      ok: {
        azp: SANDBOX_PRINCIPAL_ID,
        aud: SANDBOX_PRINCIPAL_ID,
        sub: SANDBOX_PRINCIPAL_ID,
        scope:
          'https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email',
        exp: String(Math.floor(Date.now() / 1000) + 3600),
        expires_in: '3600',
        email: SANDBOX_PRINCIPAL,
        email_verified: 'true',
        access_type: 'online',
      },
    };
  }
  const test = TEST_IAM_PERMISSIONS.exec(path);
  if (test && method === 'POST') {
    const asked = (request.body as { permissions?: unknown } | undefined)
      ?.permissions;
    if (
      !Array.isArray(asked) ||
      asked.some(p => typeof p !== 'string' || !/^[a-z][\w.]+$/i.test(p))
    ) {
      return googleApiError(
        'INVALID_ARGUMENT',
        'Invalid permissions: a list of permission names such as run.services.create is required.',
        { fieldViolation: 'permissions' },
      );
    }
    // Like IAM, the answer holds the granted ones and leaves out an empty list.
    const granted = (asked as string[]).filter(
      p => !ctx.denied.has(p.toLowerCase()),
    );
    return { ok: granted.length ? { permissions: granted } : {} };
  }
  const quota = QUOTA_INFO.exec(path);
  if (quota && method === 'GET') {
    const [, project, service, quotaId] = quota;
    const known =
      service === 'run.googleapis.com' && quotaId in L4_GPU_QUOTAS
        ? (quotaId as L4GpuQuotaId)
        : undefined;
    if (!known) {
      return googleApiError(
        'NOT_FOUND',
        `QuotaInfo projects/${project}/locations/global/services/${service}/quotaInfos/${quotaId} not found.`,
      );
    }
    const limits = ctx.gpuQuotas.get(known) ?? new Map<string, number>();
    return {
      ok: {
        name: `projects/${project}/locations/global/services/${service}/quotaInfos/${known}`,
        quotaId: known,
        service,
        isPrecise: true,
        containerType: 'PROJECT',
        dimensions: ['region'],
        quotaDisplayName: L4_GPU_QUOTAS[known].displayName,
        metricUnit: '1',
        isConcurrent: true,
        // A region without a configured limit has no value, so nothing is
        // checked there.
        dimensionsInfos: [...limits].map(([region, value]) => ({
          dimensions: { region },
          details: { value: String(value) },
          applicableLocations: [region],
        })),
      },
    };
  }
  return undefined;
}
