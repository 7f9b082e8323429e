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
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import CloudIcon from '@material-ui/icons/Cloud';
import { cloudDeploymentsApiFactory } from '../api';
import { pageLoader } from './pageLoader';
import {
  entityCostEstimateCard,
  entityDeploymentsCard,
  entityDeploymentSummaryCard,
} from './entityCards';
import { cloudCostEstimateFormField } from './formFields';
import {
  monthSpendHomeWidget,
  myDeploymentsHomeWidget,
  waitingForMeHomeWidget,
} from './homeWidgets';
import {
  budgetsRouteRef,
  costsRouteRef,
  providersRouteRef,
  deploymentRouteRef,
  rootRouteRef,
} from '../routes';

const ROOT_PATH = '/cloud-deployments';

/**
 * The `CloudDeploymentsApi` backed by the cloud-deployments backend.
 *
 * @public
 */
export const cloudDeploymentsApi = ApiBlueprint.make({
  params: defineParams => defineParams(cloudDeploymentsApiFactory),
});

/**
 * The deployments page at `/cloud-deployments`, also listed in the nav as
 * "Deployments", with each deployment's page below it at
 * `/cloud-deployments/deployments/:id`.
 *
 * @public
 */
export const cloudDeploymentsPage = PageBlueprint.makeWithOverrides({
  factory(originalFactory, { apis, config }) {
    return originalFactory({
      path: ROOT_PATH,
      routeRef: convertLegacyRouteRef(rootRouteRef),
      title: 'Deployments',
      icon: <CloudIcon />,
      // The page renders its own Backstage Header.
      noHeader: true,
      loader: pageLoader(apis, config.path ?? ROOT_PATH),
    });
  },
});

/**
 * The cloud-deployments frontend plugin.
 *
 * @public
 */
export const cloudDeploymentsPlugin = createFrontendPlugin({
  pluginId: 'cloud-deployments',
  extensions: [
    cloudDeploymentsApi,
    cloudDeploymentsPage,
    entityDeploymentSummaryCard,
    entityCostEstimateCard,
    entityDeploymentsCard,
    cloudCostEstimateFormField,
    myDeploymentsHomeWidget,
    monthSpendHomeWidget,
    waitingForMeHomeWidget,
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    deployment: convertLegacyRouteRef(deploymentRouteRef),
    budgets: convertLegacyRouteRef(budgetsRouteRef),
    costs: convertLegacyRouteRef(costsRouteRef),
    providers: convertLegacyRouteRef(providersRouteRef),
  },
});
