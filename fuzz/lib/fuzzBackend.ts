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

/*
 * The backend the fuzzer attacks, started as its own process by fuzz.ts: the
 * cloud-deployments plugin with every provider module (each in sandbox mode,
 * so every route has a target), and the auth (guest sign-in) and permission
 * (allow-all) plugins it relies on. No catalog: nothing else writes to the
 * plugin's database while the fuzzer compares it before and after a request.
 */
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('../../plugins/cloud-deployments-backend/src'));
backend.add(import('../../plugins/cloud-deployments-backend-module-aws/src'));
backend.add(import('../../plugins/cloud-deployments-backend-module-gcp/src'));
backend.add(import('../../plugins/cloud-deployments-backend-module-azure/src'));
backend.add(
  import('../../plugins/cloud-deployments-backend-module-kubernetes/src'),
);
backend.start();
