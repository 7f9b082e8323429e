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
import { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  cloudDeploymentReadPermission,
  cloudDeploymentUpdatePermission,
  combineTotals,
  describeMonthlyCost,
  listRecommendationsQuerySchema,
  PriceKind,
  Recommendation,
  RecommendationList,
  RecommendationSavings,
  updateRecommendationRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { toDeployment } from '../database/deploymentRows';
import { applyPermissionFilter } from '../database/permissionFilter';
import { DeploymentRow, deployments, toIsoString } from '../database/tables';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import { actorOf, audited, Caller } from '../service/caller';
import {
  isUuid,
  parseInput,
  parseRecommendationId,
} from '../service/validation';
import {
  RecommendationRow,
  recommendationRows,
  recommendationRuns,
  toRecommendation,
} from './recommendationRows';

const ID_CHUNK = 500;

/** The statuses listed when the query names none: what still asks for a decision or a change. */
const DEFAULT_STATUSES = ['open', 'accepted'];

/** Adds up savings: as sure as the least sure, `unknown` counted apart. */
export function sumSavings(
  savings: readonly RecommendationSavings[],
): RecommendationSavings {
  const total = combineTotals([...savings]);
  const lineKinds: Record<PriceKind, number> = {
    exact: 0,
    approximate: 0,
    missing: 0,
  };
  for (const s of savings) {
    for (const kind of Object.keys(lineKinds) as PriceKind[]) {
      lineKinds[kind] += s.lineKinds[kind];
    }
  }
  const unknown = savings.filter(s => s.totalKind === 'unknown').length;
  // A commitment's unknown saving has no unpriced line, but still leaves the sum open.
  const kind =
    unknown > 0 && total.totalKind !== 'unknown' ? 'partial' : total.totalKind;
  const sum = {
    ...total,
    totalKind: kind,
    monthlyTotal:
      kind === 'exact' || kind === 'approximate' ? total.pricedSubtotal : null,
    complete: kind === 'exact',
  };
  let description = describeMonthlyCost(sum, ' a month');
  if (unknown > 0 && sum.missingLines === 0) {
    description =
      kind === 'unknown'
        ? `unknown, ${unknown} without a figure`
        : `≥ ${describeMonthlyCost(
            { ...sum, totalKind: 'exact' },
            ' a month',
          )}, ${unknown} without a figure`;
  }
  return {
    currency: 'USD',
    ...sum,
    description,
    lineKinds,
    ...(unknown
      ? { note: `${unknown} recommendation(s) without a figure` }
      : {}),
  };
}

/**
 * Reading recommendations and changing their status. A recommendation about
 * a deployment is read with the deployment (`cloud.deployment.read`) and
 * decided on with the right to change it (`cloud.deployment.update`); one
 * about a resource of no known deployment only by those allowed to read and
 * change every deployment. Accepting changes nothing in the cloud.
 */
export class RecommendationService {
  readonly #knex: Knex;
  readonly #authorizer: DeploymentAuthorizer;
  readonly #auditor: AuditorService;

  constructor(options: {
    knex: Knex;
    authorizer: DeploymentAuthorizer;
    auditor: AuditorService;
  }) {
    this.#knex = options.knex;
    this.#authorizer = options.authorizer;
    this.#auditor = options.auditor;
  }

  async list(query: unknown, caller: Caller): Promise<RecommendationList> {
    const { status, kind, deploymentId } = parseInput(
      listRecommendationsQuerySchema,
      query,
      'query',
    );
    const permission = await this.#authorizer.readFilter(
      caller,
      cloudDeploymentReadPermission,
    );
    const rows: RecommendationRow[] = await recommendationRows(this.#knex)
      .whereIn('status', status ?? DEFAULT_STATUSES)
      .modify(qb => {
        if (kind) qb.whereIn('kind', kind);
        if (deploymentId !== undefined) {
          // Not a uuid matches nothing; PostgreSQL would refuse the comparison.
          if (isUuid(deploymentId)) {
            qb.where('deployment_id', deploymentId.toLowerCase());
          } else qb.whereRaw('1 = 0');
        }
      });

    const named = await this.#readable(
      rows.flatMap(r => (r.deployment_id ? [r.deployment_id] : [])),
      permission,
    );
    // Largest savings first, those without a figure last (sorted here: the
    // databases order NULLs differently).
    rows.sort(
      (a, b) =>
        (b.monthly_savings ?? -Infinity) - (a.monthly_savings ?? -Infinity) ||
        toIsoString(a.created_at).localeCompare(toIsoString(b.created_at)) ||
        a.id.localeCompare(b.id),
    );
    const items = rows.flatMap(row => {
      if (!row.deployment_id) return permission ? [] : [toRecommendation(row)];
      const deployment = named.get(row.deployment_id);
      return deployment ? [toRecommendation(row, deployment)] : [];
    });
    const run = await recommendationRuns(this.#knex)
      .where('id', 'last')
      .first();
    return {
      items,
      openSavings: sumSavings(
        items.filter(i => i.status === 'open').map(i => i.savings),
      ),
      ...(run ? { computedAt: toIsoString(run.computed_at) } : {}),
      gaps: run ? JSON.parse(run.gaps) : [],
    };
  }

  /** Accepts, dismisses or reopens one, at the version it was read at. */
  async update(
    rawId: string,
    body: unknown,
    caller: Caller,
  ): Promise<Recommendation> {
    return audited(
      this.#auditor,
      {
        eventId: 'recommendation-update',
        caller,
        meta: { recommendationId: rawId },
        resultMeta: r => ({ status: r.status }),
      },
      async () => {
        const id = parseRecommendationId(rawId);
        const { status, version, reason } = parseInput(
          updateRecommendationRequestSchema,
          body,
          'change',
        );
        const row = await recommendationRows(this.#knex)
          .where('id', id)
          .first();
        // Not readable is not found: a 404 says nothing of what exists.
        const deployment = await this.#authorize(row, caller);
        if (!row) throw new NotFoundError(`No recommendation with id ${id}`);
        if (row.status === 'done') {
          throw new ConflictError(
            `Recommendation ${id} is done (${
              row.status_reason ?? 'it no longer applies'
            }); it cannot change`,
          );
        }
        const at = new Date().toISOString();
        const changed = await recommendationRows(this.#knex)
          .where({ id, version })
          .update({
            status,
            status_changed_at: at,
            status_changed_by: (await actorOf(caller)).ref,
            status_reason: reason ?? null,
            version: version + 1,
          });
        if (changed === 0) {
          throw new ConflictError(
            `Recommendation ${id} has changed since version ${version}; read it again`,
          );
        }
        const updated = await recommendationRows(this.#knex)
          .where('id', id)
          .first();
        return toRecommendation(updated!, deployment);
      },
    );
  }

  async #authorize(row: RecommendationRow | undefined, caller: Caller) {
    const read = await this.#authorizer.decide(
      caller,
      cloudDeploymentReadPermission,
    );
    const update = await this.#authorizer.decide(
      caller,
      cloudDeploymentUpdatePermission,
    );
    if (!row) return undefined;
    if (!row.deployment_id) {
      // A resource of no deployment: only for those who may change them all.
      const all = await this.#authorizer.readFilter(
        caller,
        cloudDeploymentUpdatePermission,
      );
      if (all) {
        throw new NotFoundError(`No recommendation with id ${row.id}`);
      }
      return undefined;
    }
    const deploymentRow: DeploymentRow | undefined = await deployments(
      this.#knex,
    )
      .where('id', row.deployment_id)
      .first();
    if (!deploymentRow) {
      throw new NotFoundError(`No recommendation with id ${row.id}`);
    }
    const deployment = toDeployment(deploymentRow);
    if (!read.allows(subjectOf(deployment))) {
      throw new NotFoundError(`No recommendation with id ${row.id}`);
    }
    this.#authorizer.assert(
      update,
      subjectOf(deployment),
      `deployment ${deployment.name}`,
    );
    return {
      name: deployment.name,
      environment: deployment.spec.environment,
      owner: deployment.spec.owner,
    };
  }

  /** The named parts of the deployments among `ids` the caller may read. */
  async #readable(
    ids: string[],
    permission: Awaited<ReturnType<DeploymentAuthorizer['readFilter']>>,
  ) {
    const unique = [...new Set(ids)];
    const named = new Map<
      string,
      { name: string; environment: string; owner: string }
    >();
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      const rows: DeploymentRow[] = await deployments(this.#knex)
        .whereIn('id', unique.slice(i, i + ID_CHUNK))
        .modify(qb => {
          if (permission) applyPermissionFilter(qb, permission);
        });
      for (const row of rows) {
        named.set(row.id, {
          name: row.name,
          environment: row.environment,
          owner: row.owner,
        });
      }
    }
    return named;
  }
}
