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
 * The backend the fault suite starts, kills and restarts: this plugin with the
 * AWS provider module (its SageMaker account points at the suite's fault
 * proxy), and the auth (guest sign-in) and permission (allow-all policy)
 * plugins it relies on. Run by faults/run.ts as a process of its own.
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
backend.start();
