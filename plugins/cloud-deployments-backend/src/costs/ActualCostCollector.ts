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
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ActualCostKind,
  Deployment,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ActualCostSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { toDeployment } from '../database/deploymentRows';
import {
  DeploymentRow,
  deploymentEvents,
  deployments,
} from '../database/tables';
import { revisions } from '../revisions/revisionRows';
import {
  addDays,
  DayOfTimeline,
  daysBetween,
  EstimateChange,
  StatusChange,
  timelineOf,
  utcDay,
} from './billingTimeline';
import {
  ActualFigure,
  DayToWrite,
  latestDay,
  writeDays,
} from './dailyCostRows';

/** Who reads a deployment's actual cost, as the API shows it. */
export type ActualSourceInfo = {
  id: string;
  title: string;
  kind: ActualCostKind;
};

/** The portal's own figures, worked out from the time a deployment ran. */
export const SANDBOX_USAGE: ActualSourceInfo = {
  id: 'sandbox-usage',
  title: 'Sandbox usage (running time × list price)',
  kind: 'sandbox',
};
export const KUBERNETES_ALLOCATION: ActualSourceInfo = {
  id: 'kubernetes-allocation',
  title: 'Kubernetes allocation (node share × running time)',
  kind: 'allocation',
};

/** What one collection did. */
export type CollectionSummary = {
  from: string;
  to: string;
  deployments: number;
  daysWritten: number;
  sources: Array<{ id: string; deployments: number; error?: string }>;
};

const ID_CHUNK = 500;

/**
 * Collects each deployment's daily costs: the estimate side from its status
 * changes and revisions, the actual side from the source that reads it —
 * a billing API a module registered, or for sandbox and Kubernetes
 * deployments the running time × the estimate's list prices. Runs on the
 * scheduler once across replicas; reads the last `lookbackDays` again each
 * time, since billing data settles over days.
 */
export class ActualCostCollector {
  readonly #knex: Knex;
  readonly #sources: readonly ActualCostSource[];
  readonly #logger: LoggerService;
  readonly #lookbackDays: number;
  readonly #backfillDays: number;
  readonly #hoursPerMonth?: number;
  readonly #clock: () => Date;

  constructor(options: {
    knex: Knex;
    sources: readonly ActualCostSource[];
    logger: LoggerService;
    /** Days read again on every run. Default 7. */
    lookbackDays?: number;
    /** Days read on the first run, or after a gap. Default 30. */
    backfillDays?: number;
    hoursPerMonth?: number;
    clock?: () => Date;
  }) {
    this.#knex = options.knex;
    this.#sources = options.sources;
    this.#logger = options.logger;
    this.#lookbackDays = options.lookbackDays ?? 7;
    this.#backfillDays = Math.max(
      options.backfillDays ?? 30,
      this.#lookbackDays,
    );
    this.#hoursPerMonth = options.hoursPerMonth;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** The hours a monthly estimate is spread over, when configured. */
  get hoursPerMonth(): number | undefined {
    return this.#hoursPerMonth;
  }

  /** The source that reads a deployment's actual cost, or why none does. */
  sourceOf(
    deployment: Pick<Deployment, 'sandbox'> & {
      spec: Pick<Deployment['spec'], 'provider'>;
    },
  ): { source: ActualSourceInfo | null; note: string } {
    if (deployment.sandbox) {
      return {
        source: SANDBOX_USAGE,
        note: 'Synthetic: a sandbox bills nothing, so its actual cost is the hours it ran × the list prices of its estimate.',
      };
    }
    const billed = this.#billedSourceFor(deployment.spec.provider);
    if (billed) {
      return {
        source: { id: billed.id, title: billed.title, kind: billed.kind },
        note: `Read from ${billed.title} by the deployment's cloud-deployments-id tag, once a day; the last days may still change as billing settles.`,
      };
    }
    if (deployment.spec.provider === 'kubernetes') {
      return {
        source: KUBERNETES_ALLOCATION,
        note: "An allocation, not a bill: the pod's share of its node's price × the hours it ran.",
      };
    }
    return {
      source: null,
      note: `No billing source is configured for ${deployment.spec.provider}, so its actual cost is not known (see the provider module's costs configuration).`,
    };
  }

