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
  CostEstimate,
  Deployment,
  DeploymentSpec,
  DeploymentStatus,
  normalizeEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { randomUUID } from 'node:crypto';
import { ttlToMilliseconds } from '../reconcile/ttl';
import { Actor, NewDeployment, ProvisioningResult } from './DeploymentStore';
import { DeploymentRow, toIsoString } from './tables';

// Conversions between a deployment and its row in `deployments`.

/**
 * The spec, and the columns denormalised from it so lists can filter, sort
 * and index: among them when its TTL, counted from `createdAt`, runs out.
 */
export function specColumns(spec: DeploymentSpec, createdAt: Date | string) {
  const ttlMs = spec.ttl ? ttlToMilliseconds(spec.ttl) : undefined;
  return {
    owner: spec.owner,
    component: spec.component,
    system: spec.system ?? null,
    environment: spec.environment,
    provider: spec.provider,
    region: spec.region,
    engine: spec.engine,
    spec: JSON.stringify(spec),
    expires_at:
      ttlMs === undefined
        ? null
        : new Date(new Date(createdAt).getTime() + ttlMs).toISOString(),
  };
}

export function estimateColumns(estimate?: CostEstimate) {
  return {
    estimate: estimate ? JSON.stringify(estimate) : null,
    // The priced subtotal: with the kind beside it, a sum can say what it misses.
    estimated_monthly_cost: estimate ? estimate.pricedSubtotal : null,
    estimate_total_kind: estimate ? estimate.totalKind : null,
  };
}

export function resultColumns(
  result?: ProvisioningResult,
): Partial<DeploymentRow> {
  if (!result) return {};
  return {
    ...(result.endpoint !== undefined ? { endpoint: result.endpoint } : {}),
    ...(result.outputs ? { outputs: JSON.stringify(result.outputs) } : {}),
    ...(result.appliedSpec
      ? { last_good_spec: JSON.stringify(result.appliedSpec) }
      : {}),
  };
}

export function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    name: row.name,
    resourceName: row.resource_name ?? row.name,
    ...(row.title ? { title: row.title } : {}),
    ...(row.description ? { description: row.description } : {}),
    spec: JSON.parse(row.spec),
    status: row.status as DeploymentStatus,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    ...(row.drift ? { drift: JSON.parse(row.drift) } : {}),
    ...(row.endpoint ? { endpoint: row.endpoint } : {}),
    outputs: JSON.parse(row.outputs),
    ...(row.estimate
      ? { estimate: normalizeEstimate(JSON.parse(row.estimate)) }
      : {}),
    ...(row.sandbox ? { sandbox: true } : {}),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
    ...(row.expires_at ? { expiresAt: toIsoString(row.expires_at) } : {}),
    version: Number(row.version),
  };
}

/**
 * The row of a new deployment, at version 1, in `status`, its cloud
 * resources named `resourceName`.
 */
export function newDeploymentRow(
  input: NewDeployment,
  resourceName: string,
  actor: Actor,
  now: string,
  status: DeploymentStatus,
  statusReason: string | null = null,
): Omit<DeploymentRow, 'seq'> {
  return {
    id: randomUUID(),
    name: input.name,
    resource_name: resourceName,
    title: input.title ?? null,
    description: input.description ?? null,
    ...specColumns(input.spec, now),
    ...estimateColumns(input.estimate),
    status,
    status_reason: statusReason,
    endpoint: null,
    outputs: '{}',
    created_by: actor.ref,
    created_at: now,
    updated_by: actor.ref,
    updated_at: now,
    version: 1,
    last_good_spec: null,
    sandbox: input.sandbox ?? false,
  };
}
