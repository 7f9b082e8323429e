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
import {
  Budget,
  BudgetUse,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

export function makeBudget(
  n: number,
  overrides: Partial<Omit<Budget, 'use'>> & { use?: Partial<BudgetUse> } = {},
): Budget {
  const at = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
  const { use, ...rest } = overrides;
  return {
    id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    owner: 'group:default/ml-team',
    amount: 1000,
    currency: 'USD',
    thresholds: [80, 100],
    createdBy: 'user:default/admin',
    createdAt: at,
    updatedBy: 'user:default/admin',
    updatedAt: at,
    version: 1,
    ...rest,
    use: {
      currency: 'USD',
      monthlyCost: 500,
      totalKind: 'exact',
      description: '$500.00 a month',
      billingCount: 2,
      withoutEstimate: 0,
      missingLines: 0,
      approximateFrom: [],
      percent: 50,
      crossed: [],
      ...use,
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** A request the fake received: method, path below the plugin, JSON body. */
export type ReceivedRequest = { method: string; path: string; body?: any };

/**
 * The budget routes of the backend behind a mocked `fetchApi`. Each answer
 * may be replaced per test with `answer`, e.g. to fail with a 409.
 */
export class FakeBudgetsBackend {
  budgets: Budget[];
  readonly received: ReceivedRequest[] = [];
  /** Answers the next request to `METHOD path` with this instead. */
  readonly overrides = new Map<string, () => Response>();

  constructor(budgets: Budget[] = []) {
    this.budgets = budgets;
  }

  /** Fails the next `method path` with an error of the backend's shape. */
  failNext(method: string, path: string, status: number, message: string) {
    const name =
      { 400: 'InputError', 403: 'NotAllowedError', 409: 'ConflictError' }[
        status
      ] ?? 'Error';
    this.overrides.set(`${method} ${path}`, () =>
      json(
        { error: { name, message }, response: { statusCode: status } },
        status,
      ),
    );
  }

  readonly fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const path = new URL(String(input)).pathname.slice(
        '/api/cloud-deployments'.length,
      );
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      this.received.push({ method, path, body });
      const override = this.overrides.get(`${method} ${path}`);
      if (override) {
        this.overrides.delete(`${method} ${path}`);
        return override();
      }
      return this.#answer(method, path, body);
    }),
  };

  #answer(method: string, path: string, body: any): Response {
    if (method === 'GET' && path === '/budgets') {
      return json({ items: this.budgets });
    }
    if (method === 'POST' && path === '/budgets') {
      const created = makeBudget(this.budgets.length + 1, body);
      this.budgets = [...this.budgets, created];
      return json(created, 201);
    }
    const budget = this.budgets.find(b => path === `/budgets/${b.id}`);
    if (!budget) return json({ error: { name: 'NotFoundError' } }, 404);
    if (method === 'GET') return json(budget);
    if (method === 'DELETE') {
      this.budgets = this.budgets.filter(b => b !== budget);
      return json(undefined, 204);
    }
    const { version, ...changes } = body;
    const updated = { ...budget, ...changes, version: version + 1 };
    this.budgets = this.budgets.map(b => (b === budget ? updated : b));
    return json(updated);
  }
}
