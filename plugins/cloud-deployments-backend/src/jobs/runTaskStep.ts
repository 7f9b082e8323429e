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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Task } from './tables';
import { ErrorPolicy, TaskHandler } from './TaskHandler';
import { TaskQueue } from './TaskQueue';

/** What running one step needs of its worker. */
export type StepContext = {
  queue: TaskQueue;
  handler: TaskHandler;
  errors: ErrorPolicy;
  logger: LoggerService;
  leaseMs: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** The worker that holds the task's lease. */
  workerId: string;
};

/** Why a running step was interrupted. */
type StopReason = 'shutdown' | 'lost';

/**
 * Runs one step of a claimed task, renewing its lease meanwhile, and records
 * the outcome: finished, rescheduled, retried with backoff, given up, or
 * given back after an interrupt. Aborting `controller` with
 * {@link stopReason} interrupts the step.
 */
export async function runTaskStep(
  task: Task,
  controller: AbortController,
  ctx: StepContext,
): Promise<void> {
  const { queue, handler, leaseMs, logger, errors, workerId } = ctx;
  const heartbeat = setInterval(async () => {
    try {
      if (!(await queue.heartbeat(task.id, workerId, leaseMs))) {
        controller.abort(stopReason('lost'));
      }
    } catch (error) {
      logger.warn(`Heartbeat of task ${task.id} failed: ${error}`);
    }
  }, Math.max(50, Math.floor(leaseMs / 3)));
  try {
    if (task.reclaimed) {
      await tell(ctx, 'onTakeover', () => errors.onTakeover?.(task, workerId));
    }
    const result = await handler(task, controller.signal);
    if (controller.signal.aborted) {
      await afterInterrupt(ctx, task, controller.signal.reason);
    } else {
      const recorded = result.done
        ? await queue.finish(task.id, workerId, {
            state: result.failed ? 'failed' : 'succeeded',
            error: result.failed,
          })
        : await queue.reschedule(task.id, workerId, {
            runAfter: new Date(Date.now() + result.pollAfterMs),
            payload: result.payload,
          });
      // Cancelled while the step ran: acknowledge, so the next task may run.
      if (!recorded) await acknowledgeCancel(ctx, task);
    }
  } catch (error) {
    if (controller.signal.aborted) {
      await afterInterrupt(ctx, task, controller.signal.reason);
    } else {
      await afterError(ctx, task, error);
    }
  } finally {
    clearInterval(heartbeat);
  }
}

async function afterInterrupt(
  ctx: StepContext,
  task: Task,
  reason: unknown,
): Promise<void> {
  if (isStopReason(reason, 'shutdown')) {
    await ctx.queue.release(task.id, ctx.workerId);
  } else {
    // Cancelled or superseded: say so, so the deployment's next task may run.
    await acknowledgeCancel(ctx, task);
  }
}

/** Marks a cancelled task as stopped, and tells the handler if it was. */
async function acknowledgeCancel(ctx: StepContext, task: Task): Promise<void> {
  if (await ctx.queue.acknowledgeCancel(task.id, ctx.workerId)) {
    await tell(ctx, 'onCancelled', () => ctx.errors.onCancelled?.(task));
  }
}

/** Runs an optional hook of the error policy; its failure is only logged. */
async function tell(
  ctx: StepContext,
  hook: string,
  call: () => Promise<void> | undefined,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    ctx.logger.warn(`Task hook ${hook} failed: ${error}`);
  }
}

async function afterError(
  ctx: StepContext,
  task: Task,
  error: unknown,
): Promise<void> {
  const { queue, errors, logger, backoffMs, maxBackoffMs, workerId } = ctx;
  const message = errorMessage(error);
  const attempt = task.attempts + 1;
  if (errors.retryable(error) && attempt < task.maxAttempts) {
    const delay = Math.min(maxBackoffMs, backoffMs * 2 ** task.attempts);
    // Jitter spreads the retries of many tasks that failed together.
    const jittered = delay / 2 + Math.random() * (delay / 2);
    logger.info(
      `Task ${task.id} (${task.kind} of ${
        task.deploymentId
      }) attempt ${attempt}/${
        task.maxAttempts
      } failed, retrying in ${Math.round(jittered)} ms: ${message}`,
    );
    const requeued = await queue.reschedule(task.id, workerId, {
      runAfter: new Date(Date.now() + jittered),
      payload: task.payload,
      countAttempt: true,
      error: message,
    });
    if (requeued) {
      await tell(ctx, 'onRetry', () =>
        errors.onRetry?.(task, error, {
          attempt,
          delayMs: Math.round(jittered),
        }),
      );
    } else {
      // Cancelled while the step ran: acknowledge, so the next task may run.
      await acknowledgeCancel(ctx, task);
    }
    return;
  }
  logger.warn(
    `Task ${task.id} (${task.kind} of ${task.deploymentId}) gave up after ${attempt} attempt(s): ${message}`,
  );
  try {
    await errors.onGiveUp({ ...task, attempts: attempt }, error);
  } finally {
    const recorded = await queue.finish(task.id, workerId, {
      state: 'failed',
      error: message,
    });
    if (!recorded) await acknowledgeCancel(ctx, task);
  }
}

/** The abort reason that tells a running step why it stops. */
export function stopReason(reason: StopReason): Error {
  const error = new Error(
    reason === 'shutdown' ? 'The backend is shutting down' : 'Task cancelled',
  );
  error.name = reason === 'shutdown' ? 'ShutdownError' : 'TaskCancelledError';
  return error;
}

function isStopReason(reason: unknown, which: StopReason): boolean {
  return (
    reason instanceof Error &&
    reason.name ===
      (which === 'shutdown' ? 'ShutdownError' : 'TaskCancelledError')
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
