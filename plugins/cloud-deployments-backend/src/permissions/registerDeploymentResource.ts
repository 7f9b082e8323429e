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
import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  CLOUD_DEPLOYMENT_RESOURCE_TYPE,
  cloudDeploymentPermissions,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  cloudDeploymentPermissionResourceRef,
  cloudDeploymentPermissionRules,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { subjectOf } from './subject';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Registers the `cloud-deployment` resource type: its permissions, its rules
 * (so policies can be written against them and the permission backend can
 * list them), and how to load deployments by id when the permission backend
 * applies conditions for another plugin (e.g. the frontend's per-deployment
 * checks).
 */
export function registerDeploymentResource(
  registry: PermissionsRegistryService,
  store: Pick<DeploymentStore, 'getDeployment'>,
): void {
  registry.addResourceType({
    resourceRef: cloudDeploymentPermissionResourceRef,
    permissions: cloudDeploymentPermissions.filter(p =>
      isResourcePermission(p, CLOUD_DEPLOYMENT_RESOURCE_TYPE),
    ),
    rules: Object.values(cloudDeploymentPermissionRules),
    getResources: refs =>
      Promise.all(
        refs.map(async ref => {
          if (!uuid.test(ref)) return undefined;
          const deployment = await store.getDeployment(ref.toLowerCase());
          return deployment ? subjectOf(deployment) : undefined;
        }),
      ),
  });
}
