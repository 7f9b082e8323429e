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
import { createBackendModule } from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { Knex } from 'knex';
import { cloudDeploymentsPlugin } from '../plugin';
import { oboAuthServiceFactory } from './oboAuth';

/** The only user the test policy lets force-unlock. */
export const ADMIN = 'user:default/terraform-admin';

/** A user with every permission but force-unlock. */
export const DEVELOPER = 'user:default/developer';

/** Everything is allowed, but force-unlock only to {@link ADMIN}. */
const forceUnlockAdminPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'force-unlock-admin-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const allowed =
              req.permission.name !==
                'cloud.deployment.terraform.forceUnlock' ||
              user?.info.userEntityRef === ADMIN;
            return {
              result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          },
        });
      },
    });
  },
});

/**
 * The plugin with the permission framework on, no job worker, and no default
 * credentials: a request without a token is anonymous, as Terraform's are, so
 * the state routes' auth policy is what lets Terraform in.
 */
export async function startTerraformBackend(
  knex: Knex,
  options: { stateEncryptionKey?: string } = {},
) {
  const backend = await startTestBackend({
    features: [
      cloudDeploymentsPlugin,
      permissionBackendPlugin,
      forceUnlockAdminPolicy,
      permissionsServiceFactory,
      oboAuthServiceFactory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.database.factory({ knex, migrations: { skip: false } }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          cloudDeployments: {
            jobs: { enabled: false },
            terraform: options.stateEncryptionKey
              ? { stateEncryptionKey: options.stateEncryptionKey }
              : {},
          },
        },
      }),
    ],
  });
  return backend;
}

/** The Authorization header of a Backstage user. */
export function asUser(ref: string = DEVELOPER) {
  return mockCredentials.user.header(ref);
}

/** The Authorization header Terraform sends. */
export function basicAuth(username: string, password: string) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
