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
import { TaskKind } from '../database/TaskSink';

export type {
  DeploymentTaskKind,
  DrTaskKind,
  TaskKind,
} from '../database/TaskSink';

/**
 * - `queued`: waiting for `run_after`.
 * - `running`: claimed by `lease_owner` until `lease_expires_at`.
 * - `cancelling`: superseded or cancelled while running; its worker stops it
 *   within an idle poll (or at its next heartbeat). No other task of the
 *   deployment runs meanwhile.
 * - `succeeded`, `failed`, `cancelled`: finished.
 */
export type TaskState =
  | 'queued'
  | 'running'
  | 'cancelling'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/** A row of `tasks`. */
export type TaskRow = {
  id: number | string;
  kind: TaskKind;
  deployment_id: string;
  provider: string;
  state: TaskState;
  payload: string;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: Date | string | null;
  run_after: Date | string;
  last_error: string | null;
  requested_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

/** The `tasks` table, for typed query builders. */
export function tasks(db: Knex | Knex.Transaction) {
  return db<TaskRow>('tasks');
}

/** A claimed task, as a worker sees it. */
export type Task = {
  id: number;
  kind: TaskKind;
  deploymentId: string;
  provider: string;
  /** Where the task is in its steps; kept between claims. */
  payload: TaskPayload;
  attempts: number;
  maxAttempts: number;
  requestedBy: string;
  createdAt: Date;
  /**
   * Claimed again after its lease ran out: the worker that ran it last
   * stopped renewing it (it died, or lost the database) in the middle of a step.
   */
  reclaimed?: boolean;
};

/** The progress of a task between its steps. */
export type TaskPayload = {
  /** `start` asks the provider to make the change; `wait` polls until it settled. */
  phase?: 'start' | 'wait';
  /** When the provider was first asked (ISO), for the task's timeout. */
  startedAt?: string;
  /** The last progress detail logged, so each is logged once. */
  lastDetail?: string;
  /** A DR task's step (see `DrTaskHandler`). */
  step?: number;
  /** Where the last thing a DR step brought up answers. */
  endpoint?: string;
  /** When a DR step saw what it brought up ready (ISO). */
  readyAt?: string;
};

export function toTask(row: TaskRow): Task {
  return {
    id: Number(row.id),
    kind: row.kind,
    deploymentId: row.deployment_id,
    provider: row.provider,
    payload: JSON.parse(row.payload || '{}'),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    requestedBy: row.requested_by,
    createdAt: new Date(row.created_at),
  };
}
