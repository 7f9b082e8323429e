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
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the cloud-deployments plugins. */
  cloudDeployments?: {
    /** Deployment targets; see the cloud-deployments backend. */
    providers?: {
      /**
       * Azure Container Instances (`spec.provider: azure-container-instances`).
       * Without this block the provider runs against the sandbox module's
       * local Azure Resource Manager, started in the backend process
       * (nothing reaches Azure), or is off when that module is not installed.
       */
      azure?: {
        /**
         * Use the local sandbox even though subscriptions are listed (their
         * ids, subscription ids, resource groups and regions are kept; their
         * credentials and endpoints are not used). Default false.
         */
        sandbox?: boolean;
        /** Time limit of one Azure Resource Manager request, in milliseconds. Default 30000. */
        timeoutMs?: number;
        /**
         * The subscriptions to deploy into. `spec.account` names one by
         * `id`; deployments without it go to the first.
         */
        subscriptions?: Array<{
          /** What `spec.account` refers to, e.g. `prod`. */
          id: string;
          /** The subscription id, a GUID. */
          subscriptionId: string;
          /**
           * The existing resource group that holds the deployments'
           * container groups, e.g. `ml-deployments`.
           */
          resourceGroup: string;
          /** The regions deployments may use, e.g. `[westeurope]`. Any when absent. */
          regions?: string[];
          /** The Microsoft Entra tenant (directory) id of the service principal. */
          tenantId?: string;
          /**
           * The application (client) id: of the service principal with
           * `clientSecret`, or else of a user-assigned managed identity or
           * workload identity for the default credential chain.
           */
          clientId?: string;
          /**
           * A client secret of the service principal, e.g.
           * `${AZURE_DEPLOYER_SECRET}`; needs `tenantId` and `clientId`.
           * Without it the default Azure credential chain is used
           * (environment variables, workload identity, managed identity,
           * Azure CLI).
           * @visibility secret
           */
          clientSecret?: string;
          /**
           * The Azure Resource Manager endpoint, e.g.
           * `https://management.usgovcloudapi.net` for a sovereign cloud;
           * tokens are requested for `<endpoint>/.default`. Default
           * `https://management.azure.com`.
           */
          endpoint?: string;
        }>;
      };
    };

    /** Azure, besides its deployment target and prices. */
    azure?: {
      /**
       * The traffic of Container Instances deployments, for the
       * recommendation to stop idle ones. Container groups have no request
       * count in Azure Monitor, so this is a proxy: the bytes a group
       * received each UTC day, from its `NetworkBytesReceivedPerSecond`
       * metric (hourly averages times 3,600, added up per day), read with
       * the metrics API on each group's resource id in its subscription,
       * with that subscription's credentials and endpoint under
       * `cloudDeployments.providers.azure.subscriptions`; they need
       * `Microsoft.Insights/metrics/read` (e.g. Monitoring Reader on the
       * resource group). Off against real subscriptions unless `enabled` is
       * true; in sandbox mode the sandbox's own Azure Monitor answers
       * (synthetic traffic) unless `enabled` is false.
       *
       * One request per container group each time the backend reads
       * traffic. Azure Monitor may charge for metrics queries beyond a
       * monthly free allotment: see the Azure Monitor pricing page.
       */
      monitor?: {
        /** Set to true to read traffic from Azure Monitor. Default false (true in sandbox mode). */
        enabled?: boolean;
        /**
         * The bytes a day at or below which a container group counts as
         * idle. Health probes and platform traffic keep an unused group
         * above 0: an HTTP probe every 10 s is some 8,640 requests, a few
         * MiB a day. Default 10485760 (10 MiB). Set it a little above what
         * a group you know to be unused receives (its metric in the portal,
         * times 86,400 for a day's average bytes per second).
         */
        idleBytesPerDay?: number;
        /** Container groups read at once. Default 4; at most 16. */
        concurrency?: number;
        /**
         * Retries of a request by the SDK's pipeline: throttling (HTTP 429,
         * after its Retry-After), HTTP 5xx and network errors. Default 4; at
         * most 10.
         */
        maxRetries?: number;
        /** Time limit of one request, in milliseconds. Default 30000. */
        timeoutMs?: number;
      };
      /**
       * What Azure Container Instances deployments really cost, read daily
       * from the Azure Cost Management Query API by the
       * `cloud-deployments-id` tag of their container groups. Off unless
       * `enabled` is true. Reads the subscriptions under
       * `cloudDeployments.providers.azure.subscriptions` with their
       * credentials and endpoints (not in sandbox mode); these need the Cost
       * Management Reader role (or Reader) on the scope read.
       */
      costManagement?: {
        /** Set to true to read actual costs. Default false. */
        enabled?: boolean;
        /**
         * What is queried in each subscription: the resource group that
         * holds the container groups (`resourceGroup`), or the whole
         * `subscription`. Default resourceGroup.
         */
        scope?: 'resourceGroup' | 'subscription';
        /**
         * `ActualCost`: as billed (a reservation's purchase on its day);
         * `AmortizedCost`: reservations and savings plans spread over the
         * days they cover. Default ActualCost.
         */
        costType?: 'ActualCost' | 'AmortizedCost';
        /**
         * How long an answer is reused for the same days and deployments:
         * Cost Management allows few queries a minute. Between 1 minute and
         * 7 days; default 12 hours.
         */
        cacheTtl?: HumanDuration | string;
        /** Time limit of one request, in milliseconds. Default 60000. */
        timeoutMs?: number;
        /**
         * Retries of a request by the Azure SDK: throttling (HTTP 429,
         * after the Retry-After the API asks for), HTTP 5xx and network
         * errors. Default 4; at most 10.
         */
        maxRetries?: number;
      };
    };

    /** Cost estimates; see the cloud-deployments backend. */
    pricing?: {
      /**
       * Live Azure prices from the Azure Retail Prices API (no credentials
       * needed): Container Instances (the Standard SKU's vCPU, memory and
       * Windows software meters, and GPU hours) and pay-as-you-go virtual
       * machines, Linux and Windows. On by default; the first refresh runs a
       * minute after start. When the API cannot be reached (no network, a
       * firewall), each refresh logs one warning and the cached prices and
       * the backend's dated snapshot answer; the next refresh tries again.
       */
      azure?: {
        /** Set to false to turn live Azure prices off. Default true. */
        enabled?: boolean;
        /**
         * The Azure regions to price, as `armRegionName`s, e.g.
         * `['eastus', 'westeurope']`. Each region costs two paginated
         * queries per refresh (the virtual machine one has dozens of pages).
         * Default: the regions listed under
         * `cloudDeployments.providers.azure.subscriptions`, and eastus,
         * westus2, westeurope, northeurope and swedencentral.
         */
        regions?: string[];
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
