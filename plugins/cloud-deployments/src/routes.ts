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
import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

// Route refs of @backstage/core-plugin-api work in both frontend systems: the
// legacy plugin mounts them as they are, the new one after
// convertLegacyRouteRef (which returns the same object), and the components
// resolve them with core-plugin-api's useRouteRef, which asks whichever app
// runs them.

/**
 * The route of the deployments page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'cloud-deployments' });

/**
 * The route of one deployment's page, below the deployments page:
 * `/cloud-deployments/deployments/:id`.
 *
 * @public
 */
export const deploymentRouteRef = createSubRouteRef({
  id: 'cloud-deployments/deployment',
  parent: rootRouteRef,
  path: '/deployments/:id',
});

/**
 * The route of the budgets page, below the deployments page:
 * `/cloud-deployments/budgets`.
 *
 * @public
 */
export const budgetsRouteRef = createSubRouteRef({
  id: 'cloud-deployments/budgets',
  parent: rootRouteRef,
  path: '/budgets',
});

/**
 * The route of the cost overview page, below the deployments page:
 * `/cloud-deployments/costs`.
 *
 * @public
 */
export const costsRouteRef = createSubRouteRef({
  id: 'cloud-deployments/costs',
  parent: rootRouteRef,
  path: '/costs',
});

/**
 * The route of the providers page, below the deployments page:
 * `/cloud-deployments/providers`.
 *
 * @public
 */
export const providersRouteRef = createSubRouteRef({
  id: 'cloud-deployments/providers',
  parent: rootRouteRef,
  path: '/providers',
});
