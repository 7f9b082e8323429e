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
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { cloudDeploymentPermissions } from '@internal/backstage-plugin-cloud-deployments-common';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { createRouter } from './service/createRouter';

/**
 * The cloud-deployments backend plugin: stores deployments and serves them
 * under `/api/cloud-deployments`.
 *
 * @public
 */
export const cloudDeploymentsPlugin = createBackendPlugin({
  pluginId: 'cloud-deployments',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        auditor,
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(cloudDeploymentPermissions);
        const store = await DatabaseDeploymentStore.create({ database });
        httpRouter.use(
          await createRouter({ store, auditor, httpAuth, permissions }),
        );
      },
    });
  },
});
