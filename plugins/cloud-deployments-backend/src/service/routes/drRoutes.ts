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
import { DrService } from '../../dr/DrService';
import { callerOf } from '../caller';
import { ApiRouter } from './ApiRouter';

/**
 * `/deployments/{id}/dr`: a deployment's disaster-recovery plan, and its
 * failover, failback and drill (`test`). HTTP only: the service decides.
 */
export function bindDrRoutes(
  router: ApiRouter,
  options: { httpAuth: HttpAuthService; dr: DrService },
) {
  const { httpAuth, dr } = options;
  const caller = (req: Parameters<typeof callerOf>[1]) =>
    callerOf(httpAuth, req);

  router.get('/deployments/:id/dr', async (req, res) => {
    res.json(await dr.get(req.params.id, caller(req)));
  });

  router.put('/deployments/:id/dr', async (req, res) => {
    res.status(202).json(await dr.put(req.params.id, req.body, caller(req)));
  });

  router.delete('/deployments/:id/dr', async (req, res) => {
    res.status(202).json(await dr.remove(req.params.id, req.body, caller(req)));
  });

  router.post('/deployments/:id/dr/failover', async (req, res) => {
    res
      .status(202)
      .json(await dr.act('dr-failover', req.params.id, req.body, caller(req)));
  });

  router.post('/deployments/:id/dr/failback', async (req, res) => {
    res
      .status(202)
      .json(await dr.act('dr-failback', req.params.id, req.body, caller(req)));
  });

  router.post('/deployments/:id/dr/test', async (req, res) => {
    res
      .status(202)
      .json(await dr.act('dr-drill', req.params.id, req.body, caller(req)));
  });
}
