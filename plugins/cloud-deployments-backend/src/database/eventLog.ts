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
  Deployment,
  DeploymentEvent,
  DeploymentEventType,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { Actor, DeploymentChange } from './DeploymentStore';
import { DeploymentEventRow, deploymentEvents, toIsoString } from './tables';

// A deployment's event log: the rows changes append, and the reads of it.

export async function appendEvent(
  tx: Knex.Transaction,
  deploymentId: string,
  type: DeploymentEventType,
  actor: Actor,
  at: string,
  event: { message: string; data?: Record<string, unknown> },
) {
  await deploymentEvents(tx).insert(
    eventRow(deploymentId, type, actor, at, event),
  );
}

export function eventRow(
  deploymentId: string,
  type: DeploymentEventType,
  actor: Actor,
  at: string,
  event: { message: string; data?: Record<string, unknown> },
): Omit<DeploymentEventRow, 'id'> {
  return {
    deployment_id: deploymentId,
    type,
    message: event.message,
    data: event.data ? JSON.stringify(event.data) : null,
    actor: actor.ref,
    created_at: at,
  };
}

export function toEvent(row: DeploymentEventRow): DeploymentEvent {
  return {
    id: Number(row.id),
    deploymentId: row.deployment_id,
    type: row.type as DeploymentEventType,
    message: row.message,
    ...(row.data ? { data: JSON.parse(row.data) } : {}),
    actor: row.actor,
    createdAt: toIsoString(row.created_at),
  };
}

/** The fields a change alters, named in its `updated` event. */
export function changedFields(
  before: Deployment,
  change: Pick<DeploymentChange, 'title' | 'description' | 'spec'>,
): string[] {
  const fields: string[] = [];
  if (change.title !== undefined && change.title !== (before.title ?? null)) {
    fields.push('title');
  }
  if (
    change.description !== undefined &&
    change.description !== (before.description ?? null)
  ) {
    fields.push('description');
  }
  const keys = new Set([
    ...Object.keys(before.spec),
    ...Object.keys(change.spec),
  ]) as Set<keyof DeploymentSpec>;
  for (const key of keys) {
    if (JSON.stringify(before.spec[key]) !== JSON.stringify(change.spec[key])) {
      fields.push(key);
    }
  }
  return fields;
}

export async function appendLog(
  db: Knex,
  deploymentId: string,
  message: string,
  options: { actor: Actor; data?: Record<string, unknown> },
): Promise<void> {
  await deploymentEvents(db).insert({
    deployment_id: deploymentId,
    type: 'log',
    message,
    data: options.data ? JSON.stringify(options.data) : null,
    actor: options.actor.ref,
    created_at: new Date().toISOString(),
  });
}

export async function listEvents(
  db: Knex,
  deploymentId: string,
  options: { after?: number; limit: number },
): Promise<DeploymentEvent[]> {
  const rows = await deploymentEvents(db)
    .where({ deployment_id: deploymentId })
    .modify(qb => {
      if (options.after !== undefined) qb.where('id', '>', options.after);
    })
    .orderBy('id', 'asc')
    .limit(options.limit);
  return rows.map(toEvent);
}

export async function listEventsOfMany(
  db: Knex,
  cursors: ReadonlyArray<{ deploymentId: string; after: number }>,
  options: { limit: number },
): Promise<DeploymentEvent[]> {
  if (!cursors.length) return [];
  // Each term is a range of the (deployment_id, id) index.
  const rows = await deploymentEvents(db)
    .where(qb => {
      for (const { deploymentId, after } of cursors) {
        qb.orWhere(q =>
          q.where('deployment_id', deploymentId).andWhere('id', '>', after),
        );
      }
    })
    .orderBy('id', 'asc')
    .limit(options.limit);
  return rows.map(toEvent);
}
