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
import { ConnectionPermission } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * What a provider found when it tested an account's connection (see
 * `CloudDeploymentProvider.testConnection`); the backend adds the provider,
 * account, time and overall verdict. Never carries a secret.
 *
 * @public
 */
export type ConnectionCheck = {
  /**
   * Who the portal is in the account, by the cloud's own names (an ARN, a
   * service account's email, a tenant and client id, a user name); empty
   * when the identity read failed. Never a key, a token or a password.
   */
  identity: Record<string, string>;
  /** Every permission the deploy path needs, each with its status. */
  permissions: ConnectionPermission[];
  /**
   * What went wrong, one sentence each, naming what was called and what it
   * answered (status, error code, "not JSON"), never the credentials.
   */
  problems: string[];
};

/**
 * A permission the deploy path needs, before it is checked.
 *
 * @public
 */
export type NeededPermission = Pick<ConnectionPermission, 'name' | 'purpose'>;

/**
 * The needed permissions, all `unknown` for one reason: when the check
 * itself could not run.
 *
 * @public
 */
export function unknownPermissions(
  needed: readonly NeededPermission[],
  reason: string,
): ConnectionPermission[] {
  return needed.map(p => ({ ...p, status: 'unknown' as const, reason }));
}
