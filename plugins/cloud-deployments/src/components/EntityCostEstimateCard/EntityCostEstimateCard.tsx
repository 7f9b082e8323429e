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
import { useEntity } from '@backstage/plugin-catalog-react';
import { CLOUD_DEPLOYMENT_KIND } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ComponentCostEstimate } from './ComponentCostEstimate';
import { DeploymentCostEstimate } from './DeploymentCostEstimate';

/**
 * The monthly cost estimate of the current entity: a `CloudDeployment`'s own
 * estimate, or the sum over a `Component`'s deployments.
 *
 * @public
 */
export function EntityCostEstimateCard() {
  const { entity } = useEntity();
  if (
    entity.kind.toLocaleLowerCase('en-US') ===
    CLOUD_DEPLOYMENT_KIND.toLocaleLowerCase('en-US')
  ) {
    return <DeploymentCostEstimate entity={entity} />;
  }
  return <ComponentCostEstimate entity={entity} />;
}
