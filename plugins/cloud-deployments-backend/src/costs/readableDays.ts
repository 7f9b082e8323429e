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
  DailyCostRecord,
  normalizeEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CloudDeploymentPermissionQuery } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Knex } from 'knex';
import { toDeployment } from '../database/deploymentRows';
import { applyPermissionFilter } from '../database/permissionFilter';
import { DeploymentRow, deployments } from '../database/tables';
import { ttlExpiry } from '../reconcile/ttl';
import { dailyCosts, readDays } from './dailyCostRows';
import { LiveDeployment } from './forecast';

/** A caller's read filter; undefined: every deployment. */
export type ReadFilter =
  | PermissionCriteria<CloudDeploymentPermissionQuery>
  | undefined;

const ID_CHUNK = 500;

/**
 * The deployments the caller may read with days stored in the span, and
 * those days; days from `today` on are days so far.
 */
export async function readableDays(
  knex: Knex,
  permission: ReadFilter,
  span: { from: string; to: string },
  today: string,
): Promise<{
  readable: DeploymentRow[];
  records: Array<DailyCostRecord & { deploymentId: string }>;
}> {
  const withDays: string[] = (
    await dailyCosts(knex)
      .where('day', '>=', span.from)
      .where('day', '<', span.to)
      .distinct('deployment_id')
  ).map(r => r.deployment_id);
  const readable: DeploymentRow[] = [];
  for (let i = 0; i < withDays.length; i += ID_CHUNK) {
    readable.push(
      ...(await deployments(knex)
        .whereIn('id', withDays.slice(i, i + ID_CHUNK))
        .modify(qb => {
          if (permission) applyPermissionFilter(qb, permission);
        })),
    );
  }
  const records = await readDays(
    knex,
    readable.map(r => r.id),
    span,
    today,
  );
  return { readable, records };
}

/**
 * The deployments the caller may read that bill now, each with its row and
 * its current estimate as the forecast counts it.
 */
export async function liveDeployments(
  knex: Knex,
  permission: ReadFilter,
): Promise<Array<{ row: DeploymentRow; live: LiveDeployment }>> {
  const rows: DeploymentRow[] = await deployments(knex)
    .whereIn('status', [...BILLING_STATUSES])
    .modify(qb => {
      if (permission) applyPermissionFilter(qb, permission);
    });
  return rows.map(row => {
    const estimate = row.estimate
      ? normalizeEstimate(JSON.parse(row.estimate))
      : undefined;
    const kind = estimate?.totalKind ?? 'unknown';
    return {
      row,
      live: {
        id: row.id,
        name: row.name,
        monthly: kind === 'unknown' ? null : estimate!.pricedSubtotal,
        kind,
        expiresAt: ttlExpiry(toDeployment(row)),
      },
    };
  });
}
