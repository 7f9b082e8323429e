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
import fc from 'fast-check';
import { FuzzRequest } from './fuzzRequest';
import { budgetRoutes } from './routes/budgetRoutes';
import { costRoutes } from './routes/costRoutes';
import { recommendationRoutes } from './routes/recommendationRoutes';
import { deploymentRoutes } from './routes/deploymentRoutes';
import { drRoutes } from './routes/drRoutes';
import { invalidRoutes } from './routes/invalidRoutes';
import { kubernetesAndPricingRoutes } from './routes/kubernetesAndPricingRoutes';
import { RouteEntry } from './routes/requestParts';
import { terraformRoutes } from './routes/terraformRoutes';

/*
 * Every route under /api/cloud-deployments (createRouter.ts,
 * routes/budgetRoutes.ts, routes/costRoutes.ts, routes/drRoutes.ts, routes/recommendationRoutes.ts, kubernetesRoute.ts, pricingRoutes.ts, terraform/stateRoutes.ts and
 * terraform/workspaceRoutes.ts), each with the requests the fuzzer makes of
 * it. A route added there needs its line here.
 */

/** The routes the fuzzer aims at: `METHOD /path` as the routers declare them. */
export const apiRoutes: RouteEntry[] = [
  ...deploymentRoutes,
  ...drRoutes,
  ...budgetRoutes,
  ...costRoutes,
  ...recommendationRoutes,
  ...kubernetesAndPricingRoutes,
  ...terraformRoutes,
  ...invalidRoutes,
];

/** Any request the fuzzer makes, weighted towards the routes that write. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...apiRoutes.map(({ weight, arbitrary }) => ({ weight, arbitrary })),
);
