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
  combineTotalKinds,
  EstimateTotalKind,
  TtlSaving,
  TtlSavingsReport,
  TtlSavingsTotal,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { HOURS_PER_MONTH } from './billingTimeline';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How many destroys a report lists one by one. */
export const TTL_SAVINGS_LISTED = 50;

/** A deployment its TTL destroyed, with its last estimate. */
export type TtlDestroy = {
  id: string;
  name: string;
  environment: string;
  owner: string;
  provider: string;
  /** When the TTL acted (the move to `destroying`). */
  destroyedAt: number;
  /** When a deployment of the same name and environment was made next. */
  recreatedAt?: number;
  /** The monthly estimate in effect then; null when it had no price. */
  monthlyCost: number | null;
  kind: EstimateTotalKind;
};

const cents = (v: number) => Math.round(v * 100) / 100;

/** The start of a savings period ending at `now`; undefined for all time. */
export function periodStart(
  period: TtlSavingsReport['period'],
  now: number,
): number | undefined {
  const date = new Date(now);
  if (period === 'month') {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  return period === '30d' ? now - 30 * DAY_MS : undefined;
}

/**
 * What TTL destroys saved in a period: each destroyed deployment would have
 * gone on costing its last estimate (a month ÷ `hoursPerMonth` an hour) from
 * the moment its TTL destroyed it until now — or until a deployment of the
 * same name and environment was made again, which is the same need come
 * back. Only the part of that time inside the period counts. A deployment
 * with no priced estimate saved an unknown amount: counted, never $0. The
 * run rate avoided is the monthly estimates of the destroys not undone.
 */
export function ttlSavings(input: {
  destroys: readonly TtlDestroy[];
  period: TtlSavingsReport['period'];
  now: number;
  hoursPerMonth?: number;
}): TtlSavingsReport {
  const { now, period } = input;
  const hoursPerMonth = input.hoursPerMonth ?? HOURS_PER_MONTH;
  const from = periodStart(period, now);
  const savings: TtlSaving[] = [];
  for (const d of input.destroys) {
    const start = Math.max(d.destroyedAt, from ?? -Infinity);
    const end = Math.min(now, d.recreatedAt ?? now);
    if (end <= start) continue;
    const hours = (end - start) / HOUR_MS;
    savings.push({
      id: d.id,
      name: d.name,
      environment: d.environment,
      owner: d.owner,
      provider: d.provider,
      destroyedAt: new Date(d.destroyedAt).toISOString(),
      ...(d.recreatedAt !== undefined
        ? { recreatedAt: new Date(d.recreatedAt).toISOString() }
        : {}),
      monthlyCost: d.monthlyCost,
      kind: d.monthlyCost === null ? 'unknown' : d.kind,
      hours: Math.round(hours * 100) / 100,
      saved:
        d.monthlyCost === null
          ? null
          : cents((d.monthlyCost / hoursPerMonth) * hours),
    });
  }
  const byOwner = new Map<string, TtlSaving[]>();
  for (const s of savings) {
    byOwner.set(s.owner, [...(byOwner.get(s.owner) ?? []), s]);
  }
  const largestFirst = (a: number | null, b: number | null) =>
    (b ?? -1) - (a ?? -1);
  return {
    period,
    ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
    to: new Date(now).toISOString(),
    total: totalOf(savings),
    owners: [...byOwner]
      .map(([owner, own]) => ({ owner, ...totalOf(own) }))
      .sort(
        (a, b) =>
          largestFirst(a.saved, b.saved) || a.owner.localeCompare(b.owner),
      ),
    deployments: savings
      .sort(
        (a, b) =>
          largestFirst(a.saved, b.saved) || a.name.localeCompare(b.name),
      )
      .slice(0, TTL_SAVINGS_LISTED),
  };
}

function totalOf(savings: readonly TtlSaving[]): TtlSavingsTotal {
  let saved = 0;
  let monthlyAvoided = 0;
  let withoutEstimate = 0;
  for (const s of savings) {
    if (s.saved === null || s.monthlyCost === null) {
      withoutEstimate += 1;
      continue;
    }
    saved += s.saved;
    if (!s.recreatedAt) monthlyAvoided += s.monthlyCost;
  }
  const kind = combineTotalKinds(savings.map(s => s.kind));
  // Nothing priced is an unknown saving, not $0.
  const known = kind !== 'unknown';
  return {
    deployments: savings.length,
    saved: known ? cents(saved) : null,
    monthlyAvoided: known ? cents(monthlyAvoided) : null,
    withoutEstimate,
    kind,
  };
}
