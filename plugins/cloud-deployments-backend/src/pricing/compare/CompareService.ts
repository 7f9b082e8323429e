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
import { InputError } from '@backstage/errors';
import {
  CompareRequest,
  CompareResult,
  CostEstimate,
  DeploymentCompute,
  DeploymentProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ACI_SKUS,
  PRICE_KEYS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { EstimationService } from '../EstimationService';
import { lowerCarbonChoice, PricedOption, sortOptions } from './compareOrder';
import {
  chooseSageMakerType,
  describeSize,
  WorkloadSize,
} from './sagemakerType';

/** Where a target is priced when the request names no region for it. */
export const COMPARE_DEFAULT_REGIONS = {
  'aws-sagemaker': 'us-east-1',
  'gcp-cloud-run': 'us-central1',
  'azure-container-instances': 'eastus',
} as const;

type RegionalProvider = keyof typeof COMPARE_DEFAULT_REGIONS;

/**
 * Prices one workload on every installed target in the regions asked, side by
 * side: Cloud Run and ACI by its CPU and memory, SageMaker on the smallest
 * instance type that holds it, Kubernetes as its share of the configured node.
 * A target that cannot run it says why instead of giving a price. Options
 * are ordered by cost or emissions, and the cheapest exact one and the
 * lower-carbon one at the cheapest's price band are marked.
 */
export class CompareService {
  readonly #estimates: EstimationService;
  readonly #installed: () => DeploymentProvider[];

  constructor(options: {
    estimates: EstimationService;
    /** The targets installed in this portal. */
    installed: () => DeploymentProvider[];
  }) {
    this.#estimates = options.estimates;
    this.#installed = options.installed;
  }

  compare(request: CompareRequest): CompareResult {
    const installed = this.#installed();
    for (const provider of request.providers ?? []) {
      if (!installed.includes(provider)) {
        throw new InputError(
          `Invalid compare: providers: ${provider} is not installed in this portal`,
        );
      }
    }
    const targets = request.providers
      ? installed.filter(p => request.providers!.includes(p))
      : installed;
    for (const [provider, regions] of Object.entries(request.regions ?? {})) {
      for (const region of regions ?? []) {
        if (!this.#estimates.isRegion(provider as DeploymentProvider, region)) {
          throw new InputError(
            `Invalid compare: regions.${provider}: "${region}" is not a ${provider} region`,
          );
        }
      }
    }
    const options: PricedOption[] = targets.flatMap(provider => {
      if (provider === 'kubernetes') return [this.#kubernetes(request)];
      const regions = request.regions?.[provider] ?? [
        COMPARE_DEFAULT_REGIONS[provider],
      ];
      return [...new Set(regions)].map(region =>
        this.#regional(provider, region, request),
      );
    });
    const sort = request.sort ?? 'cost';
    // The cheapest complete option, whatever the order shown.
    const cheapest = sortOptions(options, 'cost').find(
      o => o.estimate?.complete,
    );
    const { priceBand, choice } = lowerCarbonChoice(options);
    return {
      currency: 'USD',
      sort,
      ...(priceBand ? { priceBand } : {}),
      options: sortOptions(options, sort).map(o => ({
        ...o,
        cheapestExact: o === cheapest,
        lowerCarbon: o === choice?.option,
        ...(o === choice?.option ? { carbonSaving: choice.saving } : {}),
      })),
      estimatedAt: new Date().toISOString(),
    };
  }

  #need(request: CompareRequest): WorkloadSize {
    return {
      vcpu: request.compute.cpu,
      memoryGiB: request.compute.memoryMiB / 1024,
      gpu: request.compute.gpu ?? 0,
    };
  }

  #regional(
    provider: RegionalProvider,
    region: string,
    request: CompareRequest,
  ): PricedOption {
    const need = this.#need(request);
    const catalog = this.#estimates.catalog;
    const base = { provider, region };
    if (provider === 'aws-sagemaker') {
      const choice = chooseSageMakerType(catalog, region, need);
      if (!choice.instanceType) {
        return {
          ...base,
          pricedAs: describeSize(need),
          fits: false,
          reason: choice.reason,
        };
      }
      const { instanceCount, minInstances } = request.compute;
      return this.#price(
        {
          ...base,
          pricedAs: `${choice.instanceType} (${describeSize(choice.size)})`,
          reason: choice.reason,
        },
        {
          instanceType: choice.instanceType,
          instanceCount: instanceCount ?? Math.max(minInstances ?? 1, 1),
        },
        request,
      );
    }
    const pricedAs = describeSize(need);
    if (need.gpu > 0) {
      const offersGpu =
        provider === 'azure-container-instances' &&
        [...catalog.skus('azure', PRICE_KEYS.azure.containerInstances)].some(
          sku => sku.startsWith(ACI_SKUS.gpuPrefix),
        );
      // Cloud Run's estimator has no GPU line: a price without it would be wrong.
      if (!offersGpu) {
        return {
          ...base,
          pricedAs,
          fits: false,
          reason: `does not offer this: the price data has no ${
            provider === 'gcp-cloud-run' ? 'Cloud Run' : 'ACI'
          } GPU prices`,
        };
      }
    }
    return this.#price({ ...base, pricedAs }, request.compute, request);
  }

  #kubernetes(request: CompareRequest): PricedOption {
    const node = this.#estimates.kubernetesNode;
    const need = this.#need(request);
    const base = {
      provider: 'kubernetes' as const,
      region: node.region,
      pricedAs: `pod share of a ${node.instanceType} node (${node.vcpu} vCPU, ${node.memoryGiB} GiB)`,
    };
    if (need.gpu > 0) {
      const gpus = this.#estimates.catalog.machineSpec(
        node.provider,
        node.instanceType,
      )?.gpu;
      return {
        ...base,
        fits: false,
        reason: gpus
          ? 'not priced: a pod share counts CPU and memory, not GPUs'
          : `does not offer this: the configured node type ${node.instanceType} has no GPU`,
      };
    }
    return this.#price(base, request.compute, request);
  }

  /** The estimate, or `fits: false` when the target refuses the workload (e.g. a size limit). */
  #price(
    option: Omit<PricedOption, 'fits'>,
    compute: DeploymentCompute,
    request: CompareRequest,
  ): PricedOption {
    let estimate: CostEstimate;
    try {
      estimate = this.#estimates.estimate({
        provider: option.provider,
        region: option.region,
        compute,
        usage: request.usage,
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return {
        ...option,
        fits: false,
        reason: error.message.replace(/^Invalid estimate: /, ''),
      };
    }
    return { ...option, fits: true, estimate };
  }
}
