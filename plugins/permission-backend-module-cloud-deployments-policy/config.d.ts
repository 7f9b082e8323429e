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

export interface Config {
  cloudDeployments?: {
    /** The owner-scoped permission policy (permission-backend module). */
    permissionPolicy?: {
      /**
       * Entity refs (groups or users) that may change every deployment,
       * e.g. `group:default/platform-team`. Everyone else changes only the
       * deployments their ownership refs own.
       */
      admins?: string[];
      /**
       * Entity refs (groups or users) that may approve or reject what the
       * portal's policies hold for approval (`cloud.deployment.approve`),
       * besides the admins. Nobody decides on their own request.
       */
      approvers?: string[];
    };
  };
}
