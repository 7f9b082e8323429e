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
  DeploymentEvent,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const DEPLOYMENT_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Builds the events of deployment 1 one after another, a minute apart from
 * `start`, as the backend writes them.
 */
export class EventLog {
  readonly events: DeploymentEvent[] = [];
  #time: number;

  constructor(start = Date.parse('2026-06-01T10:00:00.000Z')) {
    this.#time = start;
  }

  /** The time of the event at `index`. */
  at(index: number): string {
    return this.events[index].createdAt;
  }

  #add(event: Pick<DeploymentEvent, 'type' | 'message' | 'actor' | 'data'>) {
    const added: DeploymentEvent = {
      id: this.events.length + 1,
      deploymentId: DEPLOYMENT_ID,
      createdAt: new Date(this.#time).toISOString(),
      ...event,
    };
    this.#time += 60_000;
    this.events.push(added);
    return added;
  }

  created(actor = 'user:default/jane') {
    return this.#add({
      type: 'created',
      message: `Created by ${actor}`,
      actor,
    });
  }

  /** A create a policy held for approval: its `created` and `approval` events. */
  createdForApproval(actor = 'user:default/jane') {
    this.#add({
      type: 'created',
      message: `Created by ${actor}`,
      actor,
      data: { status: 'awaiting_approval' },
    });
    return this.#add({
      type: 'approval',
      message: `The create needs approval (production-needs-approval), requested by ${actor}`,
      actor,
      data: {
        approvalId: '20000000-0000-4000-8000-000000000001',
        status: 'awaiting_approval',
      },
    });
  }

  updated(message = 'Changed compute', actor = 'user:default/jane') {
    return this.#add({ type: 'updated', message, actor });
  }

  status(
    from: DeploymentStatus,
    to: DeploymentStatus,
    reason?: string,
    actor = 'plugin:cloud-deployments',
  ) {
    return this.#add({
      type: 'status',
      message: `${from} → ${to}${reason ? `: ${reason}` : ''} (${actor})`,
      data: { from, to, ...(reason ? { reason } : {}) },
      actor,
    });
  }

  log(message: string, data?: Record<string, unknown>) {
    return this.#add({
      type: 'log',
      message,
      actor: 'plugin:cloud-deployments',
      ...(data ? { data } : {}),
    });
  }
}
