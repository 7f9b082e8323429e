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
    /** Cost estimates; see the cloud-deployments backend. */
    pricing?: {
      /**
       * Live Azure prices from the Azure Retail Prices API (no credentials
       * needed): Container Instances (the Standard SKU's vCPU, memory and
       * Windows software meters, and GPU hours) and pay-as-you-go virtual
       * machines, Linux and Windows. Off unless this key is present; the
       * backend's dated snapshot answers then.
       */
      azure?: {
        /**
         * The Azure regions to price, as `armRegionName`s, e.g.
         * `['eastus', 'westeurope']`. Each region costs two paginated
         * queries per refresh (the virtual machine one has dozens of pages).
         */
        regions: string[];
        /**
         * The API's base URL, e.g. for a proxy. Page links are followed
         * only within its origin. Default `https://prices.azure.com`.
         */
        baseUrl?: string;
        /** Time limit of one attempt of a request, in milliseconds. Default 20000. */
        timeoutMs?: number;
        /**
         * Attempts per request in all, including the first. Throttling
         * (HTTP 429, honouring Retry-After), HTTP 5xx, timeouts and network
         * errors are retried with exponential backoff and jitter. Default 4.
         */
        attempts?: number;
      };
    };
  };
}
