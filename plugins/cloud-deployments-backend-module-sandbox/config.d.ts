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

export interface Config {
  /** Configuration of the cloud-deployments plugins. */
  cloudDeployments?: {
    /** The sandboxes (demo and test stand-ins for the clouds). */
    sandbox?: {
      /**
       * Serve the sandboxes' traffic from this many days before each
       * resource was created, as if it had been running then. For a demo
       * whose deployments have a seeded history
       * (`cloudDeployments.demo.seedHistoryDays`) while their sandbox
       * resources are made at start, so that the metrics cover the days the
       * portal says they existed. Default 0: only the days a resource really
       * existed in the sandbox. At most 365.
       */
      trafficHistoryDays?: number;
      /**
       * Permissions the sandboxes' permission checks say the portal's
       * identity lacks, so that the connection test
       * (`POST /providers/:provider/accounts/:account/test`) shows a
       * missing one. Any case. E.g.
       * `aws: [sagemaker:DeleteEndpoint]`.
       */
      deniedPermissions?: {
        /** IAM actions, e.g. `sagemaker:DeleteEndpoint`, `iam:PassRole`. */
        aws?: string[];
        /**
         * Verbs on resources, as `kubectl auth can-i` names them:
         * `<verb> <resource>[.<group>]`, e.g. `delete deployments.apps`.
         */
        kubernetes?: string[];
        /**
         * IAM permissions on the Cloud Run sandbox's projects, e.g.
         * `run.services.delete`, `iam.serviceAccounts.actAs`.
         */
        gcp?: string[];
        /**
         * Azure RBAC actions, listed as `notActions` of the resource
         * groups' permissions, e.g.
         * `Microsoft.ContainerInstance/containerGroups/delete`.
         */
        azure?: string[];
      };
      /**
       * The traffic the sandboxes' metrics APIs report for resources, by
       * resource name (the deployment's cloud name), instead of the
       * synthetic traffic (derived from a hash of the name and the day,
       * about one resource in four idle): a daily amount for every day the
       * resource exists (0 makes it idle), or an amount per `YYYY-MM-DD`
       * day. E.g. `aws: { churn-model: 0 }`.
       */
      traffic?: {
        /** SageMaker endpoints: CloudWatch `Invocations` a day. */
        aws?: { [endpointName: string]: number | { [day: string]: number } };
        /** Cloud Run services: Cloud Monitoring `request_count` a day. */
        gcp?: { [serviceId: string]: number | { [day: string]: number } };
        /**
         * Container groups: bytes received a day (Azure Monitor
         * `NetworkBytesReceivedPerSecond`); a real group never receives 0,
         * because of health probes.
         */
        azure?: {
          [containerGroupName: string]: number | { [day: string]: number };
        };
      };
      /**
       * The quotas and capacity the sandboxes answer with, so that a demo
       * or a test can show a GPU deployment refused by its quota, or failed
       * for want of capacity.
       */
      quotas?: {
        /** The SageMaker sandbox. */
        aws?: {
          /**
           * Endpoint-usage quotas in instances, by instance type (e.g.
           * `ml.g5.xlarge: 2`), the same in every region: Service Quotas
           * lists each as `<type> for endpoint usage`, and CreateEndpoint
           * refuses with `ResourceLimitExceeded` past it. Types left out
           * have no quota.
           */
          endpointInstances?: { [instanceType: string]: number };
          /**
           * Instance types SageMaker has no capacity of: an endpoint
           * created on one ends `Failed` with SageMaker's
           * insufficient-capacity reason.
           */
          noCapacity?: string[];
        };
        /** The Cloud Run sandbox (Cloud Quotas, service `run.googleapis.com`). */
        gcp?: {
          /**
           * L4 GPU quotas by region (e.g. `us-central1: 2`), the same in
           * every project: Cloud Quotas reports each as
           * `NvidiaL4GpuAllocPerProjectRegion`, the quota of GPUs with zonal
           * redundancy, which is how the portal deploys them. Regions left
           * out have no value; nothing is enforced.
           */
          gpus?: { [region: string]: number };
          /**
           * Likewise `NvidiaL4GpuAllocNoZonalRedundancyPerProjectRegion`,
           * GPUs without zonal redundancy.
           */
          gpusNoZonalRedundancy?: { [region: string]: number };
        };
        /** The Kubernetes sandbox cluster. */
        kubernetes?: {
          /**
           * GPU quotas by namespace: a `ResourceQuota` named `gpu-quota`
           * limiting `requests.nvidia.com/gpu` to this many, its
           * `status.used` what the namespace's Deployments request.
           */
          gpus?: { [namespace: string]: number };
        };
      };
    };
  };
}
