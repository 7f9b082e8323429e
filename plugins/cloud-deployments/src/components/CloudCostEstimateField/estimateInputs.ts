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
  DEPLOYMENT_PROVIDERS,
  DeploymentProvider,
  EstimateRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The usage assumptions an estimate request may carry.
 *
 * @public
 */
export type UsageAssumptions = NonNullable<EstimateRequest['usage']>;

/**
 * What the form holds so far, turned into what an estimate needs: either a
 * request to send, or what is still missing to price it.
 */
export type EstimateInputs =
  | { kind: 'ready'; request: EstimateRequest }
  | { kind: 'incomplete'; missing: string[] }
  | { kind: 'misconfigured'; message: string };

// The compute settings the backend prices; anything else the form holds under
// `compute` is left out rather than rejected as an unknown field.
const COMPUTE_KEYS = [
  'instanceType',
  'instanceCount',
  'cpu',
  'memoryMiB',
  'minInstances',
  'maxInstances',
  'concurrency',
  'gpu',
] as const;

type ComputeKey = (typeof COMPUTE_KEYS)[number];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Empty strings, `NaN` and `null` are what a form holds for "not filled in". */
function filledIn(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number' && Number.isNaN(value)) return undefined;
  return value ?? undefined;
}

/** Whether `provider` is a deployment target the backend can price. */
export function isDeploymentProvider(
  provider: unknown,
): provider is DeploymentProvider {
  return DEPLOYMENT_PROVIDERS.includes(provider as DeploymentProvider);
}

/**
 * Builds the `POST /estimates` body from the form's data: the target from the
 * field's options, the region and compute from the form. Only what pricing
 * uses is sent, so that a name or owner still being typed cannot make the
 * estimate fail; the backend validates the rest and answers 400 when the
 * values cannot be priced.
 */
export function toEstimateInputs(
  provider: unknown,
  formData: unknown,
  usage?: UsageAssumptions,
): EstimateInputs {
  if (!isDeploymentProvider(provider)) {
    return {
      kind: 'misconfigured',
      message: `The template must set ui:options.provider on this field to one of ${DEPLOYMENT_PROVIDERS.join(
        ', ',
      )}${provider === undefined ? '' : `, not "${String(provider)}"`}.`,
    };
  }
  const form = isRecord(formData) ? formData : {};
  const region = filledIn(form.region);
  const compute: Partial<Record<ComputeKey, unknown>> = {};
  const formCompute = isRecord(form.compute) ? form.compute : {};
  for (const key of COMPUTE_KEYS) {
    const value = filledIn(formCompute[key]);
    if (value !== undefined) compute[key] = value;
  }

  const missing: string[] = [];
  if (region === undefined) missing.push('a region');
  if (provider === 'aws-sagemaker') {
    if (compute.instanceType === undefined) missing.push('an instance type');
  } else {
    if (compute.cpu === undefined) missing.push('the CPU');
    if (compute.memoryMiB === undefined) missing.push('the memory');
  }
  if (missing.length > 0) {
    return { kind: 'incomplete', missing };
  }
  // The backend checks the types and bounds; its 400 names the bad field.
  const request = {
    provider,
    region,
    compute,
    ...(usage ? { usage } : {}),
  } as EstimateRequest;
  return { kind: 'ready', request };
}

/** "Choose a region and an instance type to see the estimate." */
export function describeMissing(missing: string[]): string {
  const list =
    missing.length <= 1
      ? missing.join('')
      : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  return `Choose ${list} to see the estimate.`;
}
