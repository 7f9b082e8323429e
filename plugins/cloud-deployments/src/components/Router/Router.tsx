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
import { Route, Routes } from 'react-router-dom';
import { NotFoundErrorPage } from '@backstage/frontend-plugin-api';
import { BudgetsPage } from '../BudgetsPage';
import { CostOverviewPage } from '../CostOverviewPage';
import { DeploymentPage } from '../DeploymentPage';
import { DeploymentsPage } from '../DeploymentsPage';
import { PlanConfirmationPage } from '../PlanConfirmationPage';
import { ProvidersPage } from '../ProvidersPage';

/**
 * The plugin's pages below `/cloud-deployments`: the deployments list, and
 * one deployment's page at `deployments/:id` (see `deploymentRouteRef`).
 *
 * @internal
 */
export function Router() {
  return (
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
  );
}
