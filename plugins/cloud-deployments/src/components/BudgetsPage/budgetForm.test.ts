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
import { makeBudget } from '../../__testUtils__/budgets';
import {
  budgetFormOf,
  emptyBudgetForm,
  validateCreateBudget,
  validateUpdateBudget,
} from './budgetForm';

describe('validateCreateBudget', () => {
  it('builds the request the backend accepts, normalized', () => {
    expect(
      validateCreateBudget({
        owner: ' ml-team ',
        system: 'fraud-detection',
        environment: '',
        amount: '$12,000',
        thresholds: '100, 80 %,',
      }),
    ).toEqual({
      request: {
        owner: 'group:default/ml-team',
        system: 'system:default/fraud-detection',
        amount: 12000,
        thresholds: [80, 100],
      },
    });
  });

  it('leaves blank thresholds to the backend defaults', () => {
    const { request } = validateCreateBudget({
      ...emptyBudgetForm,
      owner: 'group:default/ml-team',
      amount: '50',
    });
    expect(request).toEqual({ owner: 'group:default/ml-team', amount: 50 });
  });

  it('names what is wrong with each field, in the schema words', () => {
    expect(validateCreateBudget(emptyBudgetForm).errors).toEqual({
      owner: expect.stringContaining('must be an entity ref'),
      amount: 'is required',
    });
    expect(
      validateCreateBudget({
        owner: 'component:default/x',
        system: 'group:default/x',
        environment: 'Prod',
        amount: 'a lot',
        thresholds: '80, 80',
      }).errors,
    ).toEqual({
      owner: 'must refer to a group, like "group:default/name"',
      system: 'must refer to a system, like "system:default/name"',
      environment: expect.stringContaining('must be a lowercase word'),
      amount: 'must be a number of US dollars',
      thresholds: 'must not repeat a percentage (80)',
    });
    expect(
      validateCreateBudget({
        ...emptyBudgetForm,
        owner: 'ml-team',
        amount: '2000000000',
        thresholds: '0.5, 2',
      }).errors,
    ).toEqual({
      amount: 'must be at most 1000000000',
      thresholds: '0.5 must be a whole number',
    });
  });
});

describe('validateUpdateBudget', () => {
  it('sends the version with the amount and thresholds', () => {
    const budget = makeBudget(1, { amount: 99.5, thresholds: [50, 100] });
    expect(validateUpdateBudget(budgetFormOf(budget), budget.version)).toEqual({
      request: { version: 1, amount: 99.5, thresholds: [50, 100] },
    });
  });

  it('asks for an amount and a threshold, which an edit cannot remove', () => {
    expect(
      validateUpdateBudget(
        { ...emptyBudgetForm, amount: ' ', thresholds: '' },
        2,
      ).errors,
    ).toEqual({
      amount: 'is required',
      thresholds: 'must name at least one percentage',
    });
  });
});
