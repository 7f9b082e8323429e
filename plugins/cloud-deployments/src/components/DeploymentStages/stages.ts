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
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * Where a stage is: passed, under way, where things went wrong, or ahead.
 *
 * @internal
 */
export type StageState = 'done' | 'current' | 'failed' | 'upcoming';

/**
 * One stage of what a deployment is going through, e.g. `Provisioning`.
 *
 * @internal
 */
export type Stage = {
  /** The status the deployment has during the stage. */
  status: DeploymentStatus;
  label: string;
  state: StageState;
  /** Whether the stage is work that ends (provisioning), not a resting status. */
  working: boolean;
  /** When the deployment entered the stage, if known. */
  startedAt?: string;
  /** When it left it, if it did. */
  endedAt?: string;
  /** What the provider logged during the stage. */
  steps: DeploymentEvent[];
  /** Why the deployment failed, on the `Failed` stage, or why a held create ended (`Destroyed`). */
  reason?: string;
};

const LABELS: Record<DeploymentStatus, string> = {
  awaiting_approval: 'Awaiting approval',
  pending: 'Queued',
  provisioning: 'Provisioning',
  active: 'Active',
  drifted: 'Drifted',
  updating: 'Updating',
  stopping: 'Stopping',
  stopped: 'Stopped',
  starting: 'Starting',
  failed: 'Failed',
  destroying: 'Destroying',
  destroyed: 'Destroyed',
};

const WORKING: readonly DeploymentStatus[] = [
  'pending',
  'provisioning',
  'updating',
  'stopping',
  'starting',
  'destroying',
];

/** Statuses that wait on a person: current until they decide, not done. */
const WAITING: readonly DeploymentStatus[] = ['awaiting_approval'];

/** The stages of each operation, from the status it starts in. */
const PATHS = {
  provision: ['pending', 'provisioning', 'active'],
  provisionAfterApproval: [
    'awaiting_approval',
    'pending',
    'provisioning',
    'active',
  ],
  reprovision: ['provisioning', 'active'],
  update: ['updating', 'active'],
  stop: ['stopping', 'stopped'],
  start: ['starting', 'active'],
  destroy: ['destroying', 'destroyed'],
} as const satisfies Record<string, readonly DeploymentStatus[]>;

type Operation = keyof typeof PATHS;

const makeStage = (status: DeploymentStatus): Stage => ({
  status,
  label: LABELS[status],
  state: 'upcoming',
  working: WORKING.includes(status),
  steps: [],
});

const statusChange = (event: DeploymentEvent) => ({
  from: event.data?.from as DeploymentStatus | undefined,
  to: event.data?.to as DeploymentStatus | undefined,
  reason: event.data?.reason as string | undefined,
});

/** The operation an event starts, if it starts one. */
function operationStartedBy(event: DeploymentEvent): Operation | undefined {
  if (event.type === 'created') {
    // A create a policy held starts waiting for approval.
    return event.data?.status === 'awaiting_approval'
      ? 'provisionAfterApproval'
      : 'provision';
  }
  if (event.type !== 'status') return undefined;
  const { from, to } = statusChange(event);
  if (to === 'updating') return 'update';
  if (to === 'destroying') return 'destroy';
  if (to === 'stopping') return 'stop';
  if (to === 'starting') return 'start';
  if (to === 'provisioning' && from !== 'pending') return 'reprovision';
  return undefined;
}

/** Marks the stage the deployment is in as current, or done when it rests there. */
function settle(stage: Stage): Stage {
  if (
    stage.state === 'current' &&
    !stage.working &&
    !WAITING.includes(stage.status)
  ) {
    return { ...stage, state: stage.status === 'failed' ? 'failed' : 'done' };
  }
  return stage;
}

/** The stages as far as the status of the deployment tells, without times. */
function stagesFromStatus(deployment: Deployment): Stage[] {
  const { status } = deployment;
  if (status === 'failed') {
    return [
      {
        ...makeStage('failed'),
        state: 'failed',
        startedAt: deployment.updatedAt,
        reason: deployment.statusReason,
      },
    ];
  }
  let path: readonly DeploymentStatus[] = PATHS.provision;
  if (status === 'awaiting_approval') path = PATHS.provisionAfterApproval;
  if (status === 'updating') path = PATHS.update;
  if (status === 'destroying' || status === 'destroyed') path = PATHS.destroy;
  if (status === 'stopping' || status === 'stopped') path = PATHS.stop;
  if (status === 'starting') path = PATHS.start;
  const current = path.indexOf(status);
  return path.map((s, i) => {
    if (i < current) return { ...makeStage(s), state: 'done' };
    if (i > current) return makeStage(s);
    return settle({
      ...makeStage(s),
      state: 'current',
      startedAt: deployment.updatedAt,
    });
  });
}

/**
 * The stages of the latest operation on a deployment (provisioning, an
 * update, destroying), from its events: when each stage started and ended,
 * what the provider logged during it, and where it failed. Falls back to
 * what the deployment's status tells when the events are behind it, e.g.
 * just after an action.
 *
 * @internal
 */
export function deploymentStages(
  deployment: Deployment,
  events: DeploymentEvent[],
): Stage[] {
  let start = -1;
  let operation: Operation | undefined;
  for (let i = events.length - 1; i >= 0 && !operation; i--) {
    operation = operationStartedBy(events[i]);
    start = i;
  }
  if (!operation) {
    return stagesFromStatus(deployment);
  }

  const stages = PATHS[operation].map(makeStage);
  let current = 0;
  stages[0].state = 'current';
  stages[0].startedAt = events[start].createdAt;
  let lastChange = events[start].createdAt;

  for (const event of events.slice(start + 1)) {
    if (event.type === 'log') {
      stages[current].steps.push(event);
      continue;
    }
    if (event.type !== 'status') continue;
    lastChange = event.createdAt;
    const { to, reason } = statusChange(event);
    const from = current;
    const next = stages.findIndex((s, i) => i > from && s.status === to);
    if (next !== -1) {
      stages.slice(current, next).forEach(s => {
        s.state = 'done';
      });
      stages[current].endedAt = event.createdAt;
      stages[next].state = 'current';
      stages[next].startedAt = event.createdAt;
      current = next;
    } else if (
      to === 'failed' ||
      // A held create rejected or withdrawn: it ends without being made.
      (to === 'destroyed' && stages[current].status === 'awaiting_approval')
    ) {
      const interrupted = stages[current];
      interrupted.state = interrupted.working ? 'failed' : 'done';
      interrupted.endedAt = event.createdAt;
      stages.splice(current + 1, stages.length, {
        ...makeStage(to),
        state: 'current',
        startedAt: event.createdAt,
        reason:
          reason ??
          (deployment.status === to ? deployment.statusReason : undefined),
      });
      current += 1;
    }
  }

  // The deployment moved on since the last event, e.g. just after an action.
  if (
    stages[current].status !== deployment.status &&
    Date.parse(deployment.updatedAt) > Date.parse(lastChange)
  ) {
    return stagesFromStatus(deployment);
  }
  return stages.map(settle);
}
