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
import { oneOf } from '../realisticBodies';
import { budget, path, route, RouteEntry } from './requestParts';

const owners = ['group:default/web-team', 'web-team', 'group:default/fz-team'];

/** What a real client sends: whole scopes, narrowed ones, and the defaults. */
const createBodies = [
  { owner: 'group:default/web-team', amount: 5000, thresholds: [80, 100] },
  { owner: 'web-team', environment: 'production', amount: 1200.5 },
  {
    owner: 'group:default/fz-team',
    system: 'system:default/shop',
    environment: 'staging',
    amount: 99.99,
    thresholds: [50, 90, 100, 150],
  },
];

const updateBodies = [
  { version: '$budget-version', amount: 2500 },
  { version: '$budget-version', thresholds: [100] },
  { version: '$budget-version', amount: 10, thresholds: [75, 100] },
  { version: 1, amount: 1 },
];

const listFilters = {
  owner: fc.constantFrom(...owners, 'user:guest'),
  system: fc.constantFrom('system:default/shop', 'shop', ''),
  environment: fc.constantFrom('production', 'staging', 'Prod'),
};

/** routes/budgetRoutes.ts: the budgets. */
export const budgetRoutes: RouteEntry[] = [
  {
    label: 'GET /budgets',
    weight: 2,
    arbitrary: route('GET /budgets', {
      method: 'GET',
      path: path('budgets'),
      query: listFilters,
    }),
  },
  {
    label: 'POST /budgets',
    weight: 4,
    arbitrary: route('POST /budgets', {
      method: 'POST',
      path: path('budgets'),
      bodies: oneOf(createBodies),
    }),
  },
  {
    label: 'GET /budgets/:id',
    weight: 2,
    arbitrary: route('GET /budgets/:id', {
      method: 'GET',
      path: path('budgets', budget),
    }),
  },
  {
    label: 'PATCH /budgets/:id',
    weight: 3,
    arbitrary: route('PATCH /budgets/:id', {
      method: 'PATCH',
      path: path('budgets', budget),
      bodies: oneOf(updateBodies),
    }),
  },
  {
    label: 'DELETE /budgets/:id',
    weight: 1,
    arbitrary: route('DELETE /budgets/:id', {
      method: 'DELETE',
      path: path('budgets', budget),
    }),
  },
];
