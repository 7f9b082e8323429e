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
import {
  Approval,
  cloudDeploymentApprovePermission,
  Deployment,
  Page,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CloudDeploymentsApi } from '../../api';
import { SignedInOwner } from '../../hooks/useSignedInOwner';
import { EXPIRING_SOON_WITHIN } from '../DeploymentsTable/views';

/** How many expiring deployments are listed; the list's view has the rest. */
const EXPIRING_SHOWN = 10;

/** How many held requests are looked at: a home card, not a queue. */
const APPROVALS_LOOKED_AT = 20;

/**
 * What waits for the signed-in user.
 *
 * @internal
 */
export type WaitingForMe = {
  /** Requests they may decide: not their own, and allowed by the policy. */
  approvals: Array<{ deployment: Deployment; approval: Approval }>;
  /** Their deployments that no longer match their spec. */
  drifted: Deployment[];
  /** Their deployments whose TTL destroys them within a week, soonest first. */
  expiring: Page<Deployment>;
};

/**
 * Loads what waits for the signed-in user: requests held for approval that
 * they may decide (the backend's own rules: never one's own request, and
 * `cloud.deployment.approve` on the deployment), their drifted deployments,
 * and those of theirs whose TTL ends within a week (the backend filters and
 * sorts them by the time their TTL runs out).
 *
 * @internal
 */
export async function loadWaitingForMe(options: {
  api: CloudDeploymentsApi;
  permissionApi: PermissionApi;
  owner: SignedInOwner;
}): Promise<WaitingForMe> {
  const { api, permissionApi, owner } = options;
  const me = owner.userEntityRef.toLocaleLowerCase('en-US');
  const [held, drifted, expiring] = await Promise.all([
    api.listDeployments({
      status: ['awaiting_approval'],
      limit: APPROVALS_LOOKED_AT,
    }),
    api.listDeployments({ owner: owner.ownerRefs, status: ['drifted'] }),
    api.listDeployments({
      owner: owner.ownerRefs,
      expiresWithin: EXPIRING_SOON_WITHIN,
      sort: 'expiresAt',
      limit: EXPIRING_SHOWN,
    }),
  ]);

  const approvals = (
    await Promise.all(
      held.items.map(async item => {
        const { approval, ...deployment } = await api.getDeployment(item.id);
        if (!approval || approval.status !== 'awaiting_approval')
          return undefined;
        if (approval.requestedBy.toLocaleLowerCase('en-US') === me) {
          return undefined;
        }
        const decision = await permissionApi.authorize({
          permission: cloudDeploymentApprovePermission,
          resourceRef: deployment.id,
        });
        return decision.result === AuthorizeResult.ALLOW
          ? { deployment, approval }
          : undefined;
      }),
    )
  ).filter(<T>(x: T | undefined): x is T => x !== undefined);

  return { approvals, drifted: drifted.items, expiring };
}
