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

/**
 * The service and SKU keys every price source, the snapshot and the
 * estimators agree on. Instance-priced services use the provider's own
 * instance type as SKU (`ml.m5.large`, `m5.large`, `e2-standard-4`,
 * `Standard_D2s_v5`); the others use the SKUs below.
 *
 * @public
 */
export const PRICE_KEYS = {
  aws: {
    /** SageMaker real-time hosting; SKU = `ml.*` instance type; unit `hour`. */
    sagemaker: 'AmazonSageMaker',
    /** EC2 on-demand Linux, shared tenancy; SKU = instance type; unit `hour`. */
    ec2: 'AmazonEC2',
  },
  gcp: {
    /** Cloud Run services; SKUs in {@link CLOUD_RUN_SKUS}. */
    cloudRun: 'CloudRun',
    /**
     * Compute Engine on-demand; SKU = machine type (unit `hour`), or, from the
     * Billing Catalog API, `<family>-core` (unit `vcpu-hour`) and
     * `<family>-ram` (unit `gib-hour`) for predefined machine families.
     */
    computeEngine: 'ComputeEngine',
  },
  azure: {
    /** Container Instances; SKUs in {@link ACI_SKUS}. */
    containerInstances: 'ContainerInstances',
    /** Virtual machines pay-as-you-go; SKU = size (Linux) or `<size>:windows`; unit `hour`. */
    virtualMachines: 'VirtualMachines',
  },
} as const;

/**
 * Cloud Run SKUs and their units.
 *
 * @public
 */
export const CLOUD_RUN_SKUS = {
  /** Request-based billing, CPU while serving: `vcpu-second`. */
  requestCpu: 'request-cpu',
  /** Request-based billing, memory while serving: `gib-second`. */
  requestMemory: 'request-memory',
  /** Request-based billing, idle minimum instances' CPU: `vcpu-second`. */
  requestIdleCpu: 'request-idle-cpu',
  /** Request-based billing, idle minimum instances' memory: `gib-second`. */
  requestIdleMemory: 'request-idle-memory',
  /** Request-based billing, per request (paid tier): `request`. */
  requests: 'requests',
  /** Instance-based billing, CPU for the instance's lifetime: `vcpu-second`. */
  instanceCpu: 'instance-cpu',
  /** Instance-based billing, memory for the instance's lifetime: `gib-second`. */
  instanceMemory: 'instance-memory',
} as const;

/**
 * Azure Container Instances SKUs (the `Standard` SKU, pay-as-you-go) and
 * their units.
 *
 * @public
 */
export const ACI_SKUS = {
  /** `vcpu-hour`. */
  vcpu: 'vcpu',
  /** `gib-hour` (Azure's "GB Hour"). */
  memory: 'memory',
  /** Windows software surcharge: `vcpu-second`. */
  windowsSoftware: 'windows-software',
  /** GPU SKUs are `gpu-<model>` in lower case, e.g. `gpu-v100`: `gpu-hour`. */
  gpuPrefix: 'gpu-',
} as const;
