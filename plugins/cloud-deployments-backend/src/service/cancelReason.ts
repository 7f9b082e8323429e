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
import { DeploymentStatus } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The status reason of a cancelled deployment: who cancelled it, and what
 * may be left in the cloud, since the work in flight stops part-way.
 */
export function cancelReason(from: DeploymentStatus, actorRef: string): string {
  switch (from) {
    case 'pending':
      return `Cancelled by ${actorRef} before provisioning started`;
    case 'updating':
      return `Update cancelled by ${actorRef}; the cloud may be part-way through the change (a change it already accepted may still complete there); roll back or redeploy to apply a known spec`;
    case 'destroying':
      return `Destroy cancelled by ${actorRef}; resources not yet deleted remain and are still billed (some may still be deleting); destroy again to delete them`;
    default:
      return `Cancelled by ${actorRef}; resources created so far remain until the deployment is destroyed`;
  }
}
