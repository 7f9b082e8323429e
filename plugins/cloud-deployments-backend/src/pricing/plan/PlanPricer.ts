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
  EstimateLine,
  PlanEstimate,
  PlanResourceCost,
  PlanResourcePricing,
  totalOfLines,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { EstimationService } from '../EstimationService';
import { cents, priceLine } from '../estimators/lines';
import { parsePlanShape } from './planShape';
import { parseCpu, parseMemoryMiB } from './quantities';
import { isComplete, planWarnings } from './planSummary';
import { FREE_TYPES, unpricedReason } from './resourceTypes';

type Priced = {
  monthly: number | null;
  lines: EstimateLine[];
  pricing: PlanResourcePricing;
  unpriced?: string;
};

const first = (v: any) => (Array.isArray(v) ? v[0] : v);

/**
 * Prices a Terraform plan (`terraform show -json`): the monthly cost of every
 * resource before and after, and the difference. Resources it cannot price are
 * listed as unpriced, saying whether they are billed or of an unknown type,
 * never dropped or counted as $0.
 */
export class PlanPricer {
  readonly #estimates: EstimationService;

  constructor(estimates: EstimationService) {
    this.#estimates = estimates;
  }

  price(plan: unknown, options: { awsRegion?: string } = {}): PlanEstimate {
    const json = parsePlanShape(plan);
    const warnings: string[] = [];
    const awsRegion = options.awsRegion ?? json.awsRegion;
    const resources: PlanResourceCost[] = [];
    for (const rc of json.resource_changes) {
      if (rc.mode === 'data') continue;
      const actions = rc.change?.actions ?? [];
      const action = actions.length === 2 ? 'replace' : actions[0] ?? 'no-op';
      const before = this.#priceResource(rc.type, rc.change?.before, awsRegion);
      const after = this.#priceResource(rc.type, rc.change?.after, awsRegion);
      const unpriced =
        (rc.change?.before && before.unpriced) ||
        (rc.change?.after && after.unpriced) ||
        undefined;
      const lines = rc.change?.after ? after.lines : before.lines;
      const pricing = rc.change?.after ? after.pricing : before.pricing;
      resources.push({
        address: rc.address,
        type: rc.type,
        action,
        monthlyBefore: rc.change?.before ? before.monthly : null,
        monthlyAfter: rc.change?.after ? after.monthly : null,
        lines,
        pricing,
        ...(pricing === 'priced'
          ? {
              totalKind: totalOfLines([...before.lines, ...after.lines])
                .totalKind,
            }
          : {}),
        ...(unpriced ? { unpriced } : {}),
      });
    }
    if (!awsRegion && resources.some(r => r.type.startsWith('aws_'))) {
      warnings.push(
        'AWS region not found in the plan: us-east-1 assumed (pass awsRegion)',
      );
    }
    const sum = (pick: (r: PlanResourceCost) => number | null) =>
      cents(resources.reduce((s, r) => s + (pick(r) ?? 0), 0));
    const monthlyBefore = sum(r => r.monthlyBefore);
    const monthlyAfter = sum(r => r.monthlyAfter);
    const unpricedAddresses = resources
      .filter(r => r.unpriced)
      .map(r => r.address);
    warnings.push(...planWarnings(resources));
    return {
      currency: 'USD',
      monthlyBefore,
      monthlyAfter,
      monthlyDelta: cents(monthlyAfter - monthlyBefore),
      complete: isComplete(resources),
      resources,
      unpriced: unpricedAddresses,
      warnings,
      estimatedAt: new Date().toISOString(),
    };
  }

