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
import { PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  CloudDeploymentPermissionQuery,
  CloudDeploymentPermissionSubject,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Caller } from '../service/caller';

type DeploymentPermission = ResourcePermission<'cloud-deployment'>;

/** A policy's answer before it is applied to a deployment. */
export type Decision = {
  permission: DeploymentPermission;
  /** The subject satisfies it, or not. */
  allows(subject: CloudDeploymentPermissionSubject): boolean;
};

/**
 * Asks the permission policy about `cloud-deployment` permissions and applies
 * its conditions: in memory to one deployment (or to one about to be made),
 * or as a database filter to a list. One conditional request per check — the
 * conditions are evaluated here, so a deployment that does not exist yet can
 * be checked and no call comes back to this plugin.
 */
export class DeploymentAuthorizer {
  readonly #permissions: PermissionsService;
  readonly #applies: ReturnType<
    typeof createConditionAuthorizer<CloudDeploymentPermissionSubject>
  >;
  readonly #toQuery: ReturnType<
    typeof createConditionTransformer<CloudDeploymentPermissionQuery>
  >;

  constructor(options: {
    permissions: PermissionsService;
    rules: PermissionRuleset<
      CloudDeploymentPermissionSubject,
      CloudDeploymentPermissionQuery
    >;
  }) {
    this.#permissions = options.permissions;
    this.#applies = createConditionAuthorizer(options.rules);
    this.#toQuery = createConditionTransformer(options.rules);
  }

  /**
   * The policy's decision; 403 when it denies outright, whatever the
   * deployment. Apply the result with {@link Decision.allows} or
   * {@link DeploymentAuthorizer.assert}.
   */
  async decide(
    caller: Pick<Caller, 'credentials'>,
    permission: DeploymentPermission,
    /** What a refusal says the caller may not touch. */
    what = 'deployments',
  ): Promise<Decision> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials: await caller.credentials() },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw notAllowed(permission, what);
    }
    return {
      permission,
      allows: subject => this.#applies(decision, subject),
    };
  }

  /** 403 unless the decision allows this deployment. */
  assert(
    decision: Decision,
    subject: CloudDeploymentPermissionSubject,
    what: string,
  ): void {
    if (!decision.allows(subject)) throw notAllowed(decision.permission, what);
  }

  /**
   * Which deployments the caller may read: `undefined` for all of them, or a
   * filter for the database. 403 when the policy denies reading at all.
   */
  async readFilter(
    caller: Pick<Caller, 'credentials'>,
    permission: DeploymentPermission,
  ): Promise<PermissionCriteria<CloudDeploymentPermissionQuery> | undefined> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials: await caller.credentials() },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw notAllowed(permission);
    }
    if (decision.result !== AuthorizeResult.CONDITIONAL) return undefined;
    return this.#toQuery(decision.conditions);
  }
}

function notAllowed(permission: DeploymentPermission, what = 'deployments') {
  const verb = permission.attributes.action ?? 'use';
  return new NotAllowedError(
    `You are not allowed to ${verb} ${what} (${permission.name})`,
  );
}
