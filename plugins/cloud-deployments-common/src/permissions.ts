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
 * Allows creating a deployment.
 *
 * @public
 */
export const cloudDeploymentCreatePermission = createPermission({
  name: 'cloud.deployment.create',
  attributes: { action: 'create' },
});

/**
 * Allows listing and reading deployments and their events.
 *
 * @public
 */
export const cloudDeploymentReadPermission = createPermission({
  name: 'cloud.deployment.read',
  attributes: { action: 'read' },
});

/**
 * Allows changing a deployment.
 *
 * @public
 */
export const cloudDeploymentUpdatePermission = createPermission({
  name: 'cloud.deployment.update',
  attributes: { action: 'update' },
});

/**
 * Allows destroying a deployment.
 *
 * @public
 */
export const cloudDeploymentDestroyPermission = createPermission({
  name: 'cloud.deployment.destroy',
  attributes: { action: 'delete' },
});

/**
 * Allows releasing the lock of a Terraform state workspace held by someone
 * else (force-unlock), e.g. after a run was killed while holding it.
 *
 * @public
 */
export const cloudDeploymentTerraformForceUnlockPermission = createPermission({
  name: 'cloud.deployment.terraform.forceUnlock',
  attributes: { action: 'update' },
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
];
