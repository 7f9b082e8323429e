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
import { EstimateTotalKind } from './pricing';

/**
 * Beyond this share above or below its estimate, a deployment's actual cost
 * is flagged (±20 %).
 *
 * @public
 */
export const COST_COMPARISON_TOLERANCE = 0.2;

/**
 * One UTC day of a deployment's cost history: what its estimate gives for
 * the hours it billed that day, and what it really cost.
 *
 * @public
 */
export type DailyCostRecord = {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** False for today: the day so far, not yet billed in full. */
  complete: boolean;
  /** Hours of the day the deployment was in a billing status. */
  billingHours: number;
  /**
   * USD the estimates in effect give for those hours (their monthly figure
   * over 730 hours); `null` when none of them had a price.
   */
  estimated: number | null;
  /** How sure `estimated` is: the least sure estimate in effect that day. */
  estimateKind: EstimateTotalKind;
  /** What it cost; `null` when no source has read the day (never $0 for unknown). */
  actual: number | null;
  actualKind?: ActualCostKind;
  /** The id of the source of `actual`. */
  actualSource?: string;
  /** The currency of `actual`, as its source reports it. */
  actualCurrency?: string;
};

/**
 * Actual against estimated cost over a span of days: only the days with
 * both figures in the same currency are compared, and the others are counted.
 *
 * @public
 */
export type CostComparison = {
  /** The first day of the span and the day after its last (`YYYY-MM-DD`). */
  from: string;
  to: string;
  daysCompared: number;
  daysWithoutActual: number;
  daysWithoutEstimate: number;
  /** Days whose actual is in another currency than the estimate's (USD). */
  daysInOtherCurrency: number;
  /** USD over the compared days; `null` when none was compared. */
  estimated: number | null;
  actual: number | null;
  /** actual ÷ estimated; `null` when nothing was compared or the estimate is 0. */
  ratio: number | null;
  /** True when `ratio` is more than {@link COST_COMPARISON_TOLERANCE} from 1. */
  flagged: boolean;
  /** The least sure estimate among the compared days. */
  estimateKind: EstimateTotalKind;
  /** The kinds of the actual figures compared (billed, allocation, sandbox). */
  actualKinds: ActualCostKind[];
  /** Why there is no ratio, when there is none. */
  note?: string;
};

/**
 * A deployment's daily costs, oldest first and today (so far) last, with the
 * comparison of its last full days.
 *
 * @public
 */
export type DeploymentCostHistory = {
  deploymentId: string;
  currency: 'USD';
  /** The first day listed and the day after the last (`YYYY-MM-DD`). */
  from: string;
  to: string;
  days: DailyCostRecord[];
  comparison: CostComparison;
  /** The source that reads this deployment's actual cost, if any. */
  actualSource: { id: string; title: string; kind: ActualCostKind } | null;
  /** Why there is no source, or what its figures are. */
  actualNote: string;
};

/**
 * The comparison of a group of deployments (one owner, provider or
 * environment).
 *
 * @public
 */
export type EstimateVsActualGroup = {
  key: string;
  deployments: number;
  comparison: CostComparison;
};

/**
 * Estimate against actual per owner, provider or environment, and the
 * deployments flagged beyond the tolerance.
 *
 * @public
 */
export type EstimateVsActualReport = {
  from: string;
  to: string;
  groupBy: 'owner' | 'provider' | 'environment';
  /** The groups, largest actual cost first. */
  groups: EstimateVsActualGroup[];
  /** The deployments whose own ratio is flagged, furthest from 1 first. */
  flagged: Array<{
    id: string;
    name: string;
    environment: string;
    owner: string;
    provider: string;
    comparison: CostComparison;
  }>;
};

/**
 * One UTC day of the cost of a set of deployments, in total and per group.
 *
 * @public
 */
export type GroupedCostDay = {
  day: string;
  /** False for today, a day so far. */
  complete: boolean;
  /** USD over the deployments with a figure; see the counts of those without. */
  estimated: number;
  actual: number;
  /** Deployments billing that day whose estimate has no price. */
  withoutEstimate: number;
  /** Deployments billing that day whose actual cost is not known. */
  withoutActual: number;
  /** Per group key: the same sums. */
  groups: Record<string, { estimated: number; actual: number }>;
};

/**
 * Daily cost over time of the deployments the caller may read, grouped by
 * owner, provider or environment.
 *
 * @public
 */
export type CostTimeline = {
  from: string;
  /** The day after the last (today, so far, is the last). */
  to: string;
  groupBy: 'owner' | 'provider' | 'environment';
  /** The group keys, largest actual cost over the span first. */
  keys: string[];
  days: GroupedCostDay[];
};

