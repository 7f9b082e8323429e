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
import { isDeploymentTask } from './deploymentTaskTerms';
import { Task } from './tables';
import { ErrorPolicy, TaskHandler } from './TaskHandler';

/** A handler with its error policy, for the tasks it runs. */
export type TaskRoute = { handle: TaskHandler; errors: ErrorPolicy };

/**
 * One handler and error policy for the worker, sending each task to the
 * route of its kind: the deployment's own resources, or its DR standby.
 */
export function routeTasks(routes: {
  deployment: TaskRoute;
  dr: TaskRoute;
}): TaskRoute {
  const of = (task: Task) =>
    isDeploymentTask(task.kind) ? routes.deployment : routes.dr;
  return {
    handle: (task, signal) => of(task).handle(task, signal),
    errors: {
      retryable: error =>
        // Both routes judge errors alike; the deployment's is the reference.
        routes.deployment.errors.retryable(error),
      onGiveUp: (task, error) => of(task).errors.onGiveUp(task, error),
      onRetry: async (task, error, retry) =>
        of(task).errors.onRetry?.(task, error, retry),
      onTakeover: async (task, workerId) =>
        of(task).errors.onTakeover?.(task, workerId),
      onCancelled: async task => of(task).errors.onCancelled?.(task),
    },
  };
}
