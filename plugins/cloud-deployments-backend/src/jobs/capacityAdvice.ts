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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CAPACITY_ERROR_CODES } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  describeSuggestion,
  QuotaPreflight,
} from '../deployments/QuotaPreflight';
import { ProviderRegistry } from './ProviderRegistry';

/**
 * What a failure reason adds when the cloud had no capacity or quota left
 * for a deployment (a code of `CAPACITY_ERROR_CODES`): the equivalent type
 * the quota pre-flight would suggest, or undefined.
 */
export type CapacityAdvice = (
  deployment: Deployment,
  code: string | undefined,
) => Promise<string | undefined>;

/** {@link CapacityAdvice} from the quota pre-flight's suggestions. */
export function capacityAdvice(
  quota: Pick<QuotaPreflight, 'suggestFor'>,
  providers: ProviderRegistry,
): CapacityAdvice {
  return async (deployment, code) => {
    if (!code || !CAPACITY_ERROR_CODES.has(code)) return undefined;
    const provider = providers.get(deployment.spec.provider);
    if (!provider) return undefined;
    const suggestion = await quota.suggestFor(
      deployment.spec,
      provider,
      deployment.id,
    );
    return suggestion
      ? `an equivalent type may be used instead: ${describeSuggestion(
          suggestion,
        )}`
      : undefined;
  };
}

/** A failure reason with the advice, if any, after it. */
export function withAdvice(reason: string, advice: string | undefined) {
  return advice ? `${reason.replace(/\.\s*$/, '')}; ${advice}` : reason;
}
