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
  CostForecast,
  DailyCostRecord,
  EstimateTotalKind,
  lessSureKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { HOURS_PER_MONTH } from './billingTimeline';

const HOUR_MS = 3_600_000;

/** A deployment that bills now, with its current estimate. */
export type LiveDeployment = {
  id: string;
  name: string;
  /** Its monthly estimate (the priced subtotal); null when nothing has a price. */
  monthly: number | null;
  kind: EstimateTotalKind;
  /** When its TTL destroys it, if it has one. */
  expiresAt?: Date;
};

const cents = (v: number) => Math.round(v * 100) / 100;
// The month so far keeps fractions of a cent: early in a month, or for a
// new deployment, that is all there is.
const exact = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The month-end forecast: the month's days so far (actual where read, else
 * the estimate, else counted as unknown), plus each live deployment's
 * current estimate over the hours left in the month — up to its TTL expiry,
 * whose saving is listed.
 */
export function forecastMonth(input: {
  now: Date;
  /** The stored days of this month up to today (so far) included. */
  days: readonly DailyCostRecord[];
  live: readonly LiveDeployment[];
  hoursPerMonth?: number;
}): CostForecast {
  const { now, days, live } = input;
  const hoursPerMonth = input.hoursPerMonth ?? HOURS_PER_MONTH;
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  let kind: EstimateTotalKind = 'exact';

  let actual = 0;
  let estimated = 0;
  let withoutFigure = 0;
  for (const day of days) {
    if (day.actual !== null && (day.actualCurrency ?? 'USD') === 'USD') {
      actual += day.actual;
    } else if (day.estimated !== null) {
      estimated += day.estimated;
      kind = lessSureKind(kind, day.estimateKind);
    } else {
      withoutFigure += 1;
    }
  }

  let rest = 0;
  let withoutEstimate = 0;
  const ttlEnding: CostForecast['rest']['ttlEnding'] = [];
  for (const deployment of live) {
    if (deployment.monthly === null) {
      withoutEstimate += 1;
      continue;
    }
    kind = lessSureKind(kind, deployment.kind);
    const perHour = deployment.monthly / hoursPerMonth;
    const expiry = deployment.expiresAt?.getTime();
    const end = expiry !== undefined ? Math.min(expiry, monthEnd) : monthEnd;
    rest += (perHour * Math.max(0, end - now.getTime())) / HOUR_MS;
    if (expiry !== undefined && expiry < monthEnd) {
      ttlEnding.push({
        id: deployment.id,
        name: deployment.name,
        expiresAt: new Date(expiry).toISOString(),
        saves: cents(
          (perHour * (monthEnd - Math.max(expiry, now.getTime()))) / HOUR_MS,
        ),
      });
    }
  }
  if (withoutFigure > 0 || withoutEstimate > 0) {
    kind = lessSureKind(kind, 'partial');
  }
  const monthToDate = exact(actual + estimated);
  return {
    month: new Date(monthStart).toISOString().slice(0, 7),
    asOf: now.toISOString(),
    monthToDate: {
      actual: exact(actual),
      estimated: exact(estimated),
      total: monthToDate,
      withoutFigure,
    },
    rest: {
      total: cents(rest),
      deployments: live.length - withoutEstimate,
      withoutEstimate,
      ttlEnding: ttlEnding.sort((a, b) => b.saves - a.saves),
    },
    forecast: cents(monthToDate + rest),
    forecastKind: kind,
  };
}
