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
import { InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentStatus,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ProviderContext,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentNotifier } from '../notifications/DeploymentNotifier';
import { TerraformEngine } from '../terraform/TerraformEngine';
import { stoppedEstimate } from '../deployments/stoppedEstimate';
import { CapacityAdvice, withAdvice } from './capacityAdvice';
import { deploymentTaskErrorPolicy } from './deploymentTaskErrors';
import {
  DONE_STATUS,
  ENGINE_ACTOR,
  isDeploymentTask,
  WORKING_STATUS,
} from './deploymentTaskTerms';
import { ProviderRegistry } from './ProviderRegistry';
import { Task, TaskPayload } from './tables';
import { ErrorPolicy, StepResult, TaskHandler } from './TaskHandler';

const GOALS = {
  ready: 'deployment to become ready',
  destroy: 'resources to be deleted',
  stop: 'deployment to stop',
};

/** The provider's stop and start; the service stops only those that have them. */
function stoppable(provider: CloudDeploymentProvider) {
  const { stop, start } = provider;
  if (!stop || !start) {
    throw new InputError(`${provider.title} deployments cannot be stopped`);
  }
  return {
    stop: stop.bind(provider),
    start: start.bind(provider),
  };
}

export type DeploymentTaskHandlerOptions = {
  store: DeploymentStore;
  providers: ProviderRegistry;
  logger: LoggerService;
  /** Pause between two looks at a change the cloud is still making. */
  pollIntervalMs: number;
  /** How long provisioning or an update may take before it counts as failed. */
  provisionTimeoutMs: number;
  /** How long a destroy may take before it counts as failed. */
  destroyTimeoutMs: number;
  /** Runs deployments whose engine is `terraform`; without it they fail. */
  terraform?: TerraformEngine;
  /** Tells the owners when a task leaves their deployment failed. */
  notifier: DeploymentNotifier;
  /** Takes a deployment's DR standby down with it, when it has one. */
  standbys?: {
    teardownStandby(
      deployment: Deployment,
      provider: CloudDeploymentProvider,
      ctx: ProviderContext,
    ): Promise<'gone' | 'pending'>;
  };
  /** Names an equivalent type in the reason of a failure for want of capacity. */
  capacityAdvice?: CapacityAdvice;
};

/**
 * Runs the steps of provisioning, update and destroy tasks through the
 * deployment's provider. Each step either asks the provider to make the
 * change (`start`) or looks at how far it got (`wait`), then records the
 * outcome as a status transition, or asks to be called again after the poll
 * interval. Steps are idempotent, so a step repeated after a crash does no
 * harm: providers look before they create.
 */
export class DeploymentTaskHandler {
  readonly #options: DeploymentTaskHandlerOptions;
  readonly errors: ErrorPolicy;

  constructor(options: DeploymentTaskHandlerOptions) {
    this.#options = options;
    this.errors = deploymentTaskErrorPolicy(
      options.store,
      options.notifier,
      options.capacityAdvice,
    );
  }