  #priceResource(type: string, values: any, awsRegion?: string): Priced {
    if (!values || FREE_TYPES.has(type)) {
      return { monthly: values ? 0 : null, lines: [], pricing: 'free' };
    }
    let estimate: Pick<CostEstimate, 'monthlyTotal' | 'lines'> | undefined;
    try {
      estimate = this.#estimateResource(type, values, awsRegion ?? 'us-east-1');
    } catch (error) {
      // A known, billed type whose values cannot be priced (e.g. serverless).
      return {
        monthly: null,
        lines: [],
        pricing: 'chargeable-unpriced',
        unpriced: `${type} is billed, but not priced here: ${(
          error as Error
        ).message.replace(/^Invalid estimate: /, '')}`,
      };
    }
    if (!estimate) {
      const { pricing, reason } = unpricedReason(type);
      return { monthly: null, lines: [], pricing, unpriced: reason };
    }
    const missing = estimate.lines.filter(l => l.kind === 'missing');
    // A resource with a missing price has no total: it is unpriced, not cheaper.
    return missing.length
      ? {
          monthly: null,
          lines: estimate.lines,
          pricing: 'priced',
          unpriced: `${missing.length} of its ${
            estimate.lines.length
          } price line(s) have no price (${missing
            .map(l => l.note ?? l.sku)
            .join('; ')}): not in the totals`,
        }
      : {
          monthly: estimate.monthlyTotal,
          lines: estimate.lines,
          pricing: 'priced',
        };
  }

  #estimateResource(
    type: string,
    v: any,
    awsRegion: string,
  ): Pick<CostEstimate, 'monthlyTotal' | 'lines'> | undefined {
    const estimates = this.#estimates;
    const hours = 730;
    switch (type) {
      case 'aws_sagemaker_endpoint_configuration': {
        const variants: any[] = v.production_variants ?? [];
        if (variants.some(pv => first(pv.serverless_config))) {
          throw new Error('serverless inference is not priced');
        }
        const lines = variants.flatMap(
          pv =>
            estimates.estimate({
              provider: 'aws-sagemaker',
              region: awsRegion,
              compute: {
                instanceType: pv.instance_type,
                instanceCount: pv.initial_instance_count ?? 1,
              },
            }).lines,
        );
        return sumLines(lines);
      }
      case 'google_cloud_run_v2_service': {
        const template = first(v.template) ?? {};
        const container = first(template.containers) ?? {};
        const resources = first(container.resources) ?? {};
        const limits = resources.limits ?? {};
        const scaling = first(template.scaling) ?? {};
        return estimates.estimate({
          provider: 'gcp-cloud-run',
          region: v.location,
          compute: {
            cpu: parseCpu(limits.cpu) ?? 1,
            memoryMiB: parseMemoryMiB(limits.memory) ?? 512,
            minInstances: scaling.min_instance_count ?? 0,
            maxInstances: scaling.max_instance_count || 100,
            concurrency: template.max_instance_request_concurrency || 80,
          },
          // cpu_idle false keeps CPU allocated: instance-based billing.
          usage: {
            billing: resources.cpu_idle === false ? 'instance' : 'request',
          },
        });
      }
      case 'azurerm_container_group': {
        const containers: any[] = v.container ?? [];
        const cpu = containers.reduce((s, c) => s + Number(c.cpu ?? 0), 0);
        const memoryGB = containers.reduce(
          (s, c) => s + Number(c.memory ?? 0),
          0,
        );
        return estimates.estimate({
          provider: 'azure-container-instances',
          region: String(v.location ?? '')
            .replace(/\s+/g, '')
            .toLowerCase(),
          compute: { cpu, memoryMiB: Math.round(memoryGB * 1024) },
          usage: { os: v.os_type === 'Windows' ? 'windows' : 'linux' },
        });
      }
      case 'kubernetes_deployment':
      case 'kubernetes_deployment_v1': {
        const spec = first(v.spec) ?? {};
        const podSpec = first(first(spec.template)?.spec) ?? {};
        const containers: any[] = podSpec.container ?? [];
        let cpu = 0;
        let memoryMiB = 0;
        for (const c of containers) {
          const requests = first(c.resources)?.requests ?? {};
          cpu += parseCpu(requests.cpu) ?? 0;
          memoryMiB += parseMemoryMiB(requests.memory) ?? 0;
        }
        return estimates.estimate({
          provider: 'kubernetes',
          region: 'cluster',
          compute: {
            cpu: cpu || 0.1,
            memoryMiB: Math.round(memoryMiB) || 128,
            minInstances: Number(spec.replicas ?? 1),
          },
        });
      }
      case 'aws_instance':
        return sumLines([
          priceLine(estimates.catalog, {
            provider: 'aws',
            service: PRICE_KEYS.aws.ec2,
            region: awsRegion,
            sku: v.instance_type,
            unit: 'hour',
            quantity: hours,
            description: `Instance hours (${v.instance_type} × ${hours} h)`,
          }),
        ]);
      case 'google_compute_instance': {
        const zone = String(v.zone ?? '');
        const region = zone.replace(/-[a-z]$/, '');
        return sumLines([
          priceLine(estimates.catalog, {
            provider: 'gcp',
            service: PRICE_KEYS.gcp.computeEngine,
            region,
            sku: String(v.machine_type).split('/').pop()!,
            unit: 'hour',
            quantity: hours,
            description: `Instance hours (${v.machine_type} × ${hours} h)`,
          }),
        ]);
      }
      case 'azurerm_linux_virtual_machine':
      case 'azurerm_windows_virtual_machine': {
        // Windows sizes are priced as `<size>:windows`, the pay-as-you-go
        // price with the licence: never the Linux price of the size.
        const windows = type === 'azurerm_windows_virtual_machine';
        return sumLines([
          priceLine(estimates.catalog, {
            provider: 'azure',
            service: PRICE_KEYS.azure.virtualMachines,
            region: String(v.location ?? '')
              .replace(/\s+/g, '')
              .toLowerCase(),
            sku: windows ? `${v.size}:windows` : v.size,
            unit: 'hour',
            quantity: hours,
            description: `VM hours (${v.size}${
              windows ? ', Windows with licence' : ''
            } × ${hours} h)`,
          }),
        ]);
      }
      default:
        return undefined;
    }
  }
}

function sumLines(lines: EstimateLine[]) {
  return { lines, monthlyTotal: totalOfLines(lines).monthlyTotal };
}
