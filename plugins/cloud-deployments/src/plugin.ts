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
import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import {
  createScaffolderFieldExtension,
  FieldExtensionComponent,
} from '@backstage/plugin-scaffolder-react';
import { cloudDeploymentsApiFactory } from './api';
import {
  CloudCostEstimateField,
  cloudCostEstimateFieldSchema,
  CloudCostEstimateUiOptions,
  CloudCostEstimateValue,
} from './components/CloudCostEstimateField';
import {
  budgetsRouteRef,
  costsRouteRef,
  providersRouteRef,
  deploymentRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The cloud-deployments frontend plugin for apps of the legacy frontend
 * system; apps of the new one use the default export of `/alpha`.
 *
 * @public
 */
export const cloudDeploymentsPlugin = createPlugin({
  id: 'cloud-deployments',
  apis: [cloudDeploymentsApiFactory],
  routes: {
    root: rootRouteRef,
    deployment: deploymentRouteRef,
    budgets: budgetsRouteRef,
    costs: costsRouteRef,
    providers: providersRouteRef,
  },
});

/**
 * The deployments page, with each deployment's page below it at
 * `deployments/:id` and the budgets page at `budgets`. Mount it in the app's routes, for example at
 * `/cloud-deployments`.
 *
 * @public
 */
export const CloudDeploymentsPage: () => JSX.Element =
  cloudDeploymentsPlugin.provide(
    createRoutableExtension({
      name: 'CloudDeploymentsPage',
      component: () => import('./components/Router').then(m => m.Router),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The monthly cost estimate card, for the overview of `CloudDeployment`
 * entities (the deployment's estimate) and `Component` entities (the sum over
 * its deployments).
 *
 * @public
 */
export const EntityCostEstimateCard: () => JSX.Element =
  cloudDeploymentsPlugin.provide(
    createComponentExtension({
      name: 'EntityCostEstimateCard',
      component: {
        lazy: () =>
          import('./components/EntityCostEstimateCard').then(
            m => m.EntityCostEstimateCard,
          ),
      },
    }),
  );

/**
 * A `CloudDeployment` entity's deployment at a glance, for its overview:
 * status, endpoint (sandbox marked, real ones with a cloud console link),
 * monthly cost and a link to the deployment page.
 *
 * @public
 */
export const EntityDeploymentSummaryCard: () => JSX.Element =
  cloudDeploymentsPlugin.provide(
    createComponentExtension({
      name: 'EntityDeploymentSummaryCard',
      component: {
        lazy: () =>
          import('./components/EntityDeploymentSummaryCard').then(
            m => m.EntityDeploymentSummaryCard,
          ),
      },
    }),
  );

/**
 * The card listing a component's deployments, for the overview of
 * `Component` entities.
 *
 * @public
 */
export const EntityDeploymentsCard: () => JSX.Element =
  cloudDeploymentsPlugin.provide(
    createComponentExtension({
      name: 'EntityDeploymentsCard',
      component: {
        lazy: () =>
          import('./components/EntityDeploymentsCard').then(
            m => m.EntityDeploymentsCard,
          ),
      },
    }),
  );

/**
 * The `CloudCostEstimate` field of the scaffolder's forms: the live monthly
 * cost estimate of the deployment a template describes. Place it inside the
 * app's `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const CloudCostEstimateFieldExtension: FieldExtensionComponent<
  CloudCostEstimateValue,
  CloudCostEstimateUiOptions
> = cloudDeploymentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'CloudCostEstimate',
    component: CloudCostEstimateField,
    schema: cloudCostEstimateFieldSchema.schema,
  }),
);
