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
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  isRetryableError,
  ProviderError,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CapacityAdvice, withAdvice } from './capacityAdvice';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentNotifier } from '../notifications/DeploymentNotifier';
import {
  ENGINE_ACTOR,
  isDeploymentTask,
  WHAT,
  WORKING_STATUS,
} from './deploymentTaskTerms';
import { Task } from './tables';
import { ErrorPolicy } from './TaskHandler';

/**
 * The error policy of deployment tasks: which errors are worth retrying, and
 * how a task's failure, retries, takeovers and cancellation show in its
 * deployment (its status and its log); a failure also notifies its owners.
 */
export function deploymentTaskErrorPolicy(
  store: DeploymentStore,
  notifier: DeploymentNotifier,
  capacityAdvice?: CapacityAdvice,
): ErrorPolicy {
  async function engineLog(
    task: Task,
    message: string,
    data: Record<string, unknown>,
  ) {
    await store.appendLog(task.deploymentId, message, {
      actor: ENGINE_ACTOR,
      data: { task: task.id, ...data },
    });
  }

  /** The capacity advice for a provider's capacity error; never fails the give-up. */
  async function adviceFor(task: Task, error: unknown) {
    if (!capacityAdvice || !(error instanceof ProviderError)) return undefined;
    try {
      const deployment = await store.getDeployment(task.deploymentId);
      return deployment
        ? await capacityAdvice(deployment, error.code)
        : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    retryable: error =>
      !(
        error instanceof InputError ||
        error instanceof ConflictError ||
        error instanceof NotFoundError ||
        error instanceof NotAllowedError
      ) && isRetryableError(error),
    onGiveUp: async (task, error) => {
      const message = errorMessage(error);
      const what = WHAT[task.kind];
      const reason = withAdvice(
        task.attempts >= task.maxAttempts && isRetryableError(error)
          ? `${what} failed after ${task.attempts} attempts: ${message}`
          : `${what} failed: ${message}`,
        await adviceFor(task, error),
      );
      let failed;
      try {
        failed = await store.transitionDeployment(task.deploymentId, 'failed', {
          actor: ENGINE_ACTOR,
          reason,
          from: [
            ...(isDeploymentTask(task.kind) ? [WORKING_STATUS[task.kind]] : []),
            'provisioning',
            'pending',
          ],
        });
      } catch (transitionError) {
        // Already moved on (cancelled, destroyed): the reason is not needed.
        if (!(transitionError instanceof ConflictError)) throw transitionError;
        return;
      }
      await notifier.deploymentFailed(failed, reason);
    },
    // Why a task is retried belongs in the deployment's log, not only in the
    // tasks table. Provider messages are already masked (ProviderError).
    onRetry: async (task, error, { attempt, delayMs }) => {
      await engineLog(
        task,
        `Attempt ${attempt} of ${task.maxAttempts} failed: ${errorMessage(
          error,
        )}; retrying in ${formatDelay(delayMs)}`,
        { retry: { attempt, maxAttempts: task.maxAttempts, delayMs } },
      );
    },
    onTakeover: async (task, workerId) => {
      await engineLog(
        task,
        `${
          WHAT[task.kind]
        } was interrupted: the worker running it stopped renewing its lease (its backend may have stopped); ${workerId} continues it, attempt ${
          task.attempts + 1
        } of ${task.maxAttempts}`,
        { takeover: { attempt: task.attempts + 1, workerId } },
      );
    },
    onCancelled: async task => {
      await engineLog(
        task,
        `${WHAT[task.kind]} in flight stopped: it was cancelled or superseded`,
        { stopped: { kind: task.kind } },
      );
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `350 ms`, `8 s`, `2 min 5 s`. */
export function formatDelay(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} min${rest ? ` ${rest} s` : ''}`;
}
