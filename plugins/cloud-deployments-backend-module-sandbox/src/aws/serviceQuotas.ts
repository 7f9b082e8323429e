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
import { createHash } from 'node:crypto';
import { SageMakerApiError } from './awsErrors';
import { page } from './listPaging';

/** The X-Amz-Target prefix of AWS Service Quotas (awsJson1_1). */
export const SERVICE_QUOTAS_TARGET_PREFIX = 'ServiceQuotasV20190624.';

/**
 * The SageMaker hosting quota of an instance type, named as AWS names it
 * (e.g. `ml.g5.xlarge for endpoint usage`, the name a `ResourceLimitExceeded`
 * from CreateEndpoint quotes).
 *
 * @public
 */
export function sageMakerEndpointQuotaName(instanceType: string): string {
  return `${instanceType} for endpoint usage`;
}

/** A quota code of the kind AWS gives (`L-` and 8 hex digits): opaque, stable per name. */
function quotaCode(name: string): string {
  return `L-${createHash('sha256')
    .update(name)
    .digest('hex')
    .slice(0, 8)
    .toUpperCase()}`;
}

/**
 * Answers Service Quotas' `ListServiceQuotas` for service code `sagemaker`
 * with the endpoint-usage quotas the sandbox was given (`limits`, instances
 * by instance type, the same in every region), as AWS answers it: one page
 * of `Quotas` after `NextToken`. Other service codes have no quotas here
 * (`NoSuchResourceException`, as AWS says of an unknown code).
 */
export function listServiceQuotas(
  operation: string,
  body: Record<string, any>,
  ctx: {
    limits: ReadonlyMap<string, number>;
    region: string;
    accountId: string;
  },
) {
  if (operation !== 'ListServiceQuotas') {
    throw new SageMakerApiError(
      'UnknownOperationException',
      `The sandbox's Service Quotas serves ListServiceQuotas only, not ${operation}`,
    );
  }
  if (body.ServiceCode !== 'sagemaker') {
    throw new SageMakerApiError(
      'NoSuchResourceException',
      `The request failed because the specified service does not exist: ${String(
        body.ServiceCode,
      )}`,
    );
  }
  const quotas = [...ctx.limits.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([instanceType, value]) => {
      const name = sageMakerEndpointQuotaName(instanceType);
      const code = quotaCode(name);
      return {
        ServiceCode: 'sagemaker',
        ServiceName: 'Amazon SageMaker',
        QuotaArn: `arn:aws:servicequotas:${ctx.region}:${ctx.accountId}:sagemaker/${code}`,
        QuotaCode: code,
        QuotaName: name,
        Value: value,
        Unit: 'None',
        Adjustable: true,
        GlobalQuota: false,
        QuotaAppliedAtLevel: 'ACCOUNT',
      };
    });
  const { items, next } = page(quotas, {
    MaxResults: body.MaxResults ?? 100,
    NextToken: body.NextToken,
  });
  return { Quotas: items, ...(next ? { NextToken: next } : {}) };
}
