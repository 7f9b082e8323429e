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
  DailyCostRecord,
  EstimateTotalKind,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { DayOfTimeline } from './billingTimeline';

/** A row of `deployment_daily_costs`. */
export type DailyCostRow = {
  deployment_id: string;
  day: string;
  billing_hours: number;
  running_hours: number;
  estimated: number | null;
  estimate_kind: EstimateTotalKind;
  actual: number | null;
  actual_kind: ActualCostKind | null;
  actual_source: string | null;
  actual_currency: string | null;
  actual_read_at: Date | string | null;
  updated_at: Date | string;
};

/** The `deployment_daily_costs` table, for typed query builders. */
export function dailyCosts(db: Knex | Knex.Transaction) {
  return db<DailyCostRow>('deployment_daily_costs');
}

/** What a source said a deployment cost on a day. */
export type ActualFigure = {
  amount: number;
  currency: string;
  kind: ActualCostKind;
  source: string;
};

/** One deployment-day to write: its timeline, and its actual when read. */
export type DayToWrite = {
  deploymentId: string;
  timeline: DayOfTimeline;
  actual?: ActualFigure;
};

// 12 columns a row: 50 rows stay under SQLite's 999 bound variables.
const CHUNK = 50;

/**
 * Writes the days in one transaction: the estimate side always, the actual
 * only where a source read it — a day whose source failed keeps the figure
 * it had.
 */
export async function writeDays(
  knex: Knex,
  days: readonly DayToWrite[],
  now: Date,
): Promise<void> {
  const row = (d: DayToWrite): DailyCostRow => ({
    deployment_id: d.deploymentId,
    day: d.timeline.day,
    billing_hours: d.timeline.billingHours,
    running_hours: d.timeline.runningHours,
    estimated: d.timeline.estimated,
    estimate_kind: d.timeline.estimateKind,
    actual: d.actual?.amount ?? null,
    actual_kind: d.actual?.kind ?? null,
    actual_source: d.actual?.source ?? null,
    actual_currency: d.actual?.currency ?? null,
    actual_read_at: d.actual ? now.toISOString() : null,
    updated_at: now.toISOString(),
  });
  const estimateColumns: Array<keyof DailyCostRow> = [
    'billing_hours',
    'running_hours',
    'estimated',
    'estimate_kind',
    'updated_at',
  ];
  const actualColumns: Array<keyof DailyCostRow> = [
    ...estimateColumns,
    'actual',
    'actual_kind',
    'actual_source',
    'actual_currency',
    'actual_read_at',
  ];
  await knex.transaction(async tx => {
    for (const [withActual, columns] of [
      [true, actualColumns],
      [false, estimateColumns],
    ] as const) {
      const rows = days.filter(d => !!d.actual === withActual).map(row);
      for (let i = 0; i < rows.length; i += CHUNK) {
        await dailyCosts(tx)
          .insert(rows.slice(i, i + CHUNK))
          .onConflict(['deployment_id', 'day'])
          .merge(columns);
      }
    }
  });
}

/**
 * The stored days of some deployments in [from, to), oldest first; days from
 * `today` on are days so far (`complete: false`).
 */
export async function readDays(
  db: Knex,
  deploymentIds: readonly string[],
  span: { from: string; to: string },
  today?: string,
): Promise<Array<DailyCostRecord & { deploymentId: string }>> {
  if (deploymentIds.length === 0) return [];
  const rows: DailyCostRow[] = [];
  for (let i = 0; i < deploymentIds.length; i += 500) {
    rows.push(
      ...(await dailyCosts(db)
        .whereIn('deployment_id', deploymentIds.slice(i, i + 500))
        .where('day', '>=', span.from)
        .where('day', '<', span.to)
        .orderBy([
          { column: 'deployment_id' },
          { column: 'day', order: 'asc' },
        ])),
    );
  }
  return rows.map(row => toRecord(row, !today || row.day < today));
}

/** The newest day stored for any deployment, if any. */
export async function latestDay(db: Knex): Promise<string | undefined> {
  const row = await dailyCosts(db).max({ day: 'day' }).first();
  return (row?.day as string | null) ?? undefined;
}

function toRecord(
  row: DailyCostRow,
  complete: boolean,
): DailyCostRecord & { deploymentId: string } {
  return {
    deploymentId: row.deployment_id,
    day: row.day,
    complete,
    billingHours: Number(row.billing_hours),
    estimated: row.estimated === null ? null : Number(row.estimated),
    estimateKind: row.estimate_kind,
    actual: row.actual === null ? null : Number(row.actual),
    ...(row.actual_kind ? { actualKind: row.actual_kind } : {}),
    ...(row.actual_source ? { actualSource: row.actual_source } : {}),
    ...(row.actual_currency ? { actualCurrency: row.actual_currency } : {}),
  };
}
