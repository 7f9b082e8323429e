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
  CostEstimate,
  Deployment,
  EstimateLine,
  lineKind,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** The base URL the mocked discovery API gives the plugin's backend. */
export const baseUrl = 'http://localhost:7007/api/cloud-deployments';

/** A priced line of an estimate, live from the provider's price API. */
export function makeLine(overrides: Partial<EstimateLine> = {}): EstimateLine {
  // A test that sets only the line's cost means a unit price to match.
  let unitPrice: number | null | undefined;
  if (
    overrides.monthlyCost !== undefined &&
    overrides.unitPrice === undefined
  ) {
    unitPrice =
      overrides.monthlyCost === null
        ? null
        : overrides.monthlyCost / (overrides.quantity ?? 730);
  }
  const base = {
    unitPrice: 0.115 as number | null,
    monthlyCost: 83.95 as number | null,
    note: undefined as string | undefined,
  };
  return {
    description: 'Instance hours (ml.m5.large × 1)',
    quantity: 730,
    unit: 'hour',
    unitPrice: 0.115,
    monthlyCost: 83.95,
    sku: 'ml.m5.large',
    region: 'us-east-1',
    kind: 'exact',
    source: 'live',
    origin: 'AWS Pricing API',
    effectiveDate: '2026-05-01',
    ...overrides,
    ...(unitPrice !== undefined ? { unitPrice } : {}),
    ...(overrides.kind
      ? {}
      : {
          kind: lineKind({
            ...base,
            ...overrides,
            ...(unitPrice !== undefined ? { unitPrice } : {}),
          } as EstimateLine),
        }),
  };
}

/** A complete estimate of the given lines (one live line by default). */
export function makeEstimate(
  overrides: Partial<CostEstimate> = {},
): CostEstimate {
  const lines = overrides.lines ?? [makeLine()];
  return {
    currency: 'USD',
    ...totalOfLines(lines),
    // A test that sets only the total means the figure shown.
    ...(overrides.monthlyTotal !== undefined &&
    overrides.pricedSubtotal === undefined
      ? { pricedSubtotal: overrides.monthlyTotal ?? 0 }
      : {}),
    lines,
    assumptions: { hoursPerMonth: 730 },
    warnings: [],
    estimatedAt: '2026-06-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Deployment number `n`: active on SageMaker, created five minutes ago. */
export function makeDeployment(
  n: number,
  overrides: Partial<Deployment> = {},
): Deployment {
  const createdAt = new Date(Date.now() - 5 * 60 * 1000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `model-${n}`,
    spec: {
      owner: 'group:default/ml-team',
      component: `component:default/service-${n}`,
      environment: 'production',
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      artifact: { image: 'ghcr.io/acme/model:1.0.0' },
      compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
      engine: 'sdk',
    },
    status: 'active',
    outputs: {},
    createdBy: 'user:default/jane',
    createdAt,
    updatedBy: 'user:default/jane',
    updatedAt: createdAt,
    version: 1,
    ...overrides,
  };
}
