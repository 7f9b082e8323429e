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
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import type { EstimateTarget } from '../EstimationService';
import { CLOUD_RUN_REGIONS } from '../regions';
import type { KubernetesNodeType } from '../estimators/types';

/*
 * The documented matrix of common choices that `yarn pricing:coverage` prices
 * offline. Where each list comes from:
 *  - SageMaker types: common real-time hosting types, each checked against the
 *    AWS SDK's `ProductionVariantInstanceType` enum (what the estimator accepts);
 *  - AWS regions: the twelve commercial regions SageMaker and EKS are most used
 *    in, from `AWS_REGIONS` in `../regions.ts`;
 *  - Azure regions for ACI: sixteen large regions from `AZURE_REGIONS`;
 *  - AKS: every region the snapshot's Azure VM dataset covers (47, listed in
 *    `AKS_REGIONS`) × common AKS node-pool sizes; sizes the snapshot has no
 *    machine spec for carry their published vCPU and memory;
 *  - Cloud Run: every region of Google's two Cloud Run price tiers (40,
 *    `CLOUD_RUN_REGIONS` in `../regions.ts`, which the estimator validates by);
 *  - GKE: common node machine types × fourteen Compute Engine regions.
 * Terraform plans are left out: a plan prices the same catalogue entries
 * through the same lookups, so it would count these choices twice.
 * Over 300 lines because it is mostly these lists, kept in one file so the
 * matrix can be read and reviewed as one document.
 */

/** One choice a user can make, priced as the portal would price it. */
export type CoverageChoice = {
  /** The row of the report it counts in. */
  target: string;
  /** What was chosen, for listings. */
  label: string;
  /** The node a Kubernetes choice is priced on (the estimator's config). */
  kubernetesNode?: Partial<KubernetesNodeType>;
  estimate: EstimateTarget;
};

/** The AKS row: the one with an issue target (≥ 90 % exact). */
export const AKS_TARGET = 'Kubernetes nodes on AKS (Azure VM)';

export const SAGEMAKER_TYPES = [
  'ml.t2.medium',
  'ml.m5.large',
  'ml.m5.xlarge',
  'ml.m5.2xlarge',
  'ml.m6i.large',
  'ml.c5.large',
  'ml.c5.xlarge',
  'ml.c5.2xlarge',
  'ml.g4dn.xlarge',
  'ml.g5.xlarge',
  'ml.g5.2xlarge',
  'ml.g5.12xlarge',
  'ml.g6.xlarge',
  'ml.inf2.xlarge',
];

export const COMMON_AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];

export const ACI_SHAPES: Array<{
  cpu: number;
  memoryMiB: number;
  os: 'linux' | 'windows';
}> = [
  { cpu: 1, memoryMiB: 1536, os: 'linux' },
  { cpu: 1, memoryMiB: 2048, os: 'linux' },
  { cpu: 2, memoryMiB: 4096, os: 'linux' },
  { cpu: 4, memoryMiB: 8192, os: 'linux' },
  { cpu: 1, memoryMiB: 2048, os: 'windows' },
];

export const COMMON_AZURE_REGIONS = [
  'eastus',
  'eastus2',
  'centralus',
  'westus2',
  'westus3',
  'canadacentral',
  'northeurope',
  'westeurope',
  'uksouth',
  'francecentral',
  'germanywestcentral',
  'swedencentral',
  'centralindia',
  'japaneast',
  'southeastasia',
  'australiaeast',
];

/** The regions of the snapshot's Azure VM dataset (Azure's karpenter provider's table). */
export const AKS_REGIONS = [
  'australiacentral',
  'australiacentral2',
  'australiaeast',
  'australiasoutheast',
  'brazilsouth',
  'brazilsoutheast',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'japaneast',
  'japanwest',
  'jioindiacentral',
  'jioindiawest',
  'koreacentral',
  'koreasouth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'qatarcentral',
  'southafricanorth',
  'southafricawest',
  'southcentralus',
  'southeastasia',
  'southindia',
  'swedencentral',
  'swedensouth',
  'switzerlandnorth',
  'switzerlandwest',
  'uaecentral',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
];

/** AKS node sizes; vCPU and GiB given where the snapshot has no machine spec. */
export const AKS_SIZES: Array<{
  size: string;
  vcpu?: number;
  memoryGiB?: number;
}> = [
  { size: 'Standard_D2s_v5' },
  { size: 'Standard_D4s_v5' },
  { size: 'Standard_D8s_v5' },
  { size: 'Standard_D16s_v5' },
  { size: 'Standard_D4_v5' },
  { size: 'Standard_D2ds_v5' },
  { size: 'Standard_D4ds_v5' },
  { size: 'Standard_D2s_v3', vcpu: 2, memoryGiB: 8 },
  { size: 'Standard_D4s_v3', vcpu: 4, memoryGiB: 16 },
  { size: 'Standard_D8s_v3', vcpu: 8, memoryGiB: 32 },
  { size: 'Standard_B2s', vcpu: 2, memoryGiB: 4 },
  { size: 'Standard_B2ms', vcpu: 2, memoryGiB: 8 },
  { size: 'Standard_B4ms', vcpu: 4, memoryGiB: 16 },
  { size: 'Standard_E4s_v5', vcpu: 4, memoryGiB: 32 },
  { size: 'Standard_F4s_v2', vcpu: 4, memoryGiB: 8 },
];

