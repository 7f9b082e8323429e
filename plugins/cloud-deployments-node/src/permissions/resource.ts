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
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { CLOUD_DEPLOYMENT_RESOURCE_TYPE } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * What the permission rules see of a deployment (or of what a Terraform
 * workspace belongs to): small, so rules are cheap to apply in memory and
 * easy to turn into database filters.
 *
 * @public
 */
export type CloudDeploymentPermissionSubject = {
  /** The owner's entity ref, e.g. `group:default/team-a`. */
  owner: string;
  environment?: string;
  provider?: string;
  /** Whether it runs in a provider's local sandbox. */
  sandbox: boolean;
};

/**
 * A database filter made from permission conditions: one column must hold one
 * of the values (`sandbox`: the value `true` or `false`).
 *
 * @public
 */
export type CloudDeploymentPermissionQuery = {
  key: 'owner' | 'environment' | 'provider' | 'sandbox';
  values: string[];
};

/**
 * The `cloud-deployment` resource type of the cloud-deployments plugin, for
 * permission rules and conditional decisions.
 *
 * @public
 */
export const cloudDeploymentPermissionResourceRef = createPermissionResourceRef<
  CloudDeploymentPermissionSubject,
  CloudDeploymentPermissionQuery
>().with({
  pluginId: 'cloud-deployments',
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});
