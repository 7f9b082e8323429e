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
  combineTotals,
  describeMonthlyCost,
  EstimateTotal,
} from './costTotals';
import { EstimateTotalKind } from './pricing';

/**
 * A monthly budget of an owner group, optionally narrowed to one system or
 * environment, and how much of it the group's deployments use.
 *
 * @public
 */
export type Budget = {
  id: string;
  /** The group it is for (`group:namespace/name`). */
  owner: string;
  /** Only deployments of this system count, when set. */
  system?: string;
  /** Only deployments in this environment count, when set. */
  environment?: string;
  /** US dollars a month. */
  amount: number;
  currency: 'USD';
  /** Percentages of `amount` that alert, ascending. */
  thresholds: number[];
  use: BudgetUse;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Incremented on every change; send it back to update. */
  version: number;
};

/**
 * What a budget's scope costs a month now: the sum of the monthly estimates
 * of the owner's billing deployments in it (see `BILLING_STATUSES`), never
 * more certain than those estimates.
 *
 * @public
 */
export type BudgetUse = {
  currency: 'USD';
  /** The priced part of the sum: a lower bound when `totalKind` is `partial`. */
  monthlyCost: number;
  /** How sure `monthlyCost` is; `unknown` when nothing in it has a price. */
  totalKind: EstimateTotalKind;
  /** The use as text: `$1,200.00 a month`, `≥ $300.00 a month, 2 lines unpriced`, `unknown, …`. */
  description: string;
  /** Billing deployments in the scope. */
  billingCount: number;
  /** Of those, the ones with no estimate (not in the sum). */
  withoutEstimate: number;
  /** Estimate lines without a price (not in the sum). */
  missingLines: number;
  /** Regions whose prices stand in for missing ones (`approximate`). */
  approximateFrom: string[];
  /**
   * `monthlyCost` as a percentage of the amount, to one decimal; a lower
   * bound when `partial`, absent when `unknown`.
   */
  percent?: number;
  /**
   * The thresholds the use has reached, ascending. From a lower bound
   * (`partial`) these are reached at least; an `unknown` use reaches none.
   */
  crossed: number[];
};

/**
 * The use of a budget of `amount` dollars a month with these thresholds, from
 * the estimate totals of the billing deployments in its scope and the number
 * of billing deployments there with no estimate.
 *
 * @public
 */
export function computeBudgetUse(options: {
  amount: number;
  thresholds: number[];
  totals: EstimateTotal[];
  withoutEstimate: number;
}): BudgetUse {
  const { amount, thresholds, withoutEstimate } = options;
  // A deployment without an estimate is one nobody priced: unknown, not $0.
  const unestimated: EstimateTotal = {
    monthlyTotal: null,
    pricedSubtotal: 0,
    totalKind: 'unknown',
    complete: false,
    missingLines: 0,
    approximateFrom: [],
  };
  const total = combineTotals([
    ...options.totals,
    ...Array.from({ length: withoutEstimate }, () => unestimated),
  ]);
  const known = total.totalKind !== 'unknown';
  const percent = known
    ? Math.round((total.pricedSubtotal / amount) * 1000) / 10
    : undefined;
  return {
    currency: 'USD',
    monthlyCost: total.pricedSubtotal,
    totalKind: total.totalKind,
    description: describeMonthlyCost(total, ' a month', withoutEstimate),
    billingCount: options.totals.length + withoutEstimate,
    withoutEstimate,
    missingLines: total.missingLines,
    approximateFrom: total.approximateFrom,
    ...(percent === undefined ? {} : { percent }),
    // Compared unrounded, so that 79.96 % has not crossed 80 %.
    crossed: known
      ? thresholds.filter(t => total.pricedSubtotal * 100 >= t * amount)
      : [],
  };
}
