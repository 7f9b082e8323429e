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
import { EstimateTotalKind } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';

/** A row of `deployments`, as Knex reads it on either database. */
export type DeploymentRow = {
  seq: number | string;
  id: string;
  name: string;
  /** Null only in rows older than names per environment; then the name. */
  resource_name: string | null;
  title: string | null;
  description: string | null;
  owner: string;
  component: string;
  system: string | null;
  environment: string;
  provider: string;
  region: string;
  engine: string;
  spec: string;
  status: string;
  status_reason: string | null;
  endpoint: string | null;
  outputs: string;
  created_by: string;
  created_at: Date | string;
  updated_by: string;
  updated_at: Date | string;
  /** When the TTL runs out (`created_at` plus `spec.ttl`); null without one. */
  expires_at: Date | string | null;
  version: number;
  estimate: string | null;
  estimated_monthly_cost: number | null;
  estimate_total_kind: EstimateTotalKind | null;
  last_good_spec: string | null;
  /** JSON `DeploymentDrift` while the deployment is `drifted`. */
  drift?: string | null;
  /** Boolean; SQLite reads it back as 0 or 1. */
  sandbox: boolean | number;
};

/** A row of `deployment_events`. */
export type DeploymentEventRow = {
  id: number | string;
  deployment_id: string;
  type: string;
  message: string;
  data: string | null;
  actor: string;
  created_at: Date | string;
};

/** Timestamps are written as ISO strings and read back as Date (pg) or text (SQLite). */
export function toIsoString(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Whether an error is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL unique_violation
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** The tables of this plugin, for typed query builders. */
export function deployments(db: Knex | Knex.Transaction) {
  return db<DeploymentRow>('deployments');
}

/** The `deployment_events` table, for typed query builders. */
export function deploymentEvents(db: Knex | Knex.Transaction) {
  return db<DeploymentEventRow>('deployment_events');
}
