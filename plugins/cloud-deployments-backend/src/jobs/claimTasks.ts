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
import { Knex } from 'knex';
import { Task, TaskRow, tasks, toTask } from './tables';

/**
 * Claims up to `limit` tasks that are due, or whose lease expired, for
 * `owner`. On PostgreSQL concurrent claims skip each other's rows
 * (`FOR UPDATE SKIP LOCKED`); SQLite serialises writers, so its transaction
 * alone makes the claim exclusive.
 */
export async function claimTasks(
  db: Knex,
  options: {
    owner: string;
    limit: number;
    leaseMs: number;
    excludeProviders?: string[];
  },
): Promise<Task[]> {
  const { owner, limit, leaseMs, excludeProviders = [] } = options;
  if (limit <= 0) return [];
  const now = new Date();
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const isPg = db.client.config.client === 'pg';

  const claimed = await db.transaction(async tx => {
    // A cancelled task whose worker died never acknowledges; let it go.
    await tasks(tx)
      .where({ state: 'cancelling' })
      .where('lease_expires_at', '<', nowIso)
      .update({ state: 'cancelled', lease_owner: null, updated_at: nowIso });

    const candidates = tasks(tx)
      .select('id', 'state')
      .where(due =>
        due
          .where(queued =>
            queued.where('state', 'queued').where('run_after', '<=', nowIso),
          )
          .orWhere(expired =>
            expired
              .where('state', 'running')
              .where('lease_expires_at', '<', nowIso),
          ),
      )
      .whereNotExists(
        tx('tasks as busy')
          .select(tx.raw('1'))
          .whereRaw('busy.deployment_id = tasks.deployment_id')
          .where('busy.state', 'cancelling'),
      )
      .modify(qb => {
        if (excludeProviders.length) {
          qb.whereNotIn('provider', excludeProviders);
        }
      })
      .orderBy('run_after', 'asc')
      .limit(limit);
    if (isPg) candidates.forUpdate().skipLocked();
    const found = (await candidates) as Array<Pick<TaskRow, 'id' | 'state'>>;
    const ids = found.map(r => r.id);
    if (!ids.length) return { rows: [], reclaimed: new Set<number>() };
    const reclaimed = new Set(
      found.filter(r => r.state === 'running').map(r => Number(r.id)),
    );

    await tasks(tx)
      .whereIn('id', ids)
      .update({
        // A reclaimed lease means the last worker died mid-step: that counts.
        attempts: tx.raw(
          `CASE WHEN state = 'running' THEN attempts + 1 ELSE attempts END`,
        ) as unknown as number,
        state: 'running',
        lease_owner: owner,
        lease_expires_at: leaseUntil,
        updated_at: nowIso,
      });
    const rows = await tasks(tx)
      .whereIn('id', ids)
      .where({ lease_owner: owner, state: 'running' })
      .orderBy('run_after', 'asc');
    return { rows, reclaimed };
  });
  return (claimed.rows as TaskRow[]).map(row => ({
    ...toTask(row),
    ...(claimed.reclaimed.has(Number(row.id)) ? { reclaimed: true } : {}),
  }));
}
