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
import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { InputError } from '@backstage/errors';
import {
  CostEstimate,
  DeploymentCompute,
  EmissionsEstimate,
  DeploymentProvider,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CarbonEstimator } from './carbon/CarbonEstimator';
import { estimateCloudRun } from './estimators/cloudRun';
import { labelAssumptions, labelDefaults } from './estimators/defaults';
import { estimateContainerInstances } from './estimators/containerInstances';
import { estimateKubernetes } from './estimators/kubernetes';
import { resolveKubernetesNode } from './estimators/kubernetesNode';
import { estimateSageMaker } from './estimators/sagemaker';
import {
  DEFAULT_USAGE,
  EstimatorContext,
  KubernetesNodeType,
  UsageAssumptions,
} from './estimators/types';
import { PriceCatalog } from './PriceCatalog';
import { AWS_REGIONS, AZURE_REGIONS, CLOUD_RUN_REGIONS } from './regions';

/** What is priced: a target, a region, compute, and the usage to assume. */
export type EstimateTarget = {
  provider: DeploymentProvider;
  region: string;
  compute: DeploymentCompute;
  usage?: Partial<UsageAssumptions>;
};

/** Lists valid values in a message when there are few enough to read. */
function validValues(values: Iterable<string>, max = 40): string {
  const sorted = [...values].sort();
  if (sorted.length === 0) return '';
  if (sorted.length > max) return ` (${sorted.length} known; see GET /prices)`;
  return `; valid values: ${sorted.join(', ')}`;
}

const SAGEMAKER_INSTANCE_TYPES: ReadonlySet<string> = new Set(
  Object.values(ProductionVariantInstanceType),
);

const ACI_GPU_MODELS = ['K80', 'P100', 'V100'];

/**
 * Prices deployment specs from the in-memory catalogue: validates what can only
 * be checked against prices (instance types, regions, sizes), then runs the
 * target's estimator. Pure CPU work: no I/O on this path.
 */
export class EstimationService {
  readonly #catalog: PriceCatalog;
  readonly #usage: UsageAssumptions;
  readonly #kubernetesNode: KubernetesNodeType;
  readonly #regions: Partial<Record<DeploymentProvider, ReadonlySet<string>>>;
  readonly #carbon: CarbonEstimator;

