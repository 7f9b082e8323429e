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
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  CLOUD_DEPLOYMENT_RESOURCE_TYPE,
  cloudDeploymentApprovePermission,
  cloudDeploymentBudgetManagePermission,
  cloudDeploymentProviderTestPermission,
  cloudDeploymentReadPermission,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  cloudDeploymentConditions,
  createCloudDeploymentConditionalDecision,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * Who may do what to cloud deployments:
 *
 * - everyone signed in reads every deployment;
 * - a user creates, changes, destroys and force-unlocks only deployments owned
 *   by one of their ownership refs (themselves or a group they are in);
 * - the admins (entity refs) do all of that to every deployment, and alone
 *   set budgets (`cloud.budget.manage`) and test the connection of the
 *   providers' accounts (`cloud.provider.test`, which reads with the
 *   portal's own credentials);
 * - the admins and the approvers (entity refs) approve or reject what the
 *   portal's policies hold for approval (`cloud.deployment.approve`), on
 *   every deployment: owners do not approve their own team's requests.
 *
 * Every other plugin's permission is allowed, as the allow-all policy does:
 * to combine this with your own policy, call {@link OwnerScopedPolicy.decide}
 * from it for the `cloud-deployment` resource type.
 *
 * @public
 */
export class OwnerScopedPolicy implements PermissionPolicy {
  readonly #admins: Set<string>;
  readonly #approvers: Set<string>;

  constructor(options: { admins?: string[]; approvers?: string[] } = {}) {
    const refs = (list?: string[]) =>
      new Set((list ?? []).map(ref => ref.toLocaleLowerCase('en-US')));
    this.#admins = refs(options.admins);
    this.#approvers = refs(options.approvers);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      !isResourcePermission(
        request.permission,
        CLOUD_DEPLOYMENT_RESOURCE_TYPE,
      ) &&
      !isPermission(
        request.permission,
        cloudDeploymentBudgetManagePermission,
      ) &&
      !isPermission(request.permission, cloudDeploymentProviderTestPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    return this.decide(request, user);
  }

  /**
   * The decision on a `cloud-deployment` permission, or on
   * `cloud.budget.manage` or `cloud.provider.test`.
   */
  decide(request: PolicyQuery, user?: PolicyQueryUser): PolicyDecision {
    const { permission } = request;
    if (isPermission(permission, cloudDeploymentReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Plugins acting as themselves never reach a policy; no user is nobody.
    if (!user) return { result: AuthorizeResult.DENY };
    const claims = user.info.ownershipEntityRefs ?? [];
    const claimed = (refs: Set<string>) =>
      claims.some(ref => refs.has(ref.toLocaleLowerCase('en-US')));
    if (claimed(this.#admins)) return { result: AuthorizeResult.ALLOW };
    if (isPermission(permission, cloudDeploymentApprovePermission)) {
      return {
        result: claimed(this.#approvers)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (!isResourcePermission(permission, CLOUD_DEPLOYMENT_RESOURCE_TYPE)) {
      return { result: AuthorizeResult.DENY };
    }
    return createCloudDeploymentConditionalDecision(
      permission,
      cloudDeploymentConditions.isOwner({ claims }),
    );
  }
}
