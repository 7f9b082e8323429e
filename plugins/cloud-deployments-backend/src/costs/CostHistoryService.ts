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
  cloudDeploymentReadPermission,
  compareEstimateToActual,
  CostForecast,
  costForecastQuerySchema,
  CostTimeline,
  costTimelineQuerySchema,
  DailyCostRecord,
  deploymentCostsQuerySchema,
  DeploymentCostHistory,
  estimateVsActualQuerySchema,
  EstimateVsActualReport,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { forecastMonth } from './forecast';
import { Knex } from 'knex';
import { DeploymentReads } from '../deployments/DeploymentReads';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { Caller } from '../service/caller';
import { parseInput } from '../service/validation';
import { addDays, utcDay } from './billingTimeline';
import { ActualCostCollector } from './ActualCostCollector';
import { readDays } from './dailyCostRows';
import { liveDeployments, readableDays } from './readableDays';

/** The span estimate and actual are compared over: the last full days. */
export const COMPARISON_DAYS = 7;

/**
 * Reading cost history: a deployment's days and the comparison of its
 * estimate with what it cost, and the same per owner, provider or
 * environment over the deployments the caller may read.
 */
export class CostHistoryService {
  readonly #knex: Knex;
  readonly #reads: DeploymentReads;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #collector: ActualCostCollector;
  readonly #clock: () => Date;
  readonly #hoursPerMonth?: number;

