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
import { NeededPermission } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The Azure RBAC actions of what the provider calls on container groups
 * (`ContainerGroupCalls`: get and list, create or update, delete, stop,
 * start), in the resource group of the subscription.
 */
export const CONTAINER_GROUP_ACTIONS: readonly NeededPermission[] = [
  {
    name: 'Microsoft.ContainerInstance/containerGroups/read',
    purpose: 'status, reconcile, orphans',
  },
  {
    name: 'Microsoft.ContainerInstance/containerGroups/write',
    purpose: 'provision, update',
  },
  {
    name: 'Microsoft.ContainerInstance/containerGroups/delete',
    purpose: 'destroy, recreate on update',
  },
  {
    name: 'Microsoft.ContainerInstance/containerGroups/stop/action',
    purpose: 'stop',
  },
  {
    name: 'Microsoft.ContainerInstance/containerGroups/start/action',
    purpose: 'start',
  },
];

/** What `AzureMonitorSource` reads of the container groups. */
export const METRICS_READ: NeededPermission = {
  name: 'Microsoft.Insights/metrics/read',
  purpose: 'traffic (idle recommendations)',
};

/**
 * What `AzureCostManagementSource` queries; the Cost Management Reader role
 * grants it (with every read of `Microsoft.CostManagement`).
 */
export const COST_QUERY_READ: NeededPermission = {
  name: 'Microsoft.CostManagement/query/read',
  purpose: 'actual costs (Cost Management)',
};

/**
 * Which readers the module runs against the subscriptions, besides the
 * provider, so that the connection test checks their permissions too.
 *
 * @public
 */
export type AciReaders = {
  /** Whether traffic is read from Azure Monitor. */
  metrics?: boolean;
  /** The scope Cost Management is queried at, when it is. */
  costs?: 'resourceGroup' | 'subscription';
};

/** Every action the deploy path and the configured readers need. */
export function neededActions(readers: AciReaders): NeededPermission[] {
  return [
    ...CONTAINER_GROUP_ACTIONS,
    ...(readers.metrics ? [METRICS_READ] : []),
    ...(readers.costs ? [COST_QUERY_READ] : []),
  ];
}
