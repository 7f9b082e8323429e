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
import {
  paginateListServiceQuotas,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { QuotaReading } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { SANDBOX_CREDENTIALS } from './createSageMakerClient';
import { SageMakerAccount } from './readSageMakerConfig';
import { toProviderError } from './toProviderError';

/**
 * The name AWS gives the SageMaker hosting quota of an instance type, e.g.
 * `ml.g5.xlarge for endpoint usage` (Service Quotas, service code
 * `sagemaker`; the same name a `ResourceLimitExceeded` of CreateEndpoint
 * quotes). Quota codes (`L-…`) are opaque, so quotas are matched by name.
 */
export function endpointQuotaName(instanceType: string): string {
  return `${instanceType} for endpoint usage`;
}

/** A Service Quotas client for an account and region, or for the sandbox. */
export function createServiceQuotasClient(
  account: SageMakerAccount,
  region: string,
  options: { timeoutMs: number; sandboxUrl?: string },
): ServiceQuotasClient {
  const { timeoutMs: timeout, sandboxUrl } = options;
  return new ServiceQuotasClient({
    region,
    // The sandbox answers Service Quotas at the SageMaker sandbox's URL.
    endpoint: sandboxUrl,
    credentials: sandboxUrl
      ? { ...SANDBOX_CREDENTIALS }
      : account.credentials && { ...account.credentials },
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
      connectionTimeout: timeout,
      socketTimeout: timeout,
    },
  });
}

/**
 * The endpoint-usage quotas of these instance types in the client's account
 * and region, by type: every page of `ListServiceQuotas` for `sagemaker`
 * (applied values: what AWS enforces for the account). A type whose quota
 * is not listed is left out. Throws a `ProviderError` when the list cannot
 * be read.
 */
export async function readEndpointQuotas(
  client: ServiceQuotasClient,
  instanceTypes: readonly string[],
  options: { signal: AbortSignal; redact?: (text: string) => string },
): Promise<Map<string, QuotaReading>> {
  const wanted = new Map(instanceTypes.map(t => [endpointQuotaName(t), t]));
  const found = new Map<string, QuotaReading>();
  try {
    for await (const page of paginateListServiceQuotas(
      { client, pageSize: 100 },
      { ServiceCode: 'sagemaker' },
      { abortSignal: options.signal },
    )) {
      for (const quota of page.Quotas ?? []) {
        const type = quota.QuotaName ? wanted.get(quota.QuotaName) : undefined;
        if (type === undefined || typeof quota.Value !== 'number') continue;
        found.set(type, {
          name: quota.QuotaName!,
          unit: 'instances',
          limit: quota.Value,
        });
      }
      if (found.size === wanted.size) break;
    }
  } catch (error) {
    throw toProviderError(
      error,
      'Service Quotas ListServiceQuotas',
      options.redact,
    );
  }
  return found;
}