  constructor(options: {
    catalog: PriceCatalog;
    usage?: Partial<UsageAssumptions>;
    kubernetesNode?: Partial<KubernetesNodeType>;
    /** Default: one over the embedded carbon coefficients. */
    carbon?: CarbonEstimator;
  }) {
    this.#catalog = options.catalog;
    this.#carbon =
      options.carbon ?? new CarbonEstimator({ catalog: options.catalog });
    // The providers' own lists, not the price data: a listed region without
    // a price is estimated from the fallback region or with missing lines.
    // Kubernetes regions are a cluster's own label: not checked.
    this.#regions = {
      'aws-sagemaker': new Set(AWS_REGIONS),
      'azure-container-instances': new Set(AZURE_REGIONS),
      'gcp-cloud-run': new Set(CLOUD_RUN_REGIONS),
    };
    this.#usage = { ...DEFAULT_USAGE, ...options.usage };
    this.#kubernetesNode = resolveKubernetesNode(
      this.#catalog,
      options.kubernetesNode,
    );
  }

  get catalog(): PriceCatalog {
    return this.#catalog;
  }

  /** The node Kubernetes workloads are priced against, sized. */
  get kubernetesNode(): KubernetesNodeType {
    return this.#kubernetesNode;
  }

  /** Whether a region is one of the target's (Kubernetes: any label). */
  isRegion(provider: DeploymentProvider, region: string): boolean {
    return this.#regions[provider]?.has(region) ?? true;
  }

  /** Throws an InputError naming the field when a target cannot be priced as given. */
  validate(target: EstimateTarget): void {
    const { provider, region, compute } = target;
    const bad = (field: string, message: string) => {
      throw new InputError(`Invalid estimate: ${field}: ${message}`);
    };
    const known = this.#regions[provider];
    if (known && !known.has(region)) {
      bad(
        'region',
        provider === 'gcp-cloud-run'
          ? `"${region}" is not a Cloud Run region (Google's list of ${known.size}, e.g. us-central1)`
          : `"${region}" is not a ${provider} region`,
      );
    }
    const cpu = compute.cpu ?? 0;
    const memoryMiB = compute.memoryMiB ?? 0;
    switch (provider) {
      case 'aws-sagemaker': {
        // Validated against AWS's own list, not the price list: a real type
        // without an offline price is accepted with a missing line.
        if (!SAGEMAKER_INSTANCE_TYPES.has(compute.instanceType!)) {
          bad(
            'compute.instanceType',
            `"${compute.instanceType}" is not a SageMaker hosting instance type (the AWS SDK's ProductionVariantInstanceType lists ${SAGEMAKER_INSTANCE_TYPES.size}, e.g. ml.m5.large)`,
          );
        }
        break;
      }
      case 'gcp-cloud-run':
        if (cpu > 8) bad('compute.cpu', 'must be at most 8 on Cloud Run');
        if (memoryMiB > 32768) {
          bad(
            'compute.memoryMiB',
            'must be at most 32768 (32 GiB) on Cloud Run',
          );
        }
        break;
      case 'azure-container-instances':
        if (cpu > 4)
          bad('compute.cpu', 'must be at most 4 per container group');
        if (memoryMiB > 16384) {
          bad(
            'compute.memoryMiB',
            'must be at most 16384 (16 GiB) per container group',
          );
        }
        if (
          (compute.gpu ?? 0) > 0 &&
          compute.instanceType &&
          !ACI_GPU_MODELS.includes(compute.instanceType.toUpperCase())
        ) {
          bad(
            'compute.instanceType',
            `"${compute.instanceType}" is not an ACI GPU${validValues(
              ACI_GPU_MODELS,
            )}`,
          );
        }
        break;
      case 'kubernetes': {
        const node = this.#kubernetesNode;
        if (cpu > node.vcpu || memoryMiB / 1024 > node.memoryGiB) {
          bad(
            'compute',
            `a pod of ${cpu} vCPU and ${memoryMiB} MiB does not fit on a ${node.instanceType} node (${node.vcpu} vCPU, ${node.memoryGiB} GiB)`,
          );
        }
        break;
      }
      default:
        break;
    }
  }

  /** A monthly estimate of a target, validated first, its defaults labelled. */
  /**
   * The GPUs of one instance of a spec: its instance type's, for SageMaker;
   * `compute.gpu` elsewhere.
   */
  gpusOf(spec: DeploymentSpec): number {
    const compute = spec.compute ?? {};
    return spec.provider === 'aws-sagemaker' && compute.instanceType
      ? this.#catalog.machineSpec('aws', compute.instanceType)?.gpu ?? 0
      : compute.gpu ?? 0;
  }

  estimate(target: EstimateTarget): CostEstimate {
    return labelDefaults(this.#estimate(target), target);
  }

  /**
   * The emissions of a target alone, validated first, its defaults labelled:
   * for an estimate stored before emissions were estimated.
   */
  emissionsOf(target: EstimateTarget): EmissionsEstimate {
    this.validate(target);
    const emissions = this.#carbon.estimate(
      target,
      { ...this.#usage, ...target.usage },
      this.#kubernetesNode,
    );
    return {
      ...emissions,
      assumptions: labelAssumptions(emissions.assumptions, target),
    };
  }

  #estimate(target: EstimateTarget): CostEstimate {
    this.validate(target);
    const ctx: EstimatorContext = {
      catalog: this.#catalog,
      usage: { ...this.#usage, ...target.usage },
      kubernetesNode: this.#kubernetesNode,
    };
    const price = this.#price(target, ctx);
    return {
      ...price,
      emissions: this.#carbon.estimate(target, ctx.usage, this.#kubernetesNode),
    };
  }

  #price(target: EstimateTarget, ctx: EstimatorContext): CostEstimate {
    switch (target.provider) {
      case 'aws-sagemaker':
        return estimateSageMaker(target, ctx);
      case 'gcp-cloud-run':
        return estimateCloudRun(target, ctx);
      case 'azure-container-instances':
        return estimateContainerInstances(target, ctx);
      case 'kubernetes':
        return estimateKubernetes(target, ctx);
      default:
        throw new InputError(`Invalid estimate: provider: unknown provider`);
    }
  }
}
