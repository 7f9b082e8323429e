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
 * and two provider modules, with the auth (guest sign-in for the benchmark) and
 * permission (allow-all policy) plugins it relies on. bench/create.bench.ts
 * and bench/replicas.bench.ts start it as processes; it is not a test.
 */
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('../../plugins/cloud-deployments-backend/src'));
backend.add(import('../../plugins/cloud-deployments-backend-module-gcp/src'));
// SageMaker: the sandbox, or the accounts a benchmark's config points at one.
backend.add(import('../../plugins/cloud-deployments-backend-module-aws/src'));
backend.start();
