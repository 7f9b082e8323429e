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
 * The cloud-deployments API on a backend of its own, as a platform team runs
 * it when it splits Backstage's plugins over several backends: this plugin
 * and every provider module (each in sandbox mode unless a config gives it
 * accounts, e.g. a SageMaker endpoint in a benchmark's or the fault suite's
 * process), with the auth (guest sign-in) and permission (allow-all policy)
 * plugins it relies on. No catalog: nothing else writes to the plugin's
 * database. The benchmarks, the fuzzer (fuzz/) and the fault suite (faults/)
 * start it as processes; it is not a test. They measure and harden the API,
 * not a policy, so the allow-all policy stays here (a root dev dependency);
 * the portal's owner-scoped policy is tested by
 * plugins/cloud-deployments-backend/src/permissions/permissionMatrix.test.ts.
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
backend.add(
  import('../../plugins/cloud-deployments-backend-module-sandbox/src'),
);
backend.start();
