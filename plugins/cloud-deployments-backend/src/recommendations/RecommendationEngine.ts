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
import { DeploymentProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  TaggedCloudResource,
  UsageMetricsSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { toDeployment } from '../database/deploymentRows';
import { deployments, DeploymentRow, toIsoString } from '../database/tables';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { EstimationService } from '../pricing/EstimationService';
import { addDays, utcDay } from '../costs/billingTimeline';
import { Finding, SpecPricer } from './findings';
import { isUuid } from '../service/validation';
import {
  fingerprintOf,
  RecommendationRow,
  recommendationRows,
  recommendationRuns,
} from './recommendationRows';
import { findCommitments } from './rules/commitments';
import { findIdle, TrafficReading } from './rules/idle';
import { findOrphans, TaggedDeployment } from './rules/orphaned';
import { findRightsizing } from './rules/rightsizing';

/** Settled deployments: the ones whose size and traffic mean something. */
const SETTLED = ['active', 'drifted'];

const ID_CHUNK = 500;

/** What one computation found and changed. */
export type RecommendationRunSummary = {
  found: number;
  opened: number;
  resolved: number;
  gaps: string[];
};

/**
 * Finds savings (idle, rightsizing, commitment, orphaned) and keeps them in
 * `cost_recommendations`: a new finding opens a recommendation, one found
 * again is refreshed (its status kept: a dismissal holds), and an open or
 * accepted one no longer found is `done` — but only where this run could
 * look: a metrics source or a provider listing that failed resolves nothing
 * it covers, and is reported as a gap.
 */
export class RecommendationEngine {
  readonly #knex: Knex;
  readonly #estimates: EstimationService;
  readonly #providers: ProviderRegistry;
  readonly #metrics: readonly UsageMetricsSource[];
  readonly #logger: LoggerService;
  readonly #clock: () => Date;
  readonly #idleDays: number;
  readonly #steadyDays: number;

  constructor(options: {
    knex: Knex;
    estimates: EstimationService;
    providers: ProviderRegistry;
    metrics: readonly UsageMetricsSource[];
    logger: LoggerService;
    clock?: () => Date;
    idleDays?: number;
    steadyDays?: number;
  }) {
    this.#knex = options.knex;
    this.#estimates = options.estimates;
    this.#providers = options.providers;
    this.#metrics = options.metrics;
    this.#logger = options.logger;
    this.#clock = options.clock ?? (() => new Date());
    this.#idleDays = options.idleDays ?? 7;
    this.#steadyDays = options.steadyDays ?? 30;
  }

  /** The metrics sources read, for messages. */
  get metricsSources(): readonly UsageMetricsSource[] {
    return this.#metrics;
  }

  async compute(signal?: AbortSignal): Promise<RecommendationRunSummary> {
    const now = this.#clock();
    const today = utcDay(now.getTime());
    const days = Array.from({ length: this.#idleDays }, (_, i) =>
      addDays(today, i - this.#idleDays),
    );
    const rows: DeploymentRow[] = await deployments(this.#knex).whereIn(
      'status',
      SETTLED,
    );
    const live = rows.map(toDeployment);
    const price: SpecPricer = spec => {
      try {
        return this.#estimates.estimate({
          provider: spec.provider,
          region: spec.region,
          compute: spec.compute ?? {},
          usage: spec.usage,
        });
      } catch {
        return undefined;
      }
    };
    const gaps: string[] = [];

    // Idle: one read per metrics source, over the deployments it covers.
    const readings = new Map<string, TrafficReading>();
    for (const source of this.#metrics) {
      const covered = live.filter(d =>
        source.providers.includes(d.spec.provider),
      );
      if (covered.length === 0) continue;
      try {
        const traffic = await source.dailyTraffic({
          deployments: covered,
          from: days[0],
          to: today,
          signal,
        });
        const amounts = new Map<string, Map<string, number>>();
        for (const t of traffic) {
          if (!Number.isFinite(t.amount)) continue;
          const byDay = amounts.get(t.deploymentId) ?? new Map();
          byDay.set(t.day, (byDay.get(t.day) ?? 0) + t.amount);
          amounts.set(t.deploymentId, byDay);
        }
        const reading = {
          sourceTitle: source.title,
          metric: source.metric,
          amounts,
        };
        for (const d of covered) readings.set(d.id, reading);
      } catch (error) {
        if (signal?.aborted) throw error;
        gaps.push(
          `${source.title}: traffic could not be read (${
            (error as Error).message
          }); idle deployments of ${source.providers.join(
            ', ',
          )} not looked for`,
        );
      }
    }
    const unmeasured = [
      ...new Set(
        live
          .filter(
            d =>
              !this.#metrics.some(s => s.providers.includes(d.spec.provider)),
          )
          .map(d => d.spec.provider),
      ),
    ];
    if (unmeasured.length) {
      gaps.push(
        `no metrics source for ${unmeasured.join(
          ', ',
        )}: idle deployments there not looked for`,
      );
    }

    const findings: Finding[] = [
      ...findIdle({
        deployments: live,
        readingOf: d => readings.get(d.id),
        days,
        now,
        price,
      }),
      ...findRightsizing({
        deployments: live,
        catalog: this.#estimates.catalog,
        price,
      }),
      ...findCommitments({
        deployments: live,
        steadyDays: this.#steadyDays,
        now,
        price,
      }),
    ];

    // Orphans: every provider that can list what it tagged.
    const listedProviders = new Set<string>();
    for (const provider of this.#providers.list()) {
      if (!provider.listTaggedResources) {
        gaps.push(
          `${provider.title} cannot list the resources it tagged: orphans not looked for`,
        );
        continue;
      }
      let resources: TaggedCloudResource[];
      try {
        resources = await provider.listTaggedResources({
          signal: signal ?? new AbortController().signal,
          logger: this.#logger,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        gaps.push(
          `${provider.title}: tagged resources could not be listed (${
            (error as Error).message
          }); orphans not looked for`,
        );
        continue;
      }
      listedProviders.add(provider.id);
      const tagged = await this.#taggedDeployments(resources);
      findings.push(
        ...findOrphans({
          provider: provider.id as DeploymentProvider,
          providerTitle: provider.title,
          resources,
          deploymentOf: id => tagged.get(id),
          now,
          price,
        }),
      );
    }

    const liveIds = new Set(live.map(d => d.id));
    const covered = (row: RecommendationRow) => {
      if (row.kind === 'orphaned') return listedProviders.has(row.provider);
      if (!row.deployment_id || !liveIds.has(row.deployment_id)) return true;
      return row.kind === 'idle' ? readings.has(row.deployment_id) : true;
    };
    const summary = await this.#store(findings, covered, now, gaps);
    this.#logger.info(
      `Recommendations: ${summary.found} found, ${summary.opened} new, ${
        summary.resolved
      } resolved${gaps.length ? `; not looked at: ${gaps.join('; ')}` : ''}`,
    );
    return summary;
  }

  async #taggedDeployments(
    resources: readonly TaggedCloudResource[],
  ): Promise<Map<string, TaggedDeployment>> {
    const ids = [
      ...new Set(resources.map(r => r.deploymentId).filter(id => isUuid(id))),
    ];
    const found = new Map<string, TaggedDeployment>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows: DeploymentRow[] = await deployments(this.#knex).whereIn(
        'id',
        ids.slice(i, i + ID_CHUNK),
      );
      for (const row of rows) {
        found.set(row.id, {
          id: row.id,
          name: row.name,
          status: row.status,
          updatedAt: toIsoString(row.updated_at),
        });
      }
    }
    return found;
  }

  async #store(
    findings: Finding[],
    covered: (row: RecommendationRow) => boolean,
    now: Date,
    gaps: string[],
  ): Promise<RecommendationRunSummary> {
    const at = now.toISOString();
    let opened = 0;
    let resolved = 0;
    const byFingerprint = new Map<string, Finding>();
    for (const f of findings)
      byFingerprint.set(fingerprintOf(f.kind, f.subject), f);
    await this.#knex.transaction(async tx => {
      const existing: RecommendationRow[] = await recommendationRows(
        tx,
      ).select();
      const known = new Map(existing.map(r => [r.fingerprint, r]));
      const seen: string[] = [];
      const inserts: RecommendationRow[] = [];
      for (const [fingerprint, f] of byFingerprint) {
        const fields = {
          provider: f.provider,
          deployment_id: f.deploymentId ?? null,
          title: f.title,
          detail: f.detail,
          evidence: JSON.stringify(f.evidence),
          proposal: JSON.stringify(f.proposal),
          savings: JSON.stringify(f.savings),
          monthly_savings: f.savings.monthlyTotal,
          resource: f.resource ? JSON.stringify(f.resource) : null,
          last_seen_at: at,
        };
        const row = known.get(fingerprint);
        if (!row) {
          opened += 1;
          inserts.push({
            id: randomUUID(),
            fingerprint,
            kind: f.kind,
            status: 'open',
            ...fields,
            created_at: at,
            status_changed_at: at,
            status_changed_by: 'system',
            status_reason: null,
            version: 1,
          });
        } else if (row.status === 'done') {
          opened += 1;
          await recommendationRows(tx)
            .where('id', row.id)
            .update({
              ...fields,
              status: 'open',
              status_changed_at: at,
              status_changed_by: 'system',
              status_reason: 'found again',
              version: Number(row.version) + 1,
            });
        } else {
          seen.push(row.id);
          // Most findings are the same run after run: written only when changed.
          const { last_seen_at: _seen, ...content } = fields;
          const changed = (
            Object.keys(content) as Array<keyof typeof content>
          ).some(key => String(row[key] ?? '') !== String(content[key] ?? ''));
          if (changed) {
            await recommendationRows(tx).where('id', row.id).update(content);
          }
        }
      }
      // Rows of 19 columns: 40 a statement stays under SQLite's 999 variables.
      for (let i = 0; i < inserts.length; i += 40) {
        await recommendationRows(tx).insert(inserts.slice(i, i + 40));
      }
      for (let i = 0; i < seen.length; i += ID_CHUNK) {
        await recommendationRows(tx)
          .whereIn('id', seen.slice(i, i + ID_CHUNK))
          .update({ last_seen_at: at });
      }
      for (const row of existing) {
        if (byFingerprint.has(row.fingerprint)) continue;
        if (row.status !== 'open' && row.status !== 'accepted') continue;
        if (!covered(row)) continue;
        resolved += 1;
        await recommendationRows(tx)
          .where('id', row.id)
          .update({
            status: 'done',
            status_changed_at: at,
            status_changed_by: 'system',
            status_reason:
              row.status === 'accepted'
                ? 'the accepted change was made'
                : 'no longer applies',
            version: Number(row.version) + 1,
          });
      }
      await recommendationRuns(tx)
        .insert({ id: 'last', computed_at: at, gaps: JSON.stringify(gaps) })
        .onConflict('id')
        .merge();
    });
    return { found: byFingerprint.size, opened, resolved, gaps };
  }
}