/**
 * What the deployments the caller may read will cost this calendar month
 * (UTC): what they cost so far, and what the live ones will add at their
 * current estimates until the month ends or their TTL destroys them.
 *
 * @public
 */
export type CostForecast = {
  /** `YYYY-MM`. */
  month: string;
  /** When the forecast was made. */
  asOf: string;
  monthToDate: {
    /** USD billed, allocated or used (sandbox) so far. */
    actual: number;
    /** USD of the estimate for the deployment-days with no actual yet. */
    estimated: number;
    /** actual + estimated. */
    total: number;
    /** Deployment-days billing with neither figure (never counted as $0). */
    withoutFigure: number;
  };
  rest: {
    /** USD the live deployments add at their current estimates. */
    total: number;
    /** Live deployments counted. */
    deployments: number;
    /** Live deployments with no priced estimate, left out. */
    withoutEstimate: number;
    /** Deployments whose TTL destroys them before the month ends. */
    ttlEnding: Array<{
      id: string;
      name: string;
      expiresAt: string;
      /** USD they would have added after their expiry this month. */
      saves: number;
    }>;
  };
  /** monthToDate.total + rest.total. */
  forecast: number;
  /** The least sure estimate counted; `partial` when some are left out. */
  forecastKind: EstimateTotalKind;
};

const KIND_ORDER: EstimateTotalKind[] = [
  'exact',
  'approximate',
  'partial',
  'unknown',
];

/**
 * The less sure of two estimate kinds.
 *
 * @public
 */
export function lessSureKind(
  a: EstimateTotalKind,
  b: EstimateTotalKind,
): EstimateTotalKind {
  return KIND_ORDER.indexOf(a) >= KIND_ORDER.indexOf(b) ? a : b;
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Compares actual with estimated cost over the given days (one deployment's,
 * or several deployments' days together): sums the days with both figures in
 * USD, and counts the rest.
 *
 * @public
 */
export function compareEstimateToActual(
  days: readonly DailyCostRecord[],
  span: { from: string; to: string },
): CostComparison {
  let estimated = 0;
  let actual = 0;
  let daysCompared = 0;
  let daysWithoutActual = 0;
  let daysWithoutEstimate = 0;
  let daysInOtherCurrency = 0;
  let estimateKind: EstimateTotalKind = 'exact';
  const actualKinds = new Set<ActualCostKind>();
  for (const day of days) {
    // A day so far is never compared with a whole day's estimate.
    if (!day.complete) continue;
    if (day.actual === null) {
      daysWithoutActual += 1;
    } else if ((day.actualCurrency ?? 'USD') !== 'USD') {
      daysInOtherCurrency += 1;
    } else if (day.estimated === null) {
      daysWithoutEstimate += 1;
    } else {
      daysCompared += 1;
      estimated += day.estimated;
      actual += day.actual;
      estimateKind = lessSureKind(estimateKind, day.estimateKind);
      if (day.actualKind) actualKinds.add(day.actualKind);
    }
  }
  const base = {
    ...span,
    daysCompared,
    daysWithoutActual,
    daysWithoutEstimate,
    daysInOtherCurrency,
    actualKinds: [...actualKinds].sort(),
  };
  if (daysCompared === 0) {
    return {
      ...base,
      estimated: null,
      actual: null,
      ratio: null,
      flagged: false,
      estimateKind: 'unknown',
      note: whyNothingCompared(base),
    };
  }
  const ratio = estimated > 0 ? actual / estimated : null;
  return {
    ...base,
    estimated: cents(estimated),
    actual: cents(actual),
    ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
    // The epsilon keeps exactly ±20 % (0.19999… in floating point) unflagged.
    flagged:
      ratio !== null && Math.abs(ratio - 1) > COST_COMPARISON_TOLERANCE + 1e-9,
    estimateKind,
    ...(ratio === null
      ? {
          note:
            actual > 0
              ? 'The estimate is $0.00 for these days, so there is no ratio; the actual cost is not.'
              : 'Both are $0.00 for these days.',
        }
      : {}),
  };
}

function whyNothingCompared(counts: {
  daysWithoutActual: number;
  daysWithoutEstimate: number;
  daysInOtherCurrency: number;
}): string {
  if (
    counts.daysWithoutActual +
      counts.daysWithoutEstimate +
      counts.daysInOtherCurrency ===
    0
  ) {
    return 'No day in this span had the deployment billing.';
  }
  if (counts.daysInOtherCurrency > 0) {
    return 'The actual cost is billed in another currency than the estimate (USD), so they are not compared.';
  }
  if (counts.daysWithoutEstimate > 0 && counts.daysWithoutActual === 0) {
    return 'The estimate has no price for these days.';
  }
  return 'No actual cost has been read for these days yet.';
}
