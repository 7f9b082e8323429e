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
import useAsync from 'react-use/esm/useAsync';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Approval,
  cloudDeploymentApprovePermission,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * Why the signed-in user cannot decide on a request, or undefined when they
 * can. The backend refuses the same (nobody decides on their own request;
 * deciding needs `cloud.deployment.approve` on the deployment); this says so
 * before anyone tries.
 *
 * @internal
 */
export function useWhyCannotDecide(approval: Approval): string | undefined {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const permission = usePermission({
    permission: cloudDeploymentApprovePermission,
    resourceRef: approval.deploymentId,
  });

  const me = identity.value?.userEntityRef.toLocaleLowerCase('en-US');
  if (me && me === approval.requestedBy.toLocaleLowerCase('en-US')) {
    return `You requested this ${approval.operation}; someone else must decide on it`;
  }
  if (identity.loading || permission.loading) return 'Checking permission…';
  if (!permission.allowed) {
    return 'You are not allowed to decide on requests for this deployment';
  }
  return undefined;
}
