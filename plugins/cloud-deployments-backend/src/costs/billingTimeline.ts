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
  BILLING_STATUSES,
  DeploymentStatus,
  EstimateTotalKind,
  lessSureKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** Hours in a month of always-on running, as the estimates count them by default. */
export const HOURS_PER_MONTH = 730;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The statuses in which a deployment's workload runs: the synthetic usage of
 * a sandbox and a Kubernetes allocation count these hours. Provisioning and
 * destroying bill (see `BILLING_STATUSES`) but serve nothing.
 */
export const RUNNING_STATUSES: readonly DeploymentStatus[] = [
  'active',
  'drifted',
  'updating',
];

/** A status a deployment entered, and when. */
export type StatusChange = { at: number; to: DeploymentStatus };

/** A revision's estimate, in effect from when it was made. */
export type EstimateChange = {
  at: number;
  monthlyCost: number | null;
  costKind: EstimateTotalKind;
};

/** One UTC day of a deployment's timeline. */
export type DayOfTimeline = {
  day: string;
  billingHours: number;
  runningHours: number;
  /** The estimates in effect × the billing hours; null when none had a price. */
  estimated: number | null;
  estimateKind: EstimateTotalKind;
  /** The estimates in effect × the running hours; null when none had a price. */
  running: number | null;
};

/** `YYYY-MM-DD` of a UTC instant. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC days from `from` up to, not including, `to`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t < Date.parse(`${to}T00:00:00Z`);
    t += DAY_MS
  ) {
    days.push(utcDay(t));
  }
  return days;
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/**
 * Works out, for each day, how long a deployment billed and ran and what its
 * estimates give for that time: the status it was in and the revision in
 * effect (the newest made before) at every instant, from its status changes
 * and revisions. Nothing bills before the first status change; time after
 * `now` is not counted.
 */
export function timelineOf(options: {
  statuses: readonly StatusChange[];
  estimates: readonly EstimateChange[];
  days: readonly string[];
  now: number;
  /** The hours a monthly estimate is spread over; default 730. */
  hoursPerMonth?: number;
}): DayOfTimeline[] {
  const hoursPerMonth = options.hoursPerMonth ?? HOURS_PER_MONTH;
  const statuses = [...options.statuses].sort((a, b) => a.at - b.at);
  const estimates = [...options.estimates].sort((a, b) => a.at - b.at);
  return options.days.map(day => {
    const start = Date.parse(`${day}T00:00:00Z`);
    const end = Math.min(start + DAY_MS, Math.max(start, options.now));
    const cuts = new Set<number>([start, end]);
    for (const change of [...statuses, ...estimates]) {
      if (change.at > start && change.at < end) cuts.add(change.at);
    }
    const points = [...cuts].sort((a, b) => a - b);
    let billingMs = 0;
    let runningMs = 0;
    let estimated = 0;
    let running = 0;
    let priced = false;
    let unpriced = false;
    let kind: EstimateTotalKind = 'exact';
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [from, to] = [points[i], points[i + 1]];
      const status = latestAt(statuses, from)?.to;
      if (!status || !BILLING_STATUSES.includes(status)) continue;
      const ms = to - from;
      billingMs += ms;
      const isRunning = RUNNING_STATUSES.includes(status);
      if (isRunning) runningMs += ms;
      const estimate = latestAt(estimates, from);
      if (!estimate || estimate.monthlyCost === null) {
        unpriced = true;
        continue;
      }
      priced = true;
      kind = lessSureKind(kind, estimate.costKind);
      const cost = (estimate.monthlyCost / hoursPerMonth) * (ms / HOUR_MS);
      estimated += cost;
      if (isRunning) running += cost;
    }
    // Hours with no priced estimate make the sum partial, never $0.
    if (priced && unpriced) kind = lessSureKind(kind, 'partial');
    // Nothing billed is a known $0; billed hours with no price are unknown.
    const priceOf = (sum: number, ms: number) => {
      if (priced) return round(sum, 6);
      return ms ? null : 0;
    };
    return {
      day,
      billingHours: round(billingMs / HOUR_MS, 4),
      runningHours: round(runningMs / HOUR_MS, 4),
      estimated: priceOf(estimated, billingMs),
      estimateKind: priced || !billingMs ? kind : 'unknown',
      running: priceOf(running, runningMs),
    };
  });
}

function latestAt<T extends { at: number }>(
  changes: readonly T[],
  at: number,
): T | undefined {
  let found: T | undefined;
  for (const change of changes) {
    if (change.at > at) break;
    found = change;
  }
  return found;
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
