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
import { BudgetService } from '../../budgets/BudgetService';
import { callerOf } from '../caller';
import { ApiRouter } from './ApiRouter';

/**
 * `/budgets`: list, read, create, change and delete budgets. HTTP only: the
 * service decides.
 */
export function bindBudgetRoutes(
  router: ApiRouter,
  options: { httpAuth: HttpAuthService; budgets: BudgetService },
) {
  const { httpAuth, budgets } = options;
  const caller = (req: Parameters<typeof callerOf>[1]) =>
    callerOf(httpAuth, req);

  router.get('/budgets', async (req, res) => {
    res.json(await budgets.list(req.query, caller(req)));
  });

  router.post('/budgets', async (req, res) => {
    res.status(201).json(await budgets.create(req.body, caller(req)));
  });

  router.get('/budgets/:id', async (req, res) => {
    res.json(await budgets.get(req.params.id, caller(req)));
  });

  router.patch('/budgets/:id', async (req, res) => {
    res.json(await budgets.update(req.params.id, req.body, caller(req)));
  });

  router.delete('/budgets/:id', async (req, res) => {
    await budgets.delete(req.params.id, caller(req));
    res.status(204).end();
  });
}
