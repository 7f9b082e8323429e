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
import { RecommendationService } from '../../recommendations/RecommendationService';
import { callerOf } from '../caller';
import { ApiRouter } from './ApiRouter';

/**
 * `/recommendations`: list them, and accept, dismiss or reopen one. HTTP
 * only: the service decides.
 */
export function bindRecommendationRoutes(
  router: ApiRouter,
  options: {
    httpAuth: HttpAuthService;
    recommendations: RecommendationService;
  },
) {
  const { httpAuth, recommendations } = options;
  const caller = (req: Parameters<typeof callerOf>[1]) =>
    callerOf(httpAuth, req);

  router.get('/recommendations', async (req, res) => {
    res.json(await recommendations.list(req.query, caller(req)));
  });

  router.patch('/recommendations/:id', async (req, res) => {
    res.json(
      await recommendations.update(req.params.id, req.body, caller(req)),
    );
  });
}
