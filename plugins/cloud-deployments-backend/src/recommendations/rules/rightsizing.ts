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
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { PriceCatalog } from '../../pricing/PriceCatalog';
import { differenceSavings, unknownSavings } from '../savings';
import { Finding, labelOf, SpecPricer } from '../findings';

type Size = { vcpu: number; memoryGiB: number; gpu: number };

const sizeText = (s: Size) =>
  `${s.vcpu} vCPU, ${s.memoryGiB} GiB${s.gpu ? `, ${s.gpu} GPU` : ', no GPU'}`;

/**
 * SageMaker deployments on a dearer instance type than what they declare
 * they need (`compute.cpu`, `compute.memoryMiB`, `compute.gpu`) calls for,
 * including GPU types under workloads that declare no GPU: the cheapest
 * `ml.*` type in the deployment's region that holds the need (and has no GPU
 * when none is declared), by its hourly price. Deployments that declare
 * nothing are left alone: their need is unknown. Only types whose size the
 * price data knows are considered; one it cannot size is never guessed to fit.
 */
export function findRightsizing(input: {
  deployments: readonly Deployment[];
  catalog: PriceCatalog;
  price: SpecPricer;
}): Finding[] {
  const { catalog, price } = input;
  const service = PRICE_KEYS.aws.sagemaker;
  const findings: Finding[] = [];
  for (const deployment of input.deployments) {
    const { spec } = deployment;
    const { compute } = spec;
    if (spec.provider !== 'aws-sagemaker' || !compute.instanceType) continue;
    const declared =
      compute.cpu !== undefined ||
      compute.memoryMiB !== undefined ||
      compute.gpu !== undefined;
    if (!declared) continue;
    const current = catalog.machineSpec('aws', compute.instanceType);
    const currentHourly = catalog.lookup(
      'aws',
      service,
      spec.region,
      compute.instanceType,
    ).point?.usd;
    if (!current || currentHourly === undefined) continue;
    const need: Size = {
      vcpu: compute.cpu ?? 0,
      memoryGiB: (compute.memoryMiB ?? 0) / 1024,
      gpu: compute.gpu ?? 0,
    };
    const candidates = [...catalog.skus('aws', service)].flatMap(type => {
      const size = catalog.machineSpec('aws', type);
      const hourly = catalog.lookup('aws', service, spec.region, type).point
        ?.usd;
      if (!type.startsWith('ml.') || !size || hourly === undefined) return [];
      const gpu = size.gpu ?? 0;
      const holds =
        size.vcpu >= need.vcpu &&
        size.memoryGiB >= need.memoryGiB &&
        gpu >= need.gpu &&
        (need.gpu > 0 || gpu === 0);
      return holds
        ? [
            {
              type,
              hourly,
              size: { vcpu: size.vcpu, memoryGiB: size.memoryGiB, gpu },
            },
          ]
        : [];
    });
    candidates.sort(
      (a, b) => a.hourly - b.hourly || a.type.localeCompare(b.type),
    );
    const best = candidates[0];
    if (!best || best.type === compute.instanceType) continue;
    if (best.hourly >= currentHourly) continue;
    const currentSize: Size = {
      vcpu: current.vcpu,
      memoryGiB: current.memoryGiB,
      gpu: current.gpu ?? 0,
    };
    const gpuUnneeded = currentSize.gpu > 0 && need.gpu === 0;
    const proposed = { ...compute, instanceType: best.type };
    const before = price(spec);
    const after = price({ ...spec, compute: proposed });
    findings.push({
      kind: 'rightsizing',
      provider: spec.provider,
      deploymentId: deployment.id,
      subject: deployment.id,
      title: gpuUnneeded
        ? `Move ${deployment.name} off a GPU it does not need`
        : `Right-size ${deployment.name} to ${best.type}`,
      detail:
        `${labelOf(deployment)} declares it needs ${sizeText(need)}; ` +
        `${compute.instanceType} (${sizeText(
          currentSize,
        )}) costs $${currentHourly} an hour in ${spec.region}, ` +
        `${best.type} (${sizeText(best.size)}) holds the need for $${
          best.hourly
        }: ` +
        `the cheapest of ${candidates.length} sized type(s) in the price data that do.`,
      evidence: {
        currentType: compute.instanceType,
        currentHourly,
        proposedType: best.type,
        proposedHourly: best.hourly,
        needVcpu: need.vcpu,
        needMemoryGiB: need.memoryGiB,
        needGpu: need.gpu,
        instanceCount: compute.instanceCount ?? 1,
      },
      proposal: {
        type: 'change',
        spec: { compute: proposed },
        summary: `instance type ${compute.instanceType} → ${best.type}`,
      },
      savings:
        before && after
          ? differenceSavings(before, after)
          : unknownSavings('the current or proposed spec has no estimate'),
    });
  }
  return findings;
}
