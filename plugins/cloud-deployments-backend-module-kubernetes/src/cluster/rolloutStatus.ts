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

/** Where a Deployment's rollout is, as `kubectl rollout status` reads it. */
export type RolloutStatus =
  | { state: 'done'; message: string }
  | { state: 'progressing'; message: string }
  | { state: 'failed'; message: string };

type DeploymentLike = {
  metadata?: { name?: string; generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    conditions?: Array<{ type?: string; reason?: string; message?: string }>;
  };
};

/**
 * Reads a Deployment's rollout from its status the way `kubectl rollout
 * status` does: the controller has seen the latest spec, every replica is
 * updated, no old one is left, and all are available. A Progressing
 * condition with reason ProgressDeadlineExceeded is a failed rollout.
 */
export function rolloutStatus(deployment: DeploymentLike): RolloutStatus {
  const name = deployment.metadata?.name ?? 'deployment';
  const status = deployment.status ?? {};
  const generation = deployment.metadata?.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation) {
    return {
      state: 'progressing',
      message: `Waiting for the rollout of ${name} to be observed`,
    };
  }
  const progressing = status.conditions?.find(c => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'failed',
      message: `The rollout of ${name} exceeded its progress deadline${
        progressing.message ? `: ${progressing.message}` : ''
      }`,
    };
  }
  const wanted = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < wanted) {
    return {
      state: 'progressing',
      message: `Waiting for the rollout of ${name}: ${updated} of ${wanted} new replicas updated`,
    };
  }
  if (replicas > updated) {
    return {
      state: 'progressing',
      message: `Waiting for the rollout of ${name}: ${
        replicas - updated
      } old replicas pending termination`,
    };
  }
  if (available < updated) {
    return {
      state: 'progressing',
      message: `Waiting for the rollout of ${name}: ${available} of ${updated} updated replicas available`,
    };
  }
  return {
    state: 'done',
    message: `${name} rolled out: ${available} of ${wanted} replicas available`,
  };
}
