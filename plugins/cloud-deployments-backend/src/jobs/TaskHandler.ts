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
import { Task } from './tables';

// What a task handler gives the worker: the outcome of each step, and how
// its errors are treated.

/** What a handler decides after one step of a task. */
export type StepResult =
  /** The task is finished. */
  | { done: true; failed?: string }
  /** Run the next step after a pause (polling a cloud operation). */
  | { done: false; pollAfterMs: number; payload: Task['payload'] };

/** Runs one step of a task; the engine calls it again for each next step. */
export type TaskHandler = (
  task: Task,
  signal: AbortSignal,
) => Promise<StepResult>;

/**
 * How a handler tells the worker an error is worth retrying, and hears about
 * the attempts that did not end as planned (to tell the people watching).
 * The optional hooks are best effort: when one fails, the worker logs it and
 * carries on with the task.
 */
export type ErrorPolicy = {
  retryable(error: unknown): boolean;
  /** Called when a task gives up (permanent error or attempts exhausted). */
  onGiveUp(task: Task, error: unknown): Promise<void>;
  /** Called when an attempt failed and the task was queued to run again. */
  onRetry?(
    task: Task,
    error: unknown,
    retry: { attempt: number; delayMs: number },
  ): Promise<void>;
  /** Called before a step of a task whose last worker stopped renewing its lease. */
  onTakeover?(task: Task, workerId: string): Promise<void>;
  /** Called when a step was stopped because its task was cancelled or superseded. */
  onCancelled?(task: Task): Promise<void>;
};
