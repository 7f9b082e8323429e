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
  ActualCostKind,
  CostMover,
  CostMovers,
  DailyCostRecord,
  EstimateTotalKind,
  lessSureKind,
  MoverSpan,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { addDays } from './billingTimeline';

/** A deployment as the movers list names it. */
export type MoverDeployment = Pick<
  CostMover,
  'id' | 'name' | 'environment' | 'owner' | 'provider'
>;

// Sums keep fractions of a cent: a sandbox deployment's day is often less.
const exact = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * What one deployment cost over a span of `length` days, from its stored
 * days in it: each day's actual where read in USD, else its estimate; a day
 * with neither is counted and makes the sum partial, never $0. No stored
 * day is a known $0: the collector stores every day a deployment billed.
 */
export function spanCost(
  days: readonly DailyCostRecord[],
  span: { from: string; to: string },
  length: number,
): MoverSpan {
  let total = 0;
  let read = 0;
  let estimated = 0;
  let withoutFigure = 0;
  let kind: EstimateTotalKind = 'exact';
  const actualKinds = new Set<ActualCostKind>();
  for (const day of days) {
    if (day.day < span.from || day.day >= span.to) continue;
    if (day.actual !== null && (day.actualCurrency ?? 'USD') === 'USD') {
      total += day.actual;
      read += 1;
      if (day.actualKind) actualKinds.add(day.actualKind);
    } else if (day.estimated !== null) {
      total += day.estimated;
      estimated += 1;
      kind = lessSureKind(kind, day.estimateKind);
    } else {
      withoutFigure += 1;
    }
  }
  let basis: MoverSpan['basis'] = 'none';
  if (read && estimated) basis = 'mixed';
  else if (read) basis = 'actual';
  else if (estimated || withoutFigure) basis = 'estimated';
  const known = read + estimated > 0 || withoutFigure === 0;
  if (withoutFigure) kind = known ? lessSureKind(kind, 'partial') : 'unknown';
  return {
    ...span,
    total: known ? exact(total) : null,
    daily: known ? exact(total / length) : null,
    basis,
    kind,
    actualKinds: [...actualKinds].sort(),
    daysWithoutFigure: withoutFigure,
  };
}

/**
 * The deployments whose daily cost changed most between the `days` full
 * days before `today` and the `days` before those: the average daily cost
 * of each span, the change in USD a day and relative to the earlier span,
 * the `limit` largest rises and falls. A deployment with a span of no figure
 * at all cannot be ranked and is counted.
 */
export function rankMovers(input: {
  deployments: readonly MoverDeployment[];
  records: ReadonlyArray<DailyCostRecord & { deploymentId: string }>;
  today: string;
  days: number;
  limit: number;
}): CostMovers {
  const { today, days, limit } = input;
  const recent = { from: addDays(today, -days), to: today };
  const previous = { from: addDays(today, -2 * days), to: recent.from };
  const byDeployment = new Map<string, DailyCostRecord[]>();
  for (const record of input.records) {
    const own = byDeployment.get(record.deploymentId) ?? [];
    own.push(record);
    byDeployment.set(record.deploymentId, own);
  }
  const movers: CostMover[] = [];
  let withoutFigure = 0;
  for (const deployment of input.deployments) {
    const own = byDeployment.get(deployment.id) ?? [];
    const before = spanCost(own, previous, days);
    const after = spanCost(own, recent, days);
    if (before.daily === null || after.daily === null) {
      withoutFigure += 1;
      continue;
    }
    const change = exact(after.daily - before.daily);
    if (change === 0) continue;
    // Only what a mover names: the row it came from holds the whole spec.
    const { id, name, environment, owner, provider } = deployment;
    movers.push({
      id,
      name,
      environment,
      owner,
      provider,
      previous: before,
      recent: after,
      change,
      relative:
        before.daily > 0
          ? Math.round((change / before.daily) * 1000) / 1000
          : null,
      kind: lessSureKind(before.kind, after.kind),
    });
  }
  const byName = (a: CostMover, b: CostMover) =>
    a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return {
    days,
    previous,
    recent,
    up: movers
      .filter(m => m.change > 0)
      .sort((a, b) => b.change - a.change || byName(a, b))
      .slice(0, limit),
    down: movers
      .filter(m => m.change < 0)
      .sort((a, b) => a.change - b.change || byName(a, b))
      .slice(0, limit),
    withoutFigure,
  };
}