  constructor(options: {
    knex: Knex;
    reads: DeploymentReads;
    authorizer: DeploymentAuthorizer;
    collector: ActualCostCollector;
    clock?: () => Date;
  }) {
    this.#hoursPerMonth = options.collector.hoursPerMonth;
    this.#knex = options.knex;
    this.#reads = options.reads;
    this.#authorizer = options.authorizer;
    this.#collector = options.collector;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * The last `days` full days of a deployment the caller may read, and
   * today so far.
   */
  async deploymentCosts(
    rawId: string,
    query: unknown,
    caller: Caller,
  ): Promise<DeploymentCostHistory> {
    const { days = 30 } = parseInput(
      deploymentCostsQuerySchema,
      query,
      'query',
    );
    const deployment = await this.#reads.get(rawId, caller);
    const today = utcDay(this.#clock().getTime());
    const to = addDays(today, 1);
    const from = addDays(today, -days);
    const records = await readDays(
      this.#knex,
      [deployment.id],
      { from, to },
      today,
    );
    const compared = { from: addDays(today, -COMPARISON_DAYS), to: today };
    const { source, note } = this.#collector.sourceOf(deployment);
    return {
      deploymentId: deployment.id,
      currency: 'USD',
      from,
      to,
      days: records.map(({ deploymentId: _id, ...day }) => day),
      comparison: compareEstimateToActual(
        records.filter(r => r.day >= compared.from && r.day < compared.to),
        compared,
      ),
      actualSource: source,
      actualNote: note,
    };
  }

  /**
   * Each day's estimated and actual cost over the deployments the caller may
   * read, in total and per owner, provider or environment.
   */
  async timeline(query: unknown, caller: Caller): Promise<CostTimeline> {
    const { groupBy = 'owner', days = 30 } = parseInput(
      costTimelineQuerySchema,
      query,
      'query',
    );
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const today = utcDay(this.#clock().getTime());
    const span = { from: addDays(today, -days), to: addDays(today, 1) };
    const { readable, records } = await readableDays(
      this.#knex,
      permission,
      span,
      today,
    );
    const groupOf = new Map(readable.map(r => [r.id, r[groupBy]]));
    const byDay = new Map<string, CostTimeline['days'][number]>();
    const totals = new Map<string, number>();
    for (const record of records) {
      const key = groupOf.get(record.deploymentId)!;
      const day = byDay.get(record.day) ?? {
        day: record.day,
        complete: record.complete,
        estimated: 0,
        actual: 0,
        withoutEstimate: 0,
        withoutActual: 0,
        groups: {},
      };
      const group = (day.groups[key] ??= { estimated: 0, actual: 0 });
      if (record.estimated === null) day.withoutEstimate += 1;
      else {
        day.estimated += record.estimated;
        group.estimated += record.estimated;
      }
      // Another currency than the estimate's is not added to USD.
      if (
        record.actual === null ||
        (record.actualCurrency ?? 'USD') !== 'USD'
      ) {
        day.withoutActual += 1;
      } else {
        day.actual += record.actual;
        group.actual += record.actual;
        totals.set(key, (totals.get(key) ?? 0) + record.actual);
      }
      byDay.set(record.day, day);
    }
    // Not to the cent: a new deployment's day so far is a fraction of one.
    const exact = (v: number) => Math.round(v * 1e6) / 1e6;
    return {
      ...span,
      groupBy,
      keys: [...new Set(groupOf.values())].sort(
        (a, b) =>
          (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b),
      ),
      days: [...byDay.values()]
        .sort((a, b) => a.day.localeCompare(b.day))
        .map(d => ({
          ...d,
          estimated: exact(d.estimated),
          actual: exact(d.actual),
          groups: Object.fromEntries(
            Object.entries(d.groups).map(([k, g]) => [
              k,
              { estimated: exact(g.estimated), actual: exact(g.actual) },
            ]),
          ),
        })),
    };
  }

  /**
   * This month's cost so far and at month end, over the deployments the
   * caller may read (see {@link forecastMonth}).
   */
  async forecast(query: unknown, caller: Caller): Promise<CostForecast> {
    parseInput(costForecastQuerySchema, query, 'query');
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const now = this.#clock();
    const today = utcDay(now.getTime());
    const monthStart = `${today.slice(0, 7)}-01`;
    const { records } = await readableDays(
      this.#knex,
      permission,
      { from: monthStart, to: addDays(today, 1) },
      today,
    );
    const live = (await liveDeployments(this.#knex, permission)).map(
      l => l.live,
    );
    return forecastMonth({
      now,
      days: records,
      live,
      hoursPerMonth: this.#hoursPerMonth,
    });
  }

  /** Estimate against actual per group, over the deployments the caller may read. */
  async estimateVsActual(
    query: unknown,
    caller: Caller,
  ): Promise<EstimateVsActualReport> {
    const { groupBy = 'owner', days = COMPARISON_DAYS } = parseInput(
      estimateVsActualQuerySchema,
      query,
      'query',
    );
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const to = utcDay(this.#clock().getTime());
    const span = { from: addDays(to, -days), to };
    const { readable, records } = await readableDays(
      this.#knex,
      permission,
      span,
      to,
    );
    const byDeployment = new Map<string, DailyCostRecord[]>();
    for (const { deploymentId, ...day } of records) {
      const own = byDeployment.get(deploymentId) ?? [];
      own.push(day);
      byDeployment.set(deploymentId, own);
    }
    const groups = new Map<
      string,
      { deployments: number; days: DailyCostRecord[] }
    >();
    const flagged: EstimateVsActualReport['flagged'] = [];
    for (const row of readable) {
      const ownDays = byDeployment.get(row.id) ?? [];
      const groupKey = row[groupBy];
      const group = groups.get(groupKey) ?? { deployments: 0, days: [] };
      group.deployments += 1;
      group.days.push(...ownDays);
      groups.set(groupKey, group);
      const comparison = compareEstimateToActual(ownDays, span);
      if (comparison.flagged) {
        flagged.push({
          id: row.id,
          name: row.name,
          environment: row.environment,
          owner: row.owner,
          provider: row.provider,
          comparison,
        });
      }
    }
    return {
      ...span,
      groupBy,
      groups: [...groups]
        .map(([groupKey, g]) => ({
          key: groupKey,
          deployments: g.deployments,
          comparison: compareEstimateToActual(g.days, span),
        }))
        .sort(
          (a, b) =>
            (b.comparison.actual ?? -1) - (a.comparison.actual ?? -1) ||
            a.key.localeCompare(b.key),
        ),
      flagged: flagged.sort(
        (a, b) =>
          Math.abs((b.comparison.ratio ?? 1) - 1) -
          Math.abs((a.comparison.ratio ?? 1) - 1),
      ),
    };
  }
}
