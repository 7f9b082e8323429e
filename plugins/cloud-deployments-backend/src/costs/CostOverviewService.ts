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
  Budget,
  BudgetSpend,
  BudgetSpendReport,
  budgetSpendQuerySchema,
  cloudDeploymentReadPermission,
  CostMovers,
  costMoversQuerySchema,
  EmissionsOverview,
  emissionsOverviewQuerySchema,
  TtlSavingsReport,
  ttlSavingsQuerySchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { BudgetService } from '../budgets/BudgetService';
import { toDeployment } from '../database/deploymentRows';
import { withEmissions } from '../deployments/withEmissions';
import { EstimationService } from '../pricing/EstimationService';
import { applyPermissionFilter } from '../database/permissionFilter';
import {
  DeploymentRow,
  deploymentEvents,
  deployments,
} from '../database/tables';
import { ENGINE_ACTOR } from '../jobs/deploymentTaskTerms';
import { TTL_EXPIRY_REASON } from '../reconcile/ttl';
import { revisions } from '../revisions/revisionRows';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { Caller } from '../service/caller';
import { parseInput } from '../service/validation';
import { addDays, utcDay } from './billingTimeline';
import { emissionsOverview } from './emissionsOverview';
import { forecastMonth } from './forecast';
import { rankMovers, spanCost } from './movers';
import { liveDeployments, readableDays } from './readableDays';
import { TtlDestroy, ttlSavings } from './ttlSavings';

const ID_CHUNK = 500;

const percentOf = (value: number, amount: number) =>
  Math.round((value / amount) * 1000) / 10;

/**
 * The cost overview's reports beyond the daily history: top movers, budgets
 * against what their scopes cost this month, what TTL destroys saved and
 * the monthly emissions —
 * each over the deployments the caller may read (`cloud.deployment.read`,
 * as every cost report).
 */
export class CostOverviewService {
  readonly #knex: Knex;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #budgets: BudgetService;
  readonly #clock: () => Date;
  readonly #hoursPerMonth?: number;
  readonly #estimates?: EstimationService;

