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
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// What any Backstage backend has: the app, sign-in, the permission framework,
// the catalog and the scaffolder.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend'));

// Cloud Deployments, as the README's "Install into your Backstage app" says.
backend.add(
  import('@cloud-deployments-for-backstage/plugin-cloud-deployments-backend'),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-catalog-backend-module-cloud-deployments'
  ),
);
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-scaffolder-backend-module-cloud-deployments'
  ),
);
// The local fake clouds, so the providers work without accounts (a production
// backend with real accounts leaves this out).
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox'
  ),
);
// The owner-scoped policy: everyone reads, owners change their own.
backend.add(
  import(
    '@cloud-deployments-for-backstage/plugin-permission-backend-module-cloud-deployments-policy'
  ),
);

backend.start();
