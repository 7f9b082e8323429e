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
  DeploymentCompute,
  EstimateLine,
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CLOUD_RUN_SKUS,
  PRICE_KEYS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import {
  CLOUD_RUN_TIER1_REFERENCE_REGION,
  fmt,
  freeTierCredit,
} from './cloudRunFreeTier';
import { cloudRunUsage } from './cloudRunUsage';
import { priceLine, toEstimate } from './lines';
import { EstimatorContext } from './types';

/**
 * A Cloud Run service. Request-based billing charges CPU and memory while
 * requests are served (requests × duration ÷ concurrency), a fee per request,
 * and idle minimum instances at the idle rate; instance-based billing charges
 * CPU and memory for the whole life of every instance and no request fee.
 * Unless turned off, the monthly free tier is a credit line per SKU valued
 * at the tier-1 price, after the usage line at the region's own price.
 */
export function estimateCloudRun(
  target: { region: string; compute: DeploymentCompute },
  ctx: EstimatorContext,
): CostEstimate {
  const { usage, catalog } = ctx;
  const { region, compute } = target;
  const billed = cloudRunUsage(compute, usage);
  const { vcpu, memoryGiB, concurrency, minInstances, maxInstances } = billed;
  const scope =
    usage.billing === 'request' ? 'request-based' : 'instance-based';
  const free = (unit: PriceUnit) =>
    usage.applyFreeTier
      ? catalog
          .allowances('gcp', PRICE_KEYS.gcp.cloudRun, scope)
          .filter(a => a.unit === unit)
          .reduce((sum, a) => sum + a.monthlyQuantity, 0)
      : 0;
  // The usage at the region's price, then the free tier's credit if any.
  const line = (
    sku: string,
    unit: PriceUnit,
    used: number,
    description: string,
    allowance = 0,
  ): EstimateLine[] => {
    const usageLine = priceLine(catalog, {
      provider: 'gcp',
      service: PRICE_KEYS.gcp.cloudRun,
      region,
      sku,
      unit,
      quantity: used,
      description,
    });
    const credit = freeTierCredit(catalog, usageLine, allowance);
    return credit ? [usageLine, credit] : [usageLine];
  };

  const lines: EstimateLine[] = [];
  let instances: number | undefined;
  if (usage.billing === 'request') {
    lines.push(
      ...line(
        CLOUD_RUN_SKUS.requestCpu,
        'vcpu-second',
        vcpu * billed.activeSeconds,
        `CPU while serving (${vcpu} vCPU)`,
        free('vcpu-second'),
      ),
      ...line(
        CLOUD_RUN_SKUS.requestMemory,
        'gib-second',
        memoryGiB * billed.activeSeconds,
        `Memory while serving (${fmt(memoryGiB)} GiB)`,
        free('gib-second'),
      ),
      ...line(
        CLOUD_RUN_SKUS.requests,
        'request',
        usage.requestsPerMonth,
        'Requests',
        free('request'),
      ),
    );
    if (minInstances > 0) {
      const { idleSeconds } = billed;
      lines.push(
        ...line(
          CLOUD_RUN_SKUS.requestIdleCpu,
          'vcpu-second',
          vcpu * idleSeconds,
          `Idle minimum instances CPU (${minInstances} × ${vcpu} vCPU)`,
        ),
        ...line(
          CLOUD_RUN_SKUS.requestIdleMemory,
          'gib-second',
          memoryGiB * idleSeconds,
          `Idle minimum instances memory (${minInstances} × ${fmt(
            memoryGiB,
          )} GiB)`,
        ),
      );
    }
  } else {
    instances = billed.instances;
    const seconds = billed.activeSeconds;
    lines.push(
      ...line(
        CLOUD_RUN_SKUS.instanceCpu,
        'vcpu-second',
        vcpu * seconds,
        `CPU of ${instances} instance(s) all month (${vcpu} vCPU)`,
        free('vcpu-second'),
      ),
      ...line(
        CLOUD_RUN_SKUS.instanceMemory,
        'gib-second',
        memoryGiB * seconds,
        `Memory of ${instances} instance(s) all month (${fmt(memoryGiB)} GiB)`,
        free('gib-second'),
      ),
    );
  }
  const warnings = usage.applyFreeTier
    ? [
        `The free tier is per billing account (other services on the account use it too) and is credited at tier-1 prices (${CLOUD_RUN_TIER1_REFERENCE_REGION}'s)`,
      ]
    : [];
  return toEstimate(
    lines,
    {
      billing: usage.billing,
      requestsPerMonth: usage.requestsPerMonth,
      avgRequestDurationMs: usage.avgRequestDurationMs,
      concurrency,
      vcpu,
      memoryGiB,
      minInstances,
      maxInstances,
      hoursPerMonth: usage.hoursPerMonth,
      freeTierApplied: usage.applyFreeTier,
      ...(usage.applyFreeTier
        ? {
            freeTierValuedAt: `tier-1 price (${CLOUD_RUN_TIER1_REFERENCE_REGION})`,
          }
        : {}),
      ...(instances !== undefined ? { instances } : {}),
    },
    warnings,
  );
}
