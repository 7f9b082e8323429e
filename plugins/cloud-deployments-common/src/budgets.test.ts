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
import { computeBudgetUse } from './budgets';
import { EstimateTotal } from './costTotals';
import {
  createBudgetRequestSchema,
  listBudgetsQuerySchema,
  updateBudgetRequestSchema,
} from './schemas/budgetRequests';
import { describeIssues } from './schemas/describeIssues';

function issues(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? '' : describeIssues(result.error);
}

const total = (over: Partial<EstimateTotal>): EstimateTotal => ({
  monthlyTotal: 0,
  pricedSubtotal: 0,
  totalKind: 'exact',
  complete: true,
  missingLines: 0,
  approximateFrom: [],
  ...over,
});

describe('budget requests', () => {
  it('normalises refs and sorts the thresholds', () => {
    expect(
      createBudgetRequestSchema.parse({
        owner: 'Team-A',
        system: 'System:default/Shop',
        amount: 1234.5,
        thresholds: [120, 80, 100],
      }),
    ).toEqual({
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      amount: 1234.5,
      thresholds: [80, 100, 120],
    });
  });

  it('names every field at fault', () => {
    expect(
      issues(createBudgetRequestSchema, {
        owner: 'group:default/a\ud800',
        environment: 'Prod',
        amount: -1,
        thresholds: [80, 80, 1.5],
      }),
    ).toBe(
      'owner: must be well-formed Unicode (it has an unpaired UTF-16 surrogate); ' +
        'environment: must be a lowercase word like "production" (letters, digits and single dashes between them; at most 32); ' +
        'amount: must be greater than 0; thresholds.2: must be a whole number; ' +
        'thresholds: must not repeat a percentage (80)',
    );
    expect(
      issues(createBudgetRequestSchema, {
        owner: 'group:default/a',
        amount: 1,
        thresholds: [80, 80],
      }),
    ).toBe('thresholds: must not repeat a percentage (80)');
    expect(
      issues(updateBudgetRequestSchema, { version: 0, environment: 'dev' }),
    ).toBe(
      'version: must be at least 1; environment: environment cannot be changed; delete the budget and create one for the new scope',
    );
    expect(issues(listBudgetsQuerySchema, { owner: ['a', 'user:b'] })).toBe(
      'owner.1: must refer to a group, like "group:default/name"',
    );
  });
});

describe('computeBudgetUse', () => {
  const use = (totals: EstimateTotal[], withoutEstimate = 0) =>
    computeBudgetUse({
      amount: 200,
      thresholds: [50, 80, 100],
      totals,
      withoutEstimate,
    });

  it('is an exact $0 with nothing billing', () => {
    expect(use([])).toMatchObject({
      monthlyCost: 0,
      totalKind: 'exact',
      description: '$0.00 a month',
      percent: 0,
      crossed: [],
    });
  });

  it('crosses a threshold only once reached, unrounded', () => {
    expect(use([total({ pricedSubtotal: 159.99 })])).toMatchObject({
      percent: 80,
      crossed: [50],
    });
    expect(use([total({ pricedSubtotal: 160 })]).crossed).toEqual([50, 80]);
  });

  it('is no more certain than its estimates', () => {
    expect(
      use([
        total({ pricedSubtotal: 100 }),
        total({
          pricedSubtotal: 60,
          totalKind: 'approximate',
          approximateFrom: ['us-east-1'],
        }),
      ]),
    ).toMatchObject({
      monthlyCost: 160,
      totalKind: 'approximate',
      description: '≈ $160.00 a month (priced from us-east-1)',
      crossed: [50, 80],
    });
    expect(
      use([
        total({
          pricedSubtotal: 120,
          totalKind: 'partial',
          monthlyTotal: null,
          missingLines: 2,
        }),
      ]),
    ).toMatchObject({
      totalKind: 'partial',
      description: '≥ $120.00 a month, 2 lines unpriced',
      percent: 60,
      crossed: [50],
    });
    expect(use([total({ pricedSubtotal: 10 })], 2)).toMatchObject({
      totalKind: 'partial',
      description: '≥ $10.00 a month, 2 deployments without an estimate',
      billingCount: 3,
    });
  });

  it('says unknown, with no share and no threshold, when nothing has a price', () => {
    const unknown = use([], 1);
    expect(unknown).toMatchObject({
      monthlyCost: 0,
      totalKind: 'unknown',
      description: 'unknown, 1 deployment without an estimate',
      crossed: [],
    });
    expect(unknown).not.toHaveProperty('percent');
  });
});