  /**
   * Reads and stores the daily costs of every deployment billing lately, up
   * to now: today is a day so far. Billing sources are asked for full days
   * only (today's bill is not complete), and only when `billing` is not
   * false — they may charge per request, so the portal asks them once a day
   * and works out its own figures (estimates, sandbox usage, allocations)
   * more often.
   */
  async collect(
    signal?: AbortSignal,
    options: {
      billing?: boolean;
      /** The first day to work out, instead of the usual lookback. */
      from?: string;
      /** Only these deployments (a backfill of seeded history). */
      deploymentIds?: readonly string[];
    } = {},
  ): Promise<CollectionSummary> {
    const now = this.#clock();
    const today = utcDay(now.getTime());
    const to = addDays(today, 1);
    const from = options.from ?? (await this.#firstDay(today));
    const rows = await this.#deploymentsBetween(
      from,
      to,
      options.deploymentIds,
    );
    const ids = rows.map(r => r.id);
    const timelines = await this.#timelines(ids, from, to, now);
    const list = rows.map(toDeployment);

    const byId = new Map(list.map(d => [d.id, d]));
    const bySource = new Map<string, Deployment[]>();
    for (const deployment of list) {
      const { source } = this.sourceOf(deployment);
      if (!source) continue;
      const group = bySource.get(source.id) ?? [];
      group.push(deployment);
      bySource.set(source.id, group);
    }

    const actuals = new Map<string, ActualFigure>();
    const summaries: CollectionSummary['sources'] = [];
    for (const [sourceId, group] of bySource) {
      if (
        sourceId === SANDBOX_USAGE.id ||
        sourceId === KUBERNETES_ALLOCATION.id
      ) {
        const info =
          sourceId === SANDBOX_USAGE.id ? SANDBOX_USAGE : KUBERNETES_ALLOCATION;
        for (const deployment of group) {
          for (const day of timelines.get(deployment.id) ?? []) {
            if (day.running === null) continue; // no price: unknown, not $0
            actuals.set(key(deployment.id, day.day), {
              amount: day.running,
              currency: 'USD',
              kind: info.kind,
              source: info.id,
            });
          }
        }
        summaries.push({ id: sourceId, deployments: group.length });
        continue;
      }
      const source = this.#sources.find(s => s.id === sourceId)!;
      if (options.billing === false) continue;
      try {
        const figures = await source.dailyCosts({
          deployments: group,
          from,
          to: today,
          signal,
        });
        const read = billedFigures(source, group, figures, from, today);
        const billingHours = new Map(
          group.flatMap(d =>
            (timelines.get(d.id) ?? []).map(t => [
              key(d.id, t.day),
              t.billingHours,
            ]),
          ),
        );
        for (const deployment of group) {
          for (const day of daysBetween(from, today)) {
            // A day the source read with no figure cost nothing; recorded
            // only when the deployment billed that day.
            const figure = read.get(key(deployment.id, day));
            const billed = billingHours.get(key(deployment.id, day));
            if (figure) actuals.set(key(deployment.id, day), figure);
            else if (billed) {
              actuals.set(key(deployment.id, day), {
                amount: 0,
                currency: 'USD',
                kind: source.kind,
                source: source.id,
              });
            }
          }
        }
        summaries.push({ id: source.id, deployments: group.length });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#logger.warn(
          `Could not read actual costs from ${source.title} for ${from} to ${to}; the days keep what was read before: ${message}`,
        );
        summaries.push({
          id: source.id,
          deployments: group.length,
          error: message,
        });
      }
    }

