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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { toDeployment } from './deploymentRows';
import { Actor } from './DeploymentStore';
import { deploymentEvents, deployments } from './tables';

/** Rows per transaction when reconciliation records drift. */
const DRIFT_BATCH = 500;

/** DeploymentStore.markDrifted: a transaction per batch of deployments. */
export async function markDrifted(
  db: Knex,
  drifted: Array<{ id: string; reason: string }>,
  actor: Actor,
): Promise<Deployment[]> {
  const changedIds: string[] = [];
  const reasons = new Map(drifted.map(d => [d.id, d.reason]));
  for (let i = 0; i < drifted.length; i += DRIFT_BATCH) {
    const ids = drifted.slice(i, i + DRIFT_BATCH).map(d => d.id);
    await db.transaction(async tx => {
      const rows = await deployments(tx)
        .whereIn('id', ids)
        .where({ status: 'active' })
        .select('id', 'version');
      const now = new Date().toISOString();
      const events = [];
      for (const row of rows) {
        const reason = reasons.get(row.id)!;
        const updated = await deployments(tx)
          .where({ id: row.id, status: 'active', version: row.version })
          .update({
            status: 'failed',
            status_reason: reason,
            updated_by: actor.ref,
            updated_at: now,
            version: row.version + 1,
          });
        if (updated !== 1) continue;
        changedIds.push(row.id);
        events.push({
          deployment_id: row.id,
          type: 'status',
          message: `active → failed: ${reason} (${actor.ref})`,
          data: JSON.stringify({
            from: 'active',
            to: 'failed',
            reason,
            drift: true,
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
