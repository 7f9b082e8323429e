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
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { approvalRow, describeRequest } from '../approvals/approvalChanges';
import { approvals } from '../approvals/approvalRows';
import { firstRevision } from '../revisions/revisionChanges';
import { revisions } from '../revisions/revisionRows';
import { newDeploymentRow, toDeployment } from './deploymentRows';
import {
  Actor,
  Admission,
  BudgetScope,
  BudgetStanding,
  NewDeployment,
} from './DeploymentStore';
import { appendEvent } from './eventLog';
import { TaskSink } from './TaskSink';
import { withLiveNames } from './liveNames';
import { deployments } from './tables';

/** The statuses whose estimates a budget has committed to. */
const COMMITTED_STATUSES = ['pending', ...BILLING_STATUSES];

/**
 * Creates a deployment as `admit` decides from the budgets' standing, in one
 * transaction that holds the budgets' rows: of two creations that each fit a
 * budget but not together, the second reads the first's estimate and is
 * decided on it, on PostgreSQL across replicas (the rows are locked `FOR
 * UPDATE`) and on SQLite (one writer at a time). `admit` throws to refuse.
 */
export async function createAdmitted(
  db: Knex,
  tasks: TaskSink,
  input: NewDeployment,
  actor: Actor,
  options: {
    budgets: BudgetScope[];
    admit: (standings: BudgetStanding[]) => Admission;
  },
): Promise<Deployment> {
  return withLiveNames(db, input, resourceName =>
    db.transaction(async tx => {
      const standings = await standingOf(tx, options.budgets, { lock: true });
      const admission = options.admit(standings);
      const now = new Date().toISOString();
      const status =
        admission.outcome === 'allow' ? 'pending' : 'awaiting_approval';
      const row = newDeploymentRow(
        input,
        resourceName,
        actor,
        now,
        status,
        admission.outcome === 'approval'
          ? describeRequest(admission.approval)
          : null,
      );
      await deployments(tx).insert(row);
      await appendEvent(tx, row.id, 'created', actor, now, {
        message: `Created by ${actor.ref}`,
        data: { status },
      });
      if (admission.outcome === 'allow') {
        await revisions(tx).insert(
          firstRevision(row, input.estimate, actor, now),
        );
        await tasks.enqueueFirst(tx, [
          {
            kind: admission.task.kind,
            deploymentId: row.id,
            provider: input.spec.provider,
            requestedBy: actor.ref,
            maxAttempts: admission.task.maxAttempts,
          },
        ]);
      } else {
        const approval = approvalRow(
          row.id,
          admission.approval,
          row.version,
          actor,
          now,
        );
        await approvals(tx).insert(approval);
        await appendEvent(tx, row.id, 'approval', actor, now, {
          message: `${describeRequest(admission.approval)}, requested by ${
            actor.ref
          }`,
          data: { approvalId: approval.id, status: approval.status },
        });
      }
      return toDeployment({ ...row, seq: 0 });
    }),
  );
}

/**
 * What budgets' scopes have committed; with `lock`, holding the budgets'
 * rows until the transaction ends.
 */
export async function standingOf(
  tx: Knex | Knex.Transaction,
  budgets: BudgetScope[],
  options: { lock: boolean } = { lock: false },
): Promise<BudgetStanding[]> {
  if (budgets.length === 0) return [];
  const ids = budgets.map(b => b.id).sort();
  // Lock in one order, so two creations cannot each hold what the other wants.
  if (options.lock && tx.client.config.client === 'pg') {
    await tx('budgets')
      .whereIn('id', ids)
      .orderBy('id')
      .forUpdate()
      .select('id');
  }
  const standings: BudgetStanding[] = [];
  for (const budget of budgets) {
    const [sums] = await deployments(tx)
      .where({ owner: budget.owner })
      .modify(qb => {
        if (budget.system) qb.where({ system: budget.system });
        if (budget.environment) {
          qb.where({ environment: budget.environment });
        }
      })
      .whereIn('status', COMMITTED_STATUSES)
      .select(
        tx.raw('COALESCE(SUM(estimated_monthly_cost), 0) AS committed'),
        tx.raw(
          `SUM(CASE WHEN estimate_total_kind IS NULL OR estimate_total_kind NOT IN ('exact', 'approximate') THEN 1 ELSE 0 END) AS unpriced`,
        ),
      );
    const row = sums as unknown as { committed: unknown; unpriced: unknown };
    standings.push({
      budget,
      committed: Math.round(Number(row.committed ?? 0) * 100) / 100,
      complete: Number(row.unpriced ?? 0) === 0,
    });
  }
  return standings;
}
