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

/** What a task does to its deployment's own resources. Rollback is an update to another revision's spec. */
export type DeploymentTaskKind =
  | 'provision'
  | 'update'
  | 'destroy'
  | 'stop'
  | 'start';

/** What a task does to a deployment's disaster-recovery standby. */
export type DrTaskKind = 'dr-sync' | 'dr-failover' | 'dr-failback' | 'dr-drill';

/** What a task does. */
export type TaskKind = DeploymentTaskKind | DrTaskKind;

/** A task for the job queue, written in the same transaction as its change. */
export type QueuedTask = {
  kind: TaskKind;
  deploymentId: string;
  provider: string;
  requestedBy: string;
  maxAttempts: number;
};

/**
 * Where the store puts the work a change asks for, inside the change's own
 * transaction (so a change and its task commit or roll back together). The
 * job queue implements it; the store does not depend on the queue.
 */
export interface TaskSink {
  /** Queues a task, superseding the deployment's active one. */
  enqueue(tx: Knex.Transaction, task: QueuedTask): Promise<unknown>;
  /** Queues the first tasks of new deployments: nothing to supersede. */
  enqueueFirst(tx: Knex.Transaction, tasks: QueuedTask[]): Promise<void>;
  /** Cancels the deployment's queued or running task, if any. */
  cancelActive(
    tx: Knex.Transaction,
    deploymentId: string,
    reason: string,
  ): Promise<void>;
}
