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
import { AnyRequest } from './caller';
import {
  compareRequestSchema,
  estimateRequestSchema,
  planEstimateRequestSchema,
  priceQuerySchema,
  PriceProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CompareService } from '../pricing/compare/CompareService';
import { EstimationService } from '../pricing/EstimationService';
import { PlanPricer } from '../pricing/plan/PlanPricer';
import { parseInput } from './validation';
import { ApiRouter } from './routes/ApiRouter';

/** `POST /estimates`, `POST /estimates/compare`, `POST /estimates/plan` and `GET /prices`. */
export function bindPricingRoutes(
  router: ApiRouter,
  deps: {
    estimates: EstimationService;
    planPricer: PlanPricer;
    compare: CompareService;
    authorizeRead: (req: AnyRequest) => Promise<unknown>;
  },
) {
  const { estimates, planPricer, compare, authorizeRead } = deps;

  router.post('/estimates', async (req, res) => {
    await authorizeRead(req);
    const { provider, region, compute, usage } = parseInput(
      estimateRequestSchema,
      req.body,
      'estimate',
    );
    res.json(estimates.estimate({ provider, region, compute, usage }));
  });

  router.post('/estimates/compare', async (req, res) => {
    await authorizeRead(req);
    res.json(
      compare.compare(parseInput(compareRequestSchema, req.body, 'compare')),
    );
  });

  router.post('/estimates/plan', async (req, res) => {
    await authorizeRead(req);
    const { plan, awsRegion } = parseInput(
      planEstimateRequestSchema,
      req.body,
      'plan',
    );
    res.json(planPricer.price(plan, { awsRegion }));
  });

  router.get('/prices', async (req, res) => {
    await authorizeRead(req);
    const { limit, ...filter } = parseInput(
      priceQuerySchema,
      req.query,
      'query',
    );
    const catalog = estimates.catalog;
    res.json({
      items: catalog.list(
        { ...filter, provider: filter.provider as PriceProvider | undefined },
        limit ?? 100,
      ),
      snapshotBuiltAt: catalog.snapshotBuiltAt,
    });
  });
}
