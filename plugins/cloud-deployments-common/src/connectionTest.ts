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

/**
 * Whether the portal's credentials for an account hold one permission the
 * deploy path needs:
 *
 * - `granted`: the cloud says so;
 * - `missing`: the cloud says they do not;
 * - `unknown`: the cloud could not be asked (e.g. the credentials may not
 *   simulate or list their own permissions); `reason` says why.
 *
 * @public
 */
export type ConnectionPermissionStatus = 'granted' | 'missing' | 'unknown';

/**
 * One permission a connection test checked.
 *
 * @public
 */
export type ConnectionPermission = {
  /** The cloud's name for it, e.g. `sagemaker:CreateEndpoint`, `run.services.create`. */
  name: string;
  /** What the portal uses it for. */
  purpose: string;
  status: ConnectionPermissionStatus;
  /** Why the status is `unknown`. */
  reason?: string;
};

/**
 * What `POST /providers/:provider/accounts/:account/test` answers: who the
 * portal is in that account and which of the permissions the deploy path
 * needs it holds. Never carries a secret: the identity holds names and ids
 * only (an ARN, a service account's email, a client id), never a key or a
 * token.
 *
 * @public
 */
export type ConnectionTest = {
  provider: string;
  /** The account, project, subscription or cluster, as `spec.account` names it. */
  account: string;
  /** True when the provider talks to the local sandbox. */
  sandbox: boolean;
  /** When the test ran (ISO 8601). */
  checkedAt: string;
  /** The identity was read, and every permission is granted. */
  ok: boolean;
  /**
   * Who the portal is, by the cloud's own names (e.g. `arn`, `email`,
   * `tenantId`, `user`); empty when it could not be read.
   */
  identity: Record<string, string>;
  permissions: ConnectionPermission[];
  /** What went wrong, one sentence each: unreachable, refused, an answer not understood. */
  problems: string[];
};
