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
import { DeploymentStatus } from './types';

/**
 * The lifecycle as a graph: for each status, the statuses it may move to.
 * Anything else is an illegal transition.
 *
 * @public
 */
export const DEPLOYMENT_TRANSITIONS: Readonly<
  Record<DeploymentStatus, readonly DeploymentStatus[]>
> = {
  // A create a policy holds for approval: nothing exists yet, so a rejection
  // or a withdrawal ends it without a destroy task.
  awaiting_approval: ['pending', 'destroyed'],
  pending: ['provisioning', 'failed', 'destroying'],
  provisioning: ['active', 'failed', 'destroying'],
  active: ['updating', 'drifted', 'stopping', 'failed', 'destroying'],
  // Resources that no longer match the spec: re-applied (updating), accepted
  // or put back by hand (active), deleted or broken meanwhile (failed).
  drifted: ['active', 'updating', 'stopping', 'failed', 'destroying'],
  updating: ['active', 'failed', 'destroying'],
  // Stopped keeps the spec and what starting needs; a spec change waits for
  // the start (it is applied to something that runs).
  stopping: ['stopped', 'failed', 'destroying'],
  stopped: ['starting', 'destroying'],
  starting: ['active', 'failed', 'destroying'],
  // A stop that failed half-way may be asked for again.
  failed: ['provisioning', 'updating', 'stopping', 'destroying'],
  destroying: ['destroyed', 'failed'],
  destroyed: [],
};

/**
 * The statuses in which a deployment's resources exist and bill: a pending
 * deployment has none yet, a drifted one still runs (differently), a failed one is not counted (whatever a failed
 * change left behind is reconciled, not assumed), a stopped one runs nothing (its estimate says what of it still
 * bills), a destroyed one has none.
 *
 * @public
 */
export const BILLING_STATUSES: readonly DeploymentStatus[] = [
  'provisioning',
  'active',
  'drifted',
  'updating',
  'stopping',
  'starting',
  'destroying',
];

/**
 * The statuses in which work is in flight, and so which a cancel accepts: the
 * deployment becomes `failed` with a reason saying who cancelled and what may
 * be left in the cloud, its task stops, and redeploy, rollback or destroy can
 * be asked for again.
 *
 * @public
 */
export const CANCELLABLE_STATUSES: readonly DeploymentStatus[] = [
  'pending',
  'provisioning',
  'updating',
  'stopping',
  'starting',
  'destroying',
];

/**
 * Whether a deployment may move from one status to another.
 *
 * @public
 */
export function canTransition(
  from: DeploymentStatus,
  to: DeploymentStatus,
): boolean {
  return DEPLOYMENT_TRANSITIONS[from].includes(to);
}

/**
 * The statuses from which a deployment may move to `to`.
 *
 * @public
 */
export function statusesAllowedBefore(
  to: DeploymentStatus,
): DeploymentStatus[] {
  return (Object.keys(DEPLOYMENT_TRANSITIONS) as DeploymentStatus[]).filter(
    from => canTransition(from, to),
  );
}
