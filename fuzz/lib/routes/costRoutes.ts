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
import { deployment, path, route, RouteEntry } from './requestParts';

const groupBy = fc.constantFrom(
  'owner',
  'provider',
  'environment',
  'region',
  'Owner',
  '',
);

/** Spans in range, at and beyond their bounds, and not numbers at all. */
const days = fc.constantFrom(
  '1',
  '7',
  '30',
  '90',
  '91',
  '366',
  '367',
  '0',
  '-1',
  '1.5',
  '1e400',
  'x',
);

/** Movers' spans go up to 45 days. */
const moverDays = fc.constantFrom('1', '7', '45', '46', '0', '-1', '2.5', 'x');

/** routes/costRoutes.ts: cost history, estimate vs actual, the forecast, movers, budget spend, emissions, TTL savings. */
export const costRoutes: RouteEntry[] = [
  {
    label: 'GET /deployments/:id/costs',
    weight: 1,
    arbitrary: route('GET /deployments/:id/costs', {
      method: 'GET',
      path: path('deployments', deployment, 'costs'),
      query: { days },
    }),
  },
  {
    label: 'GET /costs/daily',
    weight: 1,
    arbitrary: route('GET /costs/daily', {
      method: 'GET',
      path: path('costs', 'daily'),
      query: { groupBy, days },
    }),
  },
  {
    label: 'GET /costs/estimate-vs-actual',
    weight: 1,
    arbitrary: route('GET /costs/estimate-vs-actual', {
      method: 'GET',
      path: path('costs', 'estimate-vs-actual'),
      query: { groupBy, days },
    }),
  },
  {
    label: 'GET /costs/forecast',
    weight: 1,
    arbitrary: route('GET /costs/forecast', {
      method: 'GET',
      path: path('costs', 'forecast'),
      // Any field is refused: a query the route does not take.
      query: { month: fc.constantFrom('2026-12', '') },
    }),
  },
  {
    label: 'GET /costs/movers',
    weight: 1,
    arbitrary: route('GET /costs/movers', {
      method: 'GET',
      path: path('costs', 'movers'),
      query: {
        days: moverDays,
        limit: fc.constantFrom('1', '5', '50', '51', '0', 'x'),
      },
    }),
  },
  {
    label: 'GET /costs/budgets',
    weight: 1,
    arbitrary: route('GET /costs/budgets', {
      method: 'GET',
      path: path('costs', 'budgets'),
      // Any field is refused.
      query: { owner: fc.constantFrom('group:default/team-a', '') },
    }),
  },
  {
    label: 'GET /costs/emissions',
    weight: 1,
    arbitrary: route('GET /costs/emissions', {
      method: 'GET',
      path: path('costs', 'emissions'),
      // Any field is refused: the route takes no query.
      query: { owner: fc.constantFrom('group:default/team-a', '') },
    }),
  },
  {
    label: 'GET /costs/ttl-savings',
    weight: 1,
    arbitrary: route('GET /costs/ttl-savings', {
      method: 'GET',
      path: path('costs', 'ttl-savings'),
      query: {
        period: fc.constantFrom('month', '30d', 'all', 'year', 'Month', ''),
      },
    }),
  },
];
