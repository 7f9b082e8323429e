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
import { useCallback } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudDeploymentDestroyPermission,
  cloudDeploymentUpdatePermission,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentAction } from './deploymentActions';

/**
 * Whether the user may take an action, and whether that is still being
 * checked.
 *
 * @internal
 */
export type ActionPermission = { allowed: boolean; loading: boolean };

/**
 * Tells for each action whether the user may take it.
 *
 * @internal
 */
export type ActionPermissions = (action: DeploymentAction) => ActionPermission;

/**
 * Checks the permissions the actions on one deployment need. They are per
 * deployment (a policy may let a team change only what it owns); the
 * permission API batches the checks of every row into one request.
 *
 * @internal
 */
export function useActionPermissions(deploymentId: string): ActionPermissions {
  const update = usePermission({
    permission: cloudDeploymentUpdatePermission,
    resourceRef: deploymentId,
  });
  const destroy = usePermission({
    permission: cloudDeploymentDestroyPermission,
    resourceRef: deploymentId,
  });
  const updateAllowed = update.allowed;
  const updateLoading = update.loading;
  const destroyAllowed = destroy.allowed;
  const destroyLoading = destroy.loading;
  return useCallback(
    (action: DeploymentAction) =>
      action.permission.name === cloudDeploymentDestroyPermission.name
        ? { allowed: destroyAllowed, loading: destroyLoading }
        : { allowed: updateAllowed, loading: updateLoading },
    [updateAllowed, updateLoading, destroyAllowed, destroyLoading],
  );
}
