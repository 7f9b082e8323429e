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
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { runTaskStep, stopReason } from './runTaskStep';
import { Task } from './tables';
import { ErrorPolicy, TaskHandler } from './TaskHandler';
import { TaskQueue } from './TaskQueue';

export type TaskWorkerOptions = {
  queue: TaskQueue;
  handler: TaskHandler;
  errors: ErrorPolicy;
  logger: LoggerService;
  /** Tasks this worker runs at once. */
  concurrency: number;
  /** Tasks of one provider this worker runs at once. */
  providerConcurrency?: Record<string, number>;
  leaseMs: number;
  /** How often to look for due tasks when idle. */
  idlePollMs: number;
  /** First retry delay; doubles per attempt, with jitter, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Unique per worker; defaults to host, pid and a random suffix. */
  workerId?: string;
};

/**
 * Claims tasks from the queue and runs their steps with bounded concurrency,
 * renewing each lease while the step runs. Retryable errors are retried with
 * exponential backoff until the task's attempts run out; then the error
 * policy gives up on it. `stop()` stops claiming and gives running tasks back
 * to the queue.
 */
export class TaskWorker {
  readonly id: string;
  readonly #options: TaskWorkerOptions;
  readonly #running = new Map<
    number,
    { task: Task; controller: AbortController; done: Promise<void> }
  >();
  #stopped = true;
  #loop?: Promise<void>;
  #wake?: () => void;
  #cancelsCheckedAt = 0;

  constructor(options: TaskWorkerOptions) {
    this.#options = options;
    this.id =
      options.workerId ??
      `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Number of tasks running in this worker now. */
  get busy(): number {
    return this.#running.size;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Looks for work now instead of at the next idle poll (a task was queued). */
  notify(): void {
    this.#wake?.();
  }

  /**
   * Stops claiming, interrupts running steps and gives their tasks back, so
   * another worker continues them at once instead of after a lease expiry.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#wake?.();
    for (const { controller } of this.#running.values()) {
      controller.abort(stopReason('shutdown'));
    }
    await this.#loop;
    await Promise.allSettled([...this.#running.values()].map(r => r.done));
  }

  async #run(): Promise<void> {
    const { logger, idlePollMs } = this.#options;
    while (!this.#stopped) {
      let claimed = 0;
      try {
        claimed = await this.#claim();
      } catch (error) {
        logger.warn(`Claiming tasks failed: ${error}`);
      }
      try {
        await this.#stopCancelled();
      } catch (error) {
        logger.warn(`Looking for cancelled tasks failed: ${error}`);
      }
      if (this.#stopped) break;
      // Claim again at once while there is work and room; otherwise wait for
      // a notification, the idle poll, or a finished task.
      if (claimed > 0 && this.#freeSlots() > 0) continue;
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, idlePollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /**
   * Stops the running steps whose task was cancelled or superseded, at most
   * once per idle poll: a cancel takes effect in about a second on whichever
   * replica runs the task, instead of at its next heartbeat (a third of the
   * lease), and the cloud call in flight is aborted through its signal.
   */
  async #stopCancelled(): Promise<void> {
    const { queue, idlePollMs } = this.#options;
    if (this.#running.size === 0) return;
    if (Date.now() - this.#cancelsCheckedAt < idlePollMs) return;
    this.#cancelsCheckedAt = Date.now();
    const cancelled = await queue.cancelling(
      [...this.#running.keys()],
      this.id,
    );
    for (const id of cancelled) {
      this.#running.get(id)?.controller.abort(stopReason('lost'));
    }
  }

  #freeSlots(): number {
    return this.#options.concurrency - this.#running.size;
  }

  async #claim(): Promise<number> {
    const { queue, leaseMs, providerConcurrency = {} } = this.#options;
    const free = this.#freeSlots();
    if (free <= 0) return 0;
    const perProvider = new Map<string, number>();
    for (const { task } of this.#running.values()) {
      perProvider.set(task.provider, (perProvider.get(task.provider) ?? 0) + 1);
    }
    const excludeProviders = Object.entries(providerConcurrency)
      .filter(([provider, max]) => (perProvider.get(provider) ?? 0) >= max)
      .map(([provider]) => provider);
    const claimed = await queue.claim({
      owner: this.id,
      limit: free,
      leaseMs,
      excludeProviders,
    });
    // A claim may overshoot a provider's limit by the tasks of one batch;
    // give the excess back at once.
    for (const task of claimed) {
      const max = providerConcurrency[task.provider];
      const count = perProvider.get(task.provider) ?? 0;
      if (max !== undefined && count >= max) {
        await queue.release(task.id, this.id);
        continue;
      }
      perProvider.set(task.provider, count + 1);
      this.#startTask(task);
    }
    return claimed.length;
  }

  #startTask(task: Task): void {
    const controller = new AbortController();
    const done = runTaskStep(task, controller, {
      ...this.#options,
      workerId: this.id,
    })
      .catch(error => {
        // Recording the outcome failed (the database is unreachable): the
        // lease runs out and the task is claimed again, so nothing is lost.
        this.#options.logger.warn(
          `Task ${task.id} (${task.kind} of ${task.deploymentId}): could not record the outcome of its step, it runs again once its lease expires: ${error}`,
        );
      })
      .finally(() => {
        this.#running.delete(task.id);
        this.#wake?.();
      });
    this.#running.set(task.id, { task, controller, done });
  }
}