    const toWrite: DayToWrite[] = [];
    for (const [id, days] of timelines) {
      if (!byId.has(id)) continue;
      for (const timeline of days) {
        const actual = actuals.get(key(id, timeline.day));
        // Days it neither billed nor was charged for are left out.
        if (!timeline.billingHours && !actual?.amount) continue;
        toWrite.push({ deploymentId: id, timeline, actual });
      }
    }
    await writeDays(this.#knex, toWrite, now);
    const summary = {
      from,
      to,
      deployments: list.length,
      daysWritten: toWrite.length,
      sources: summaries,
    };
    this.#logger.info(
      `Daily costs of ${
        summary.deployments
      } deployments from ${from} to ${to}: ${
        summary.daysWritten
      } days written (${
        summaries.map(s => `${s.id}${s.error ? ' failed' : ''}`).join(', ') ||
        'no actual cost source'
      })`,
    );
    return summary;
  }

  #billedSourceFor(provider: string): ActualCostSource | undefined {
    return this.#sources.find(s => s.providers.includes(provider));
  }

  /** Back to the last day stored (after a gap), at least `lookbackDays`. */
  async #firstDay(today: string): Promise<string> {
    const latest = await latestDay(this.#knex);
    const earliest = addDays(today, -this.#backfillDays);
    if (!latest) return earliest;
    const afterGap = addDays(latest, 1 - this.#lookbackDays);
    const usual = addDays(today, -this.#lookbackDays);
    const wanted = afterGap < usual ? afterGap : usual;
    return wanted < earliest ? earliest : wanted;
  }

  async #deploymentsBetween(
    from: string,
    to: string,
    only?: readonly string[],
  ): Promise<DeploymentRow[]> {
    return deployments(this.#knex)
      .modify(qb => {
        if (only) qb.whereIn('id', only);
      })
      .where('created_at', '<', midnight(to))
      .whereNot('status', 'awaiting_approval')
      .where(qb =>
        qb
          .whereNot('status', 'destroyed')
          .orWhere('updated_at', '>=', midnight(from)),
      )
      .orderBy('created_at', 'asc');
  }

  async #timelines(
    ids: readonly string[],
    from: string,
    to: string,
    now: Date,
  ): Promise<Map<string, DayOfTimeline[]>> {
    const end = midnight(to);
    const statuses = new Map<string, StatusChange[]>();
    const estimates = new Map<string, EstimateChange[]>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK);
      const events = await deploymentEvents(this.#knex)
        .whereIn('deployment_id', chunk)
        .where('type', 'status')
        .where('created_at', '<', end)
        .orderBy('id', 'asc')
        .select('deployment_id', 'data', 'created_at');
      for (const event of events) {
        const to_ = statusTo(event.data);
        if (!to_) continue;
        const list = statuses.get(event.deployment_id) ?? [];
        list.push({ at: new Date(event.created_at).getTime(), to: to_ });
        statuses.set(event.deployment_id, list);
      }
      const revs = await revisions(this.#knex)
        .whereIn('deployment_id', chunk)
        .where('created_at', '<', end)
        .select('deployment_id', 'monthly_cost', 'cost_kind', 'created_at');
      for (const rev of revs) {
        const list = estimates.get(rev.deployment_id) ?? [];
        list.push({
          at: new Date(rev.created_at).getTime(),
          monthlyCost:
            rev.monthly_cost === null ? null : Number(rev.monthly_cost),
          costKind: rev.cost_kind,
        });
        estimates.set(rev.deployment_id, list);
      }
    }
    const days = daysBetween(from, to);
    return new Map(
      ids.map(id => [
        id,
        timelineOf({
          statuses: statuses.get(id) ?? [],
          estimates: estimates.get(id) ?? [],
          days,
          now: now.getTime(),
          hoursPerMonth: this.#hoursPerMonth,
        }),
      ]),
    );
  }
}

/**
 * The start of a UTC day as the store writes instants: ISO text, which
 * compares as text on SQLite and as a timestamp on PostgreSQL.
 */
function midnight(day: string): string {
  return `${day}T00:00:00.000Z`;
}

function key(id: string, day: string) {
  return `${id}/${day}`;
}

function statusTo(data: string | null): DeploymentStatus | undefined {
  if (!data) return undefined;
  try {
    const to = JSON.parse(data)?.to;
    return typeof to === 'string' ? (to as DeploymentStatus) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A source's figures summed per deployment and day, checked: a figure for a
 * day outside the span, a non-finite amount, or two currencies for one
 * deployment make the whole answer wrong, not partly right.
 */
function billedFigures(
  source: ActualCostSource,
  asked: readonly Deployment[],
  figures: ReadonlyArray<{
    deploymentId: string;
    day: string;
    amount: number;
    currency: string;
  }>,
  from: string,
  to: string,
): Map<string, ActualFigure> {
  const ids = new Set(asked.map(d => d.id));
  const read = new Map<string, ActualFigure>();
  for (const figure of figures) {
    if (!ids.has(figure.deploymentId)) continue;
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(figure.day) ||
      figure.day < from ||
      figure.day >= to
    ) {
      throw new Error(
        `${source.title} answered for day ${JSON.stringify(
          figure.day,
        )}, outside ${from} to ${to}`,
      );
    }
    if (
      !Number.isFinite(figure.amount) ||
      !/^[A-Z]{3}$/.test(figure.currency)
    ) {
      throw new Error(
        `${source.title} answered an amount that is not money: ${JSON.stringify(
          figure.amount,
        )} ${JSON.stringify(figure.currency)}`,
      );
    }
    const k = key(figure.deploymentId, figure.day);
    const before = read.get(k);
    if (before && before.currency !== figure.currency) {
      throw new Error(
        `${source.title} answered two currencies (${before.currency}, ${figure.currency}) for one deployment and day`,
      );
    }
    read.set(k, {
      amount: (before?.amount ?? 0) + figure.amount,
      currency: figure.currency,
      kind: source.kind,
      source: source.id,
    });
  }
  return read;
}
