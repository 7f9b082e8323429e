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
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a deployment in the permission framework: policies can
 * answer its permissions with conditions (owner, environment, provider) that
 * the backend applies to each deployment and as filters to lists.
 *
 * @public
 */
export const CLOUD_DEPLOYMENT_RESOURCE_TYPE = 'cloud-deployment';

/**
 * Allows creating a deployment. Conditions are checked against the deployment
 * about to be made (so a policy can let a team create only what it owns).
 *
 * @public
 */
export const cloudDeploymentCreatePermission = createPermission({
  name: 'cloud.deployment.create',
  attributes: { action: 'create' },
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Allows listing and reading deployments, their events and cost summaries;
 * conditions filter what a list or summary holds.
 *
 * @public
 */
export const cloudDeploymentReadPermission = createPermission({
  name: 'cloud.deployment.read',
  attributes: { action: 'read' },
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Allows changing a deployment: its spec, redeploy, rollback, cancel, and its
 * Terraform workspace (new token, state rollback).
 *
 * @public
 */
export const cloudDeploymentUpdatePermission = createPermission({
  name: 'cloud.deployment.update',
  attributes: { action: 'update' },
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Allows destroying a deployment.
 *
 * @public
 */
export const cloudDeploymentDestroyPermission = createPermission({
  name: 'cloud.deployment.destroy',
  attributes: { action: 'delete' },
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Allows releasing the lock of a deployment's Terraform state workspace held
 * by someone else (force-unlock), e.g. after a run was killed while holding it.
 *
 * @public
 */
export const cloudDeploymentTerraformForceUnlockPermission = createPermission({
  name: 'cloud.deployment.terraform.forceUnlock',
  attributes: { action: 'update' },
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Allows creating, changing and deleting budgets (of any owner group). A basic
 * permission: a budget is no deployment, and setting one is an
 * administrator's decision. Reading budgets needs `cloud.deployment.read`.
 *
 * @public
 */
export const cloudDeploymentBudgetManagePermission = createPermission({
  name: 'cloud.budget.manage',
  attributes: { action: 'update' },
});

/**
 * Allows testing a provider account's connection
 * (`POST /providers/:provider/accounts/:account/test`): the portal reads,
 * with its own credentials for that account, who it is and which
 * permissions it holds. A basic permission, for administrators: the answer
 * describes the portal's access, not any one deployment.
 *
 * @public
 */
export const cloudDeploymentProviderTestPermission = createPermission({
  name: 'cloud.provider.test',
  attributes: { action: 'read' },
});

/**
 * Allows approving or rejecting a request a policy held for approval. A
 * resource permission, so a policy can limit approvers to some owners'
 * deployments; nobody approves their own request, whatever the policy says.
 *
 * @public
 */
export const cloudDeploymentApprovePermission = createPermission({
  name: 'cloud.deployment.approve',
  attributes: { action: 'update' },
  resourceType: CLOUD_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Every permission of the cloud-deployments plugin.
 *
 * @public
 */
export const cloudDeploymentPermissions = [
  cloudDeploymentCreatePermission,
  cloudDeploymentReadPermission,
  cloudDeploymentUpdatePermission,
  cloudDeploymentDestroyPermission,
  cloudDeploymentTerraformForceUnlockPermission,
  cloudDeploymentBudgetManagePermission,
  cloudDeploymentApprovePermission,
  cloudDeploymentProviderTestPermission,
];
