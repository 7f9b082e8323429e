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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  cloudDeploymentApprovePermission,
  cloudDeploymentBudgetManagePermission,
  cloudDeploymentCreatePermission,
  cloudDeploymentDestroyPermission,
  cloudDeploymentProviderTestPermission,
  cloudDeploymentReadPermission,
  cloudDeploymentTerraformForceUnlockPermission,
  cloudDeploymentUpdatePermission,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { OwnerScopedPolicy } from './OwnerScopedPolicy';

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...groups],
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    credentials: {} as PolicyQueryUser['credentials'],
    token: 'token',
  } as PolicyQueryUser;
}

describe('OwnerScopedPolicy', () => {
  const policy = new OwnerScopedPolicy({
    admins: ['Group:default/Platform'],
    approvers: ['group:default/Release-Managers'],
  });
  const alice = user('user:default/alice', ['group:default/team-a']);
  const admin = user('user:default/root', ['group:default/platform']);
  const changes = [
    cloudDeploymentCreatePermission,
    cloudDeploymentUpdatePermission,
    cloudDeploymentDestroyPermission,
    cloudDeploymentTerraformForceUnlockPermission,
  ];

  it('lets everyone read', async () => {
    for (const u of [alice, admin, undefined]) {
      await expect(
        policy.handle({ permission: cloudDeploymentReadPermission }, u),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets a user change what their ownership refs own, as a condition', async () => {
    for (const permission of changes) {
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'cloud-deployments',
        resourceType: 'cloud-deployment',
        conditions: {
          rule: 'IS_OWNER',
          resourceType: 'cloud-deployment',
          params: {
            claims: ['user:default/alice', 'group:default/team-a'],
          },
        },
      });
    }
  });

  it('lets the admins (compared case-insensitively) change everything', async () => {
    for (const permission of changes) {
      await expect(policy.handle({ permission }, admin)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('denies changes without a user', async () => {
    for (const permission of changes) {
      await expect(policy.handle({ permission })).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('lets only the admins set budgets', async () => {
    const permission = cloudDeploymentBudgetManagePermission;
    await expect(policy.handle({ permission }, admin)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    for (const u of [alice, user('user:default/guest', []), undefined]) {
      await expect(policy.handle({ permission }, u)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('lets only the admins test provider connections', async () => {
    const permission = cloudDeploymentProviderTestPermission;
    const manager = user('user:default/rm', ['group:default/release-managers']);
    await expect(policy.handle({ permission }, admin)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    for (const u of [alice, manager, undefined]) {
      await expect(policy.handle({ permission }, u)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('lets the admins and the approvers approve, on every deployment; owners do not', async () => {
    const permission = cloudDeploymentApprovePermission;
    const manager = user('user:default/rm', ['group:default/release-managers']);
    for (const u of [admin, manager]) {
      await expect(policy.handle({ permission }, u)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
    for (const u of [alice, user('user:default/guest', []), undefined]) {
      await expect(policy.handle({ permission }, u)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it("leaves other plugins' permissions allowed", async () => {
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
