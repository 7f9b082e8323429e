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
import { DeploymentStatus } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Actor } from '../database/DeploymentStore';
import { DeploymentTaskKind, TaskKind } from './tables';

// How the engine speaks of deployment tasks, shared by the handler that
// runs their steps and the error policy that reports on them.

/** Who the engine's own transitions and log lines are recorded as. */
export const ENGINE_ACTOR: Actor = { ref: 'plugin:cloud-deployments' };

/** A task's work in words, e.g. for `Update failed: …`. */
export const WHAT: Record<TaskKind, string> = {
  provision: 'Provisioning',
  update: 'Update',
  destroy: 'Destroy',
  stop: 'Stop',
  start: 'Start',
  'dr-sync': 'Standby sync',
  'dr-failover': 'Failover',
  'dr-failback': 'Failback',
  'dr-drill': 'Failover drill',
};

/** The status a task's deployment is in while the task works on it. */
export const WORKING_STATUS: Record<DeploymentTaskKind, DeploymentStatus> = {
  provision: 'provisioning',
  update: 'updating',
  destroy: 'destroying',
  stop: 'stopping',
  start: 'starting',
};

/** The status a task's deployment ends in when its work succeeded. */
export const DONE_STATUS: Record<DeploymentTaskKind, DeploymentStatus> = {
  provision: 'active',
  update: 'active',
  destroy: 'destroyed',
  stop: 'stopped',
  start: 'active',
};

/** Whether a task works on the deployment's own resources (not its DR standby). */
export function isDeploymentTask(kind: TaskKind): kind is DeploymentTaskKind {
  return kind in WORKING_STATUS;
}
