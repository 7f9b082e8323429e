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
import { Tag } from '@aws-sdk/client-sagemaker';

/** Tags that mark the resources as a deployment's. */
export const MANAGED_BY_TAG = 'managed-by';
export const MANAGED_BY = 'backstage-cloud-deployments';
/**
 * Names the deployment a resource belongs to; Cost Explorer reads the
 * deployments' costs by it once it is activated as a cost allocation tag.
 */
export const DEPLOYMENT_ID_TAG = 'cloud-deployments-id';

/**
 * Marks the model and endpoint configuration that `stop` kept when it
 * deleted the endpoint, so that a deployment stopped is told from one whose
 * endpoint is gone otherwise (deleted outside the portal, or to create a
 * failed one again), which provision creates again.
 */
export const STOPPED_TAG = 'cloud-deployments-stopped';

/** The tags of every resource made for `deploymentId`, as the SDK takes them. */
export function deploymentTags(deploymentId: string): Tag[] {
  return [
    { Key: MANAGED_BY_TAG, Value: MANAGED_BY },
    { Key: DEPLOYMENT_ID_TAG, Value: deploymentId },
  ];
}