  readonly handle: TaskHandler = async (task, signal) => {
    const { store, providers, logger } = this.#options;
    const deployment = await store.getDeployment(task.deploymentId);
    if (!deployment) {
      return { done: true, failed: 'The deployment no longer exists' };
    }
    const installed = providers.get(deployment.spec.provider);
    if (!installed) {
      throw new InputError(
        `No provider for ${deployment.spec.provider} is installed in this portal`,
      );
    }
    let provider = installed;
    if (deployment.spec.engine === 'terraform') {
      if (!this.#options.terraform) {
        throw new InputError(
          'The Terraform runner is not enabled on this backend (cloudDeployments.terraform.runner)',
        );
      }
      provider = this.#options.terraform.wrap(installed);
    }
    const ctx: ProviderContext = {
      signal,
      logger: logger.child({ deploymentId: deployment.id, task: task.id }),
      log: (message, data) =>
        store.appendLog(deployment.id, message, { actor: ENGINE_ACTOR, data }),
    };

    const kind = task.kind;
    if (!isDeploymentTask(kind)) {
      throw new InputError(`Task kind ${kind} is not a deployment task`);
    }
    let current = deployment;
    if (kind === 'provision' && current.status === 'pending') {
      current = await this.#transition(current, 'provisioning', signal);
    }
    // A redeploy of a deployment that never got ready updates while `provisioning`.
    const working =
      kind === 'update' ? ['updating', 'provisioning'] : [WORKING_STATUS[kind]];
    if (!working.includes(current.status)) {
      // Its work is done: an earlier run settled the deployment but lost its
      // own finish (the database went away between the two writes).
      if (current.status === DONE_STATUS[kind]) return { done: true };
      // Someone moved the deployment on (cancelled, destroyed): nothing to do.
      return {
        done: true,
        failed: `The deployment is ${current.status}, no longer ${WORKING_STATUS[kind]}`,
      };
    }

    const phase = task.payload.phase ?? 'start';
    const startedAt = task.payload.startedAt ?? new Date().toISOString();
    const observed =
      phase === 'start'
        ? await this.#start(task, current, provider, ctx)
        : await provider.describe(current, ctx);
    return this.#settle(task, current, provider, ctx, observed, {
      ...task.payload,
      phase: 'wait',
      startedAt,
    });
  };

  async #start(
    task: Task,
    deployment: Deployment,
    provider: CloudDeploymentProvider,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    switch (task.kind) {
      case 'provision':
        await ctx.log(`Creating the ${provider.title} resources`);
        return provider.provision(deployment, ctx);
      case 'update': {
        // Resources deleted outside the portal are made again.
        const seen = await provider.describe(deployment, ctx);
        if (seen.state === 'absent') {
          await ctx.log(
            `The ${provider.title} resources are gone; creating them again`,
          );
          return provider.provision(deployment, ctx);
        }
        if (seen.state === 'stopped' && provider.start) {
          // Stopped outside the portal: starting applies the spec.
          await ctx.log(
            `The ${provider.title} resources are stopped; starting them with the spec`,
          );
          return provider.start(deployment, ctx);
        }
        await ctx.log(`Applying the spec to the ${provider.title} resources`);
        return provider.update(deployment, ctx);
      }
      case 'destroy':
        await ctx.log(`Deleting the ${provider.title} resources`);
        return provider.destroy(deployment, ctx);
      case 'stop':
        await ctx.log(`Stopping the ${provider.title} resources`);
        return stoppable(provider).stop(deployment, ctx);
      case 'start':
        await ctx.log(`Starting the ${provider.title} resources`);
        return stoppable(provider).start(deployment, ctx);
      default:
        throw new InputError(`Unknown task kind ${task.kind}`);
    }
  }

  async #settle(
    task: Task,
    deployment: Deployment,
    provider: CloudDeploymentProvider,
    ctx: ProviderContext,
    observed: ObservedState,
    payload: TaskPayload,
  ): Promise<StepResult> {
    const { signal } = ctx;
    if (task.kind === 'stop') {
      return this.#settleStop(deployment, provider, ctx, observed, payload);
    }
    if (task.kind === 'start' && observed.state === 'stopped') {
      // Not started yet (or the start did not take): ask again (idempotent).
      await stoppable(provider).start(deployment, ctx);
      return this.#wait(deployment, ctx, observed, payload, 'ready');
    }
    if (task.kind === 'destroy') {
      if (
        observed.state === 'absent' &&
        (await this.#options.standbys?.teardownStandby(
          deployment,
          provider,
          ctx,
        )) === 'pending'
      ) {
        // Its DR standby goes with it; the deployment is destroyed after.
        return this.#wait(deployment, ctx, observed, payload, 'destroy');
      }
      if (observed.state === 'absent') {
        await ctx.log(`The ${provider.title} resources are deleted`);
        await this.#transition(deployment, 'destroyed', signal, {
          result: { endpoint: null },
        });
        return { done: true };
      }
      if (observed.state !== 'in-progress') {
        // Still there and not being deleted: ask again (idempotent).
        await provider.destroy(deployment, ctx);
      }
      return this.#wait(deployment, ctx, observed, payload, 'destroy');
    }

    switch (observed.state) {
      case 'ready':
        await ctx.log(
          observed.endpoint
            ? `Ready: ${observed.endpoint}`
            : `Ready on ${provider.title}`,
        );
        await this.#transition(deployment, 'active', signal, {
          result: {
            endpoint: observed.endpoint ?? null,
            outputs: observed.outputs,
            appliedSpec: deployment.spec,
          },
        });
        return { done: true };
      case 'failed': {
        await ctx.log(
          `${provider.title} reports a failure: ${observed.reason}`,
        );
        const reason = withAdvice(
          observed.reason,
          await this.#options.capacityAdvice?.(deployment, observed.code),
        );
        await this.#fail(deployment, reason, signal, {
          result: observed.outputs ? { outputs: observed.outputs } : undefined,
        });
        return { done: true, failed: reason };
      }
      case 'absent':
        // Gone before it was ready (or not visible yet): ask again.
        return {
          done: false,
          pollAfterMs: 0,
          payload: { ...payload, phase: 'start' },
        };
      default:
        return this.#wait(deployment, ctx, observed, payload, 'ready');
    }
  }

  /**
   * A stop is done when the provider sees the stopped shape, or nothing at
   * all (there is nothing left to run; a start creates it again).
   */
  async #settleStop(
    deployment: Deployment,
    provider: CloudDeploymentProvider,
    ctx: ProviderContext,
    observed: ObservedState,
    payload: TaskPayload,
  ): Promise<StepResult> {
    switch (observed.state) {
      case 'stopped':
      case 'absent': {
        await ctx.log(
          observed.state === 'stopped'
            ? `Stopped on ${provider.title}`
            : `Nothing of it runs on ${provider.title}; starting creates it again`,
        );
        const estimate = deployment.estimate
          ? stoppedEstimate(deployment.spec.provider, deployment.estimate)
          : undefined;
        await this.#transition(deployment, 'stopped', ctx.signal, {
          result: { endpoint: null },
          ...(estimate ? { estimate } : {}),
        });
        return { done: true };
      }
      case 'failed':
        await ctx.log(
          `${provider.title} reports a failure: ${observed.reason}`,
        );
        await this.#fail(deployment, observed.reason, ctx.signal);
        return { done: true, failed: observed.reason };
      case 'ready':
        // Still running: ask again (idempotent).
        await stoppable(provider).stop(deployment, ctx);
        return this.#wait(deployment, ctx, observed, payload, 'stop');
      default:
        return this.#wait(deployment, ctx, observed, payload, 'stop');
    }
  }

  async #wait(
    deployment: Deployment,
    ctx: ProviderContext,
    observed: ObservedState,
    payload: TaskPayload,
    goal: 'ready' | 'destroy' | 'stop',
  ): Promise<StepResult> {
    const { pollIntervalMs, provisionTimeoutMs, destroyTimeoutMs } =
      this.#options;
    // Stopping deletes or scales down, like a destroy.
    const timeoutMs = goal === 'ready' ? provisionTimeoutMs : destroyTimeoutMs;
    const elapsed = Date.now() - new Date(payload.startedAt!).getTime();
    const detail =
      observed.state === 'in-progress' ? observed.detail : observed.state;
    if (elapsed > timeoutMs) {
      const reason = `Timed out after ${Math.round(
        timeoutMs / 1000,
      )} s waiting for the ${GOALS[goal]}${
        detail ? ` (last seen: ${detail})` : ''
      }`;
      await this.#fail(deployment, reason, ctx.signal);
      return { done: true, failed: reason };
    }
    if (detail && detail !== payload.lastDetail) {
      await ctx.log(detail);
    }
    return {
      done: false,
      pollAfterMs: pollIntervalMs,
      payload: { ...payload, lastDetail: detail },
    };
  }

  /** Records the failure, then tells the owners (only once it is recorded). */
  async #fail(
    deployment: Deployment,
    reason: string,
    signal: AbortSignal,
    options: { result?: { outputs: Record<string, unknown> } } = {},
  ): Promise<void> {
    const failed = await this.#transition(deployment, 'failed', signal, {
      reason,
      ...options,
    });
    await this.#options.notifier.deploymentFailed(failed, reason);
  }

  async #transition(
    deployment: Deployment,
    to: DeploymentStatus,
    signal: AbortSignal,
    options: Omit<
      Parameters<DeploymentStore['transitionDeployment']>[2],
      'actor'
    > = {},
  ): Promise<Deployment> {
    // A cancelled step must not record its outcome over the cancellation.
    signal.throwIfAborted();
    return this.#options.store.transitionDeployment(deployment.id, to, {
      actor: ENGINE_ACTOR,
      from: [deployment.status],
      ...options,
    });
  }
}
