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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CostHistoryService } from '../../costs/CostHistoryService';
import { CostOverviewService } from '../../costs/CostOverviewService';
import { callerOf } from '../caller';
import { ApiRouter } from './ApiRouter';

/**
 * A deployment's daily costs, estimate against actual per group, the
 * forecast, top movers, budgets against this month's spend, TTL savings and
 * monthly emissions.
 * HTTP only: the services decide.
 */
export function bindCostRoutes(
  router: ApiRouter,
  options: {
    httpAuth: HttpAuthService;
    costs: CostHistoryService;
    overview: CostOverviewService;
  },
) {
  const { httpAuth, costs, overview } = options;
  const caller = (req: Parameters<typeof callerOf>[1]) =>
    callerOf(httpAuth, req);

  router.get('/deployments/:id/costs', async (req, res) => {
    res.json(
      await costs.deploymentCosts(req.params.id, req.query, caller(req)),
    );
  });

  router.get('/costs/daily', async (req, res) => {
    res.json(await costs.timeline(req.query, caller(req)));
  });

  router.get('/costs/forecast', async (req, res) => {
    res.json(await costs.forecast(req.query, caller(req)));
  });

  router.get('/costs/estimate-vs-actual', async (req, res) => {
    res.json(await costs.estimateVsActual(req.query, caller(req)));
  });

  router.get('/costs/movers', async (req, res) => {
    res.json(await overview.movers(req.query, caller(req)));
  });

  router.get('/costs/budgets', async (req, res) => {
    res.json(await overview.budgetSpend(req.query, caller(req)));
  });

  router.get('/costs/ttl-savings', async (req, res) => {
    res.json(await overview.ttlSavings(req.query, caller(req)));
  });

  router.get('/costs/emissions', async (req, res) => {
    res.json(await overview.emissions(req.query, caller(req)));
  });
}