export const CLOUD_RUN_SHAPES: Array<{
  cpu: number;
  memoryMiB: number;
  billing: 'request' | 'instance';
  minInstances: number;
}> = [
  { cpu: 1, memoryMiB: 512, billing: 'request', minInstances: 0 },
  { cpu: 1, memoryMiB: 2048, billing: 'request', minInstances: 1 },
  { cpu: 2, memoryMiB: 4096, billing: 'instance', minInstances: 1 },
  { cpu: 4, memoryMiB: 8192, billing: 'instance', minInstances: 2 },
];

export const GKE_MACHINE_TYPES = [
  'e2-medium',
  'e2-standard-2',
  'e2-standard-4',
  'n2-standard-2',
  'n2-standard-4',
  'n2d-standard-4',
  't2d-standard-4',
  'c3-standard-4',
];

export const COMMON_GCP_REGIONS = [
  'us-central1',
  'us-east1',
  'us-east4',
  'us-west1',
  'northamerica-northeast1',
  'southamerica-east1',
  'europe-west1',
  'europe-west2',
  'europe-west3',
  'europe-west4',
  'asia-east1',
  'asia-northeast1',
  'asia-southeast1',
  'australia-southeast1',
];

export const EKS_INSTANCE_TYPES = [
  't3.medium',
  't3.large',
  'm5.large',
  'm5.xlarge',
  'm6i.large',
  'm6i.xlarge',
  'm7i.large',
  'c5.xlarge',
  'c6g.large',
  'r5.large',
];

/** The pod every Kubernetes choice prices: small enough for every node above. */
const POD = { cpu: 0.5, memoryMiB: 512, minInstances: 2 };

function kubernetesChoice(
  target: string,
  node: Omit<KubernetesNodeType, 'vcpu' | 'memoryGiB'> &
    Partial<KubernetesNodeType>,
): CoverageChoice {
  return {
    target,
    label: `${node.instanceType} in ${node.region}`,
    kubernetesNode: node,
    estimate: { provider: 'kubernetes', region: 'cluster', compute: POD },
  };
}

/** Every choice of the matrix. */
export function coverageMatrix(): CoverageChoice[] {
  const choices: CoverageChoice[] = [];
  for (const region of COMMON_AWS_REGIONS) {
    for (const instanceType of SAGEMAKER_TYPES) {
      choices.push({
        target: 'SageMaker endpoint',
        label: `${instanceType} in ${region}`,
        estimate: {
          provider: 'aws-sagemaker',
          region,
          compute: { instanceType, instanceCount: 1 },
        },
      });
    }
  }
  for (const region of COMMON_AZURE_REGIONS) {
    for (const { cpu, memoryMiB, os } of ACI_SHAPES) {
      choices.push({
        target: 'Azure Container Instances',
        label: `${cpu} vCPU ${memoryMiB} MiB ${os} in ${region}`,
        estimate: {
          provider: 'azure-container-instances',
          region,
          compute: { cpu, memoryMiB },
          usage: { os },
        },
      });
    }
  }
  for (const region of CLOUD_RUN_REGIONS) {
    for (const { cpu, memoryMiB, billing, minInstances } of CLOUD_RUN_SHAPES) {
      choices.push({
        target: 'Cloud Run',
        label: `${cpu} vCPU ${memoryMiB} MiB ${billing}-billed, min ${minInstances}, in ${region}`,
        estimate: {
          provider: 'gcp-cloud-run',
          region,
          compute: { cpu, memoryMiB, minInstances, maxInstances: 10 },
          usage: { billing },
        },
      });
    }
  }
  for (const region of AKS_REGIONS) {
    for (const { size, vcpu, memoryGiB } of AKS_SIZES) {
      choices.push(
        kubernetesChoice(AKS_TARGET, {
          provider: 'azure',
          service: PRICE_KEYS.azure.virtualMachines,
          region,
          instanceType: size,
          ...(vcpu ? { vcpu, memoryGiB } : {}),
        }),
      );
    }
  }
  for (const region of COMMON_GCP_REGIONS) {
    for (const instanceType of GKE_MACHINE_TYPES) {
      choices.push(
        kubernetesChoice('Kubernetes nodes on GKE (Compute Engine)', {
          provider: 'gcp',
          service: PRICE_KEYS.gcp.computeEngine,
          region,
          instanceType,
        }),
      );
    }
  }
  for (const region of COMMON_AWS_REGIONS) {
    for (const instanceType of EKS_INSTANCE_TYPES) {
      choices.push(
        kubernetesChoice('Kubernetes nodes on EKS (EC2)', {
          provider: 'aws',
          service: PRICE_KEYS.aws.ec2,
          region,
          instanceType,
        }),
      );
    }
  }
  return choices;
}
