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
  DeploymentStatus,
  DriftField,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { isDeepStrictEqual } from 'node:util';
import { Knex } from 'knex';
import { toDeployment } from './deploymentRows';
import { Actor, DriftFinding } from './DeploymentStore';
import { DeploymentRow, deploymentEvents, deployments } from './tables';

/** Rows per transaction when reconciliation records drift. */
const DRIFT_BATCH = 500;

/** The statuses reconciliation looks at, and so may move. */
const WATCHED: DeploymentStatus[] = ['active', 'drifted'];

/**
 * DeploymentStore.markDrifted: a transaction per batch of findings. Each
 * row is moved only from a status reconciliation watches, at the version it
 * read, so a change a person makes meanwhile wins.
 */
export async function markDrifted(
  db: Knex,
  findings: DriftFinding[],
  actor: Actor,
): Promise<Deployment[]> {
  const changedIds: string[] = [];
  const byId = new Map(findings.map(f => [f.id, f]));
  for (let i = 0; i < findings.length; i += DRIFT_BATCH) {
    const ids = findings.slice(i, i + DRIFT_BATCH).map(f => f.id);
    await db.transaction(async tx => {
      const rows: Pick<DeploymentRow, 'id' | 'version' | 'status' | 'drift'>[] =
        await deployments(tx)
          .whereIn('id', ids)
          .whereIn('status', WATCHED)
          .select('id', 'version', 'status', 'drift');
      const now = new Date().toISOString();
      const events = [];
      for (const row of rows) {
        const finding = byId.get(row.id)!;
        const from = row.status as DeploymentStatus;
        const patch = patchFor(finding, row, now);
        if (!patch) continue;
        const updated = await deployments(tx)
          .where({ id: row.id, status: from, version: row.version })
          .update({
            ...patch,
            updated_by: actor.ref,
            updated_at: now,
            version: row.version + 1,
          });
        if (updated !== 1 || patch.status === from) continue;
        changedIds.push(row.id);
        const fields =
          finding.status === 'drifted' ? finding.fields : undefined;
        events.push({
          deployment_id: row.id,
          type: 'status',
          message: `${from} → ${finding.status}: ${finding.reason} (${actor.ref})`,
          data: JSON.stringify({
            from,
            to: finding.status,
            reason: finding.reason,
            drift: true,
            ...(fields ? { fields } : {}),
          }),
          actor: actor.ref,
          created_at: now,
        });
      }
      if (events.length) await deploymentEvents(tx).insert(events);
    });
  }
  const changed: Deployment[] = [];
  for (let i = 0; i < changedIds.length; i += DRIFT_BATCH) {
    const rows = await deployments(db).whereIn(
      'id',
      changedIds.slice(i, i + DRIFT_BATCH),
    );
    changed.push(...rows.map(toDeployment));
  }
  return changed;
}

/**
 * The columns a finding changes, or nothing when the row already says it
 * (a drift seen again with the same fields, a deployment back in shape).
 */
function patchFor(
  finding: DriftFinding,
  row: Pick<DeploymentRow, 'status' | 'drift'>,
  now: string,
): Partial<DeploymentRow> | undefined {
  if (finding.status === 'active') {
    if (row.status !== 'drifted') return undefined;
    return { status: 'active', status_reason: finding.reason, drift: null };
  }
  if (finding.status === 'failed') {
    return { status: 'failed', status_reason: finding.reason, drift: null };
  }
  const previous = row.drift ? JSON.parse(row.drift) : undefined;
  if (
    row.status === 'drifted' &&
    isDeepStrictEqual(previous?.fields, finding.fields)
  ) {
    return undefined;
  }
  // A drift that changes shape keeps the time it was first found.
  const detectedAt: string =
    row.status === 'drifted' && previous?.detectedAt
      ? previous.detectedAt
      : now;
  return {
    status: 'drifted',
    status_reason: finding.reason,
    drift: JSON.stringify({
      fields: finding.fields satisfies DriftField[],
      detectedAt,
    }),
  };
}