  constructor(options: {
    knex: Knex;
    authorizer: DeploymentAuthorizer;
    budgets: BudgetService;
    hoursPerMonth?: number;
    /** Computes the emissions of estimates stored before they were estimated. */
    estimates?: EstimationService;
    clock?: () => Date;
  }) {
    this.#knex = options.knex;
    this.#authorizer = options.authorizer;
    this.#budgets = options.budgets;
    this.#hoursPerMonth = options.hoursPerMonth;
    this.#estimates = options.estimates;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** The largest rises and falls of daily cost (see {@link rankMovers}). */
  async movers(query: unknown, caller: Caller): Promise<CostMovers> {
    const { days = 7, limit = 5 } = parseInput(
      costMoversQuerySchema,
      query,
      'query',
    );
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const today = utcDay(this.#clock().getTime());
    const { readable, records } = await readableDays(
      this.#knex,
      permission,
      { from: addDays(today, -2 * days), to: today },
      today,
    );
    return rankMovers({ deployments: readable, records, today, days, limit });
  }

  /**
   * Every budget with its month so far from the daily costs and its
   * month-end forecast, both over the deployments in its scope (its owner,
   * and its system and environment when set) that the caller may read —
   * the same deployments its estimate-based use counts.
   */
  async budgetSpend(
    query: unknown,
    caller: Caller,
  ): Promise<BudgetSpendReport> {
    parseInput(budgetSpendQuerySchema, query, 'query');
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const { items: budgets } = await this.#budgets.list({}, caller);
    const now = this.#clock();
    const today = utcDay(now.getTime());
    const { readable, records } = await readableDays(
      this.#knex,
      permission,
      { from: `${today.slice(0, 7)}-01`, to: addDays(today, 1) },
      today,
    );
    const live = await liveDeployments(this.#knex, permission);
    const rowOf = new Map<string, DeploymentRow>(readable.map(r => [r.id, r]));
    const inScope = (budget: Budget, row: DeploymentRow | undefined) =>
      !!row &&
      row.owner === budget.owner &&
      (!budget.system || row.system === budget.system) &&
      (!budget.environment || row.environment === budget.environment);
    const items = budgets.map((budget): BudgetSpend => {
      const days = records.filter(r =>
        inScope(budget, rowOf.get(r.deploymentId)),
      );
      const month = forecastMonth({
        now,
        days,
        live: live.filter(l => inScope(budget, l.row)).map(l => l.live),
        hoursPerMonth: this.#hoursPerMonth,
      });
      // How sure the month so far is, as a span of days is (see spanCost).
      const toDateKind = spanCost(
        days,
        { from: '0000-00-00', to: '9999-99-99' },
        1,
      ).kind;
      const toDate = month.monthToDate.total;
      const forecastKnown =
        toDateKind !== 'unknown' || month.rest.deployments > 0;
      // Compared unrounded, as the use's thresholds are.
      const crossed = (value: number) =>
        budget.thresholds.filter(t => value * 100 >= t * budget.amount);
      const toDateKnown = toDateKind !== 'unknown';
      return {
        budget,
        monthToDate: { ...month.monthToDate, kind: toDateKind },
        forecast: forecastKnown ? month.forecast : null,
        forecastKind: forecastKnown ? month.forecastKind : 'unknown',
        ...(toDateKnown
          ? { monthToDatePercent: percentOf(toDate, budget.amount) }
          : {}),
        ...(forecastKnown
          ? { forecastPercent: percentOf(month.forecast, budget.amount) }
          : {}),
        crossedToDate: toDateKnown ? crossed(toDate) : [],
        crossedByForecast: forecastKnown ? crossed(month.forecast) : [],
        overToDate: toDateKnown && toDate > budget.amount,
        overByForecast: forecastKnown && month.forecast > budget.amount,
      };
    });
    return {
      month: today.slice(0, 7),
      asOf: now.toISOString(),
      items,
    };
  }

  /**
   * The monthly emissions of the readable deployments that bill now or are
   * stopped (a stopped one counts what its estimate says), in total and per
   * owner (see {@link emissionsOverview}).
   */
  async emissions(query: unknown, caller: Caller): Promise<EmissionsOverview> {
    parseInput(emissionsOverviewQuerySchema, query, 'query');
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const rows: DeploymentRow[] = await deployments(this.#knex)
      .whereIn('status', [...BILLING_STATUSES, 'stopped'])
      .modify(qb => {
        if (permission) applyPermissionFilter(qb, permission);
      });
    return emissionsOverview(
      rows.map(row => {
        const deployment = toDeployment(row);
        // As the deployment page reads it: an estimate stored before
        // emissions gets them from its spec.
        const read = this.#estimates
          ? withEmissions(deployment, this.#estimates)
          : deployment;
        return {
          owner: row.owner,
          stopped: row.status === 'stopped',
          emissions: read.estimate?.emissions,
        };
      }),
      this.#clock(),
    );
  }

  /** What TTL destroys saved in a period (see {@link ttlSavings}). */
  async ttlSavings(query: unknown, caller: Caller): Promise<TtlSavingsReport> {
    const { period = 'month' } = parseInput(
      ttlSavingsQuerySchema,
      query,
      'query',
    );
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    return ttlSavings({
      destroys: await this.#ttlDestroys(permission),
      period,
      now: this.#clock().getTime(),
      hoursPerMonth: this.#hoursPerMonth,
    });
  }

  /**
   * The readable deployments reconciliation destroyed because their TTL ran
   * out — its status event to `destroying` with the TTL reason — and that
   * are destroyed now (a destroy that failed left them billing: no saving).
   */
  async #ttlDestroys(
    permission: Parameters<typeof applyPermissionFilter>[1] | undefined,
  ): Promise<TtlDestroy[]> {
    const events = await deploymentEvents(this.#knex)
      .where({ type: 'status', actor: ENGINE_ACTOR.ref })
      .where('message', 'like', '%Time to live%')
      .orderBy('id', 'asc')
      .select('deployment_id', 'data', 'created_at');
    const destroyedAt = new Map<string, number>();
    for (const event of events) {
      if (destroyedAt.has(event.deployment_id)) continue;
      const data = parseJson(event.data);
      if (data?.to !== 'destroying' || !TTL_EXPIRY_REASON.test(data.reason)) {
        continue;
      }
      destroyedAt.set(
        event.deployment_id,
        new Date(event.created_at).getTime(),
      );
    }
    const ids = [...destroyedAt.keys()];
    const rows: DeploymentRow[] = [];
    const revs: Array<{
      deployment_id: string;
      monthly_cost: number | null;
      cost_kind: TtlDestroy['kind'];
      created_at: Date | string;
      number: number;
    }> = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK);
      rows.push(
        ...(await deployments(this.#knex)
          .whereIn('id', chunk)
          .where('status', 'destroyed')
          .modify(qb => {
            if (permission) applyPermissionFilter(qb, permission);
          })),
      );
      revs.push(
        ...(await revisions(this.#knex)
          .whereIn('deployment_id', chunk)
          .orderBy('number', 'asc')
          .select(
            'deployment_id',
            'monthly_cost',
            'cost_kind',
            'created_at',
            'number',
          )),
      );
    }
    // A later deployment of the same name and environment, readable or not,
    // ends the saving: the need came back.
    const later: Array<
      Pick<DeploymentRow, 'name' | 'environment'> & {
        created_at: Date | string;
      }
    > = [];
    const names = [...new Set(rows.map(r => r.name))];
    for (let i = 0; i < names.length; i += ID_CHUNK) {
      later.push(
        ...(await deployments(this.#knex)
          .whereIn('name', names.slice(i, i + ID_CHUNK))
          .select('name', 'environment', 'created_at')),
      );
    }
    const revisionsOf = groupBy(revs, r => r.deployment_id);
    const sameName = groupBy(later, l => `${l.environment}/${l.name}`);
    return rows.map(row => {
      const at = destroyedAt.get(row.id)!;
      // The estimate in effect when the TTL acted: the newest revision made before.
      const revision = (revisionsOf.get(row.id) ?? [])
        .filter(r => new Date(r.created_at).getTime() <= at)
        .pop();
      const recreations = (sameName.get(`${row.environment}/${row.name}`) ?? [])
        .map(l => new Date(l.created_at).getTime())
        .filter(t => t > at);
      const monthly =
        revision?.monthly_cost === null || revision === undefined
          ? null
          : Number(revision.monthly_cost);
      return {
        id: row.id,
        name: row.name,
        environment: row.environment,
        owner: row.owner,
        provider: row.provider,
        destroyedAt: at,
        ...(recreations.length
          ? { recreatedAt: Math.min(...recreations) }
          : {}),
        monthlyCost: monthly,
        kind: monthly === null ? 'unknown' : revision!.cost_kind,
      };
    });
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

function parseJson(text: string | null): any {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
