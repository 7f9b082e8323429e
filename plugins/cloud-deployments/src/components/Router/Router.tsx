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
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Progress } from '@backstage/core-components';
import { NotFoundErrorPage } from '@backstage/frontend-plugin-api';
import { DeploymentsPage } from '../DeploymentsPage';

// The list is the plugin's landing page and comes with the router. The other
// pages load when visited, so that the list does not wait for what only they
// need: the cost charts (recharts and d3, ~420 KB minified) and YAML.
const DeploymentPage = lazy(() =>
  import('../DeploymentPage').then(m => ({ default: m.DeploymentPage })),
);
const BudgetsPage = lazy(() =>
  import('../BudgetsPage').then(m => ({ default: m.BudgetsPage })),
);
const CostOverviewPage = lazy(() =>
  import('../CostOverviewPage').then(m => ({ default: m.CostOverviewPage })),
);
const ProvidersPage = lazy(() =>
  import('../ProvidersPage').then(m => ({ default: m.ProvidersPage })),
);
const PlanConfirmationPage = lazy(() =>
  import('../PlanConfirmationPage').then(m => ({
    default: m.PlanConfirmationPage,
  })),
);

/**
 * The plugin's pages below `/cloud-deployments`: the deployments list, and
 * one deployment's page at `deployments/:id` (see `deploymentRouteRef`).
 *
 * @internal
 */
export function Router() {
  return (
    <Suspense fallback={<Progress />}>
      <Routes>
        <Route path="/" element={<DeploymentsPage />} />
        <Route path="/deployments/:id" element={<DeploymentPage />} />
        <Route path="/budgets" element={<BudgetsPage />} />
        <Route path="/costs" element={<CostOverviewPage />} />
        <Route path="/providers" element={<ProvidersPage />} />
        <Route
          path="/terraform/workspaces/:workspace/confirmations/:confirmation"
          element={<PlanConfirmationPage />}
        />
        <Route path="*" element={<NotFoundErrorPage />} />
      </Routes>
    </Suspense>
  );
}
