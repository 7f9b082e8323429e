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
import { ActualCostKind } from './actualCosts';
import { Budget } from './budgets';
import { CostForecast } from './costHistory';
import { EstimateTotalKind } from './pricing';

/**
 * What a deployment cost over one span of days: the actual figure of each
 * day where a source read it, else the day's estimate; a day with neither is
 * counted, never added as $0.
 *
 * @public
 */
export type MoverSpan = {
  /** `YYYY-MM-DD`, and the day after the last. */
  from: string;
  to: string;
  /** USD over the days with a figure; `null` when no day had one. */
  total: number | null;
  /** `total` ÷ the days of the span; `null` with it. */
  daily: number | null;
  /**
   * Where the figures come from: `actual` when every billed day was read
   * (billed, allocation or sandbox), `estimated` when none was, `mixed`
   * otherwise; `none` when the deployment did not bill in the span (a
   * known $0).
   */
  basis: 'actual' | 'estimated' | 'mixed' | 'none';
  /**
   * How sure `total` is: actual days count as read, estimated days as
   * their estimate's kind; `partial` when some days have no figure,
   * `unknown` when none has.
   */
  kind: EstimateTotalKind;
  /** The kinds of the actual figures used. */
  actualKinds: ActualCostKind[];
  /** Days the deployment billed with neither figure. */
  daysWithoutFigure: number;
};

/**
 * A deployment whose daily cost changed between two spans.
 *
 * @public
 */
export type CostMover = {
  id: string;
  name: string;
  environment: string;
  owner: string;
  provider: string;
  previous: MoverSpan;
  recent: MoverSpan;
  /** USD a day: recent.daily − previous.daily. */
  change: number;
  /** change ÷ previous.daily; `null` when the previous span cost $0 (new). */
  relative: number | null;
  /** The less sure kind of the two spans. */
  kind: EstimateTotalKind;
};

/**
 * The deployments whose daily cost rose and fell most between the last full
 * days and as many days before.
 *
 * @public
 */
export type CostMovers = {
  days: number;
  previous: { from: string; to: string };
  recent: { from: string; to: string };
  /** Largest rise first. */
  up: CostMover[];
  /** Largest fall first. */
  down: CostMover[];
  /** Deployments with a span of no figure at all: not ranked, counted. */
  withoutFigure: number;
};

/**
 * A budget beside what its scope costs this month: the month so far from
 * the daily costs, the month-end forecast, and the estimate-based use.
 *
 * @public
 */
export type BudgetSpend = {
  /** The budget, with its use from the current monthly estimates. */
  budget: Budget;
  /**
   * The month so far: actual where read, else the estimate; `kind` is
   * `partial` when some deployment-days have neither, `unknown` when none
   * has a figure.
   */
  monthToDate: CostForecast['monthToDate'] & { kind: EstimateTotalKind };
  /**
   * The month-end forecast of the scope (month so far + the live
   * deployments' estimates); `null` when nothing in it has a figure.
   */
  forecast: number | null;
  forecastKind: EstimateTotalKind;
  /** The month so far and the forecast as percentages of the amount, to one decimal; absent when unknown. */
  monthToDatePercent?: number;
  forecastPercent?: number;
  /** Thresholds the month so far has reached, and those the forecast reaches (none when unknown). */
  crossedToDate: number[];
  crossedByForecast: number[];
  /** True when the month so far is above the amount already. */
  overToDate: boolean;
  /** True when the forecast is above the amount. */
  overByForecast: boolean;
};

/**
 * Every budget with its month so far and forecast, over the deployments the
 * caller may read.
 *
 * @public
 */
export type BudgetSpendReport = {
  month: string;
  asOf: string;
  items: BudgetSpend[];
};

/**
 * What the TTL destroy of one deployment saved in a period.
 *
 * @public
 */
export type TtlSaving = {
  id: string;
  name: string;
  environment: string;
  owner: string;
  provider: string;
  /** When its time to live ran out and the portal destroyed it. */
  destroyedAt: string;
  /** When a deployment of the same name and environment was made again, if it was. */
  recreatedAt?: string;
  /** Its last estimate (a month), `null` when it had no priced estimate. */
  monthlyCost: number | null;
  kind: EstimateTotalKind;
  /** Hours of the period between the destroy and now (or the recreation). */
  hours: number;
  /** USD: monthlyCost ÷ hours a month × hours; `null` when unknown. */
  saved: number | null;
};

/**
 * Savings summed over a set of TTL destroys.
 *
 * @public
 */
export type TtlSavingsTotal = {
  /** Destroys counted (with a saving in the period). */
  deployments: number;
  /** USD over those with a priced estimate; `null` when none has one. */
  saved: number | null;
  /** USD a month the destroys not undone by a recreation avoid now; `null` with `saved`. */
  monthlyAvoided: number | null;
  /** Of `deployments`, those with no priced estimate (not in the sums, never $0). */
  withoutEstimate: number;
  /** The least sure estimate counted; `partial` when some are left out, `unknown` when all are. */
  kind: EstimateTotalKind;
};

/**
 * The money TTL destroys saved in a period, in total and per owner, over
 * the deployments the caller may read.
 *
 * @public
 */
export type TtlSavingsReport = {
  period: 'month' | '30d' | 'all';
  /** The start of the period (absent for all time) and its end (now). */
  from?: string;
  to: string;
  total: TtlSavingsTotal;
  /** Largest saving first. */
  owners: Array<TtlSavingsTotal & { owner: string }>;
  /** The destroys, largest saving first (at most 50). */
  deployments: TtlSaving[];
};

/**
 * Emissions a month summed over a set of deployments' current estimates.
 * A deployment without an emissions figure is counted, never added as 0.
 *
 * @public
 */
export type EmissionsTotal = {
  /** Deployments counted: those that bill, and stopped ones. */
  deployments: number;
  /**
   * gCO2e a month over the deployments with a figure (a partial one adds its
   * known lines); `null` when none has one.
   */
  knownGrams: number | null;
  /**
   * How sure `knownGrams` is: `exact` or `approximate` when every deployment
   * has a whole figure, `partial` when some have none or miss lines (a lower
   * bound), `unknown` when none has one.
   */
  kind: EstimateTotalKind;
  /**
   * Of `deployments`, those with no emissions figure: no estimate, every
   * line missing, or an estimate from before emissions whose spec no longer
   * estimates.
   */
  notEstimated: number;
  /** Of `deployments`, those whose figure misses some lines (their known lines are in `knownGrams`). */
  partial: number;
};

/**
 * The monthly emissions of the deployments the caller may read, in total
 * and per owner, from their current estimates, with the data years of the
 * grid factors used.
 *
 * @public
 */
export type EmissionsOverview = {
  asOf: string;
  total: EmissionsTotal;
  /** Largest known emissions first; owners with none known last, by name. */
  owners: Array<EmissionsTotal & { owner: string }>;
  /** The data years of the grid factors the counted estimates used, sorted. */
  gridYears: string[];
  /** When the coefficient sets of the counted estimates were built (`YYYY-MM-DD`), sorted. */
  datasetsBuiltAt: string[];
  /** Of the total's deployments, the stopped ones: they count what their estimate says. */
  stopped: number;
};
