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
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The monthly cost estimate card, on the overview of `CloudDeployment`
 * entities (the deployment's estimate) and `Component` entities (the sum over
 * its deployments).
 *
 * @public
 */
export const entityCostEstimateCard = EntityCardBlueprint.make({
  name: 'cost-estimate',
  params: {
    filter: { kind: { $in: ['Component', 'CloudDeployment'] } },
    loader: () =>
      import('../components/EntityCostEstimateCard').then(m => (
        <m.EntityCostEstimateCard />
      )),
  },
});

/**
 * The card listing a component's deployments, on the overview of `Component`
 * entities.
 *
 * @public
 */
export const entityDeploymentsCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: { kind: 'Component' },
    loader: () =>
      import('../components/EntityDeploymentsCard').then(m => (
        <m.EntityDeploymentsCard />
      )),
  },
});

/**
 * A `CloudDeployment` entity's deployment at a glance: status, endpoint,
 * monthly cost and a link to the deployment page; first on its overview.
 *
 * @public
 */
export const entityDeploymentSummaryCard = EntityCardBlueprint.make({
  name: 'deployment-summary',
  params: {
    filter: { kind: 'CloudDeployment' },
    loader: () =>
      import('../components/EntityDeploymentSummaryCard').then(m => (
        <m.EntityDeploymentSummaryCard />
      )),
  },
});
