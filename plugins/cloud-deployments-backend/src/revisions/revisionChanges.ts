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
import { isDeepStrictEqual } from 'node:util';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CostEstimate,
  RevisionChange,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { Actor } from '../database/DeploymentStore';
import { DeploymentRow } from '../database/tables';
import { costColumns, RevisionRow, revisions } from './revisionRows';

// The writes of revisions. Each runs inside the transaction that changes the
// deployment's spec or settles its task, after the deployment's row was
// updated: on PostgreSQL that update holds the row, so two changes of one
// deployment number their revisions one after the other (and the primary key
// on deployment and number refuses a duplicate if anything slipped through).

/** The number of a deployment's newest revision, 0 before its first. */
export async function currentRevision(
  db: Knex | Knex.Transaction,
  deploymentId: string,
): Promise<number> {
  const row = await revisions(db)
    .where({ deployment_id: deploymentId })
    .max({ n: 'number' })
    .first();
  return Number(row?.n ?? 0);
}

/** Revision 1 of a deployment created to start at once (in its create's transaction). */
export function firstRevision(
  deployment: Pick<DeploymentRow, 'id' | 'spec'>,
  estimate: CostEstimate | undefined,
  actor: Actor,
  now: string,
): RevisionRow {
  return {
    deployment_id: deployment.id,
    number: 1,
    spec: deployment.spec,
    ...costColumns(estimate),
    change: 'create',
    rollback_to: null,
    approved_by: null,
    reason: null,
    created_by: actor.ref,
    created_at: now,
    outcome: 'pending',
    settled_at: null,
  };
}

/**
 * Records `spec` as the deployment's next revision, `pending` until its task
 * settles; a pending older one never ran to the end and is superseded.
 */
export async function recordRevision(
  tx: Knex.Transaction,
  deploymentId: string,
  revision: {
    /** The spec as stored in the deployment's row (JSON). */
    spec: string;
    estimate?: CostEstimate;
    change: RevisionChange;
    rollbackTo?: number;
    approvedBy?: string;
    reason?: string;
    actor: Actor;
    now: string;
  },
): Promise<number> {
  await supersedePending(tx, deploymentId, revision.now);
  const number = (await currentRevision(tx, deploymentId)) + 1;
  await revisions(tx).insert({
    deployment_id: deploymentId,
    number,
    spec: revision.spec,
    ...costColumns(revision.estimate),
    change: revision.change,
    rollback_to: revision.rollbackTo ?? null,
    approved_by: revision.approvedBy ?? null,
    reason: revision.reason ?? null,
    created_by: revision.actor.ref,
    created_at: revision.now,
    outcome: 'pending',
    settled_at: null,
  });
  return number;
}

/** A revision still pending will never settle: a newer spec or a destroy replaced it. */
export async function supersedePending(
  tx: Knex.Transaction,
  deploymentId: string,
  now: string,
): Promise<void> {
  await revisions(tx)
    .where({ deployment_id: deploymentId, outcome: 'pending' })
    .update({ outcome: 'superseded', settled_at: now });
}

/**
 * Records what applying the current revision came to. It is the latest
 * attempt that counts: a failed revision applied again (a redeploy) and
 * reaching active is active.
 */
export async function settleRevision(
  tx: Knex.Transaction,
  deploymentId: string,
  outcome: 'active' | 'failed',
  now: string,
): Promise<void> {
  const number = await currentRevision(tx, deploymentId);
  if (number === 0) return;
  await revisions(tx)
    .where({ deployment_id: deploymentId, number })
    .update({ outcome, settled_at: now });
}

/**
 * The revision a rollback restores: `requested`, or the one before the
 * current. NotFoundError when it does not exist, ConflictError when there is
 * none before the current one or it has the deployment's spec already.
 */
export async function rollbackTarget(
  db: Knex | Knex.Transaction,
  deployment: Pick<DeploymentRow, 'id' | 'name' | 'spec'>,
  requested: number | undefined,
): Promise<RevisionRow> {
  const current = await currentRevision(db, deployment.id);
  if (current === 0) {
    throw new ConflictError(
      `Deployment ${deployment.name} has no revisions yet, so there is nothing to roll back to`,
    );
  }
  if (requested === undefined && current === 1) {
    throw new ConflictError(
      `Deployment ${deployment.name} has only revision 1; there is no earlier revision to roll back to`,
    );
  }
  const number = requested ?? current - 1;
  const target = await revisions(db)
    .where({ deployment_id: deployment.id, number })
    .first();
  if (!target) {
    throw new NotFoundError(
      `Deployment ${deployment.name} has no revision ${number} (its revisions are 1 to ${current})`,
    );
  }
  // Compared as values: the same spec may have been written in another key order.
  if (isDeepStrictEqual(JSON.parse(target.spec), JSON.parse(deployment.spec))) {
    throw new ConflictError(
      number === current
        ? `Revision ${number} is the current revision of ${deployment.name}; pick an earlier one to roll back to`
        : `Revision ${number} has the spec ${deployment.name} has now (revision ${current}); rolling back to it would change nothing`,
    );
  }
  return target;
}
