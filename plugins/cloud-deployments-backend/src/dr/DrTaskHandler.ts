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
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  isRetryableError,
  ObservedState,
  ProviderContext,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { ENGINE_ACTOR, WHAT } from '../jobs/deploymentTaskTerms';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { DrTaskKind, Task, TaskPayload } from '../jobs/tables';
import { ErrorPolicy, StepResult, TaskHandler } from '../jobs/TaskHandler';
import { DrStore, RUN_KINDS, StoredDrPlan } from './DrStore';
import {
  standbyDeployment,
  standbyResourceName,
  StandbyCapacity,
} from './standbyDeployment';

/**
 * One step of a DR task: bring something to a state in the cloud, or
 * record what the cloud steps did.
 */
type DrStep =
  | { cloud: 'standby'; capacity: StandbyCapacity }
  | { cloud: 'standby-gone' }
  | { cloud: 'primary' }
  | { record: 'synced' | 'recovered' | 'promoted' | 'demoted' | 'rested' }
  | { record: 'removed' };

/** The steps of each DR task, for a plan in its mode. */
function stepsOf(kind: DrTaskKind, plan: StoredDrPlan): DrStep[] {
  const rest: DrStep =
    plan.mode === 'warm-standby'
      ? { cloud: 'standby', capacity: 'minimum' }
      : { cloud: 'standby-gone' };
  switch (kind) {
    case 'dr-sync':
      return plan.standbyState === 'removing'
        ? [{ cloud: 'standby-gone' }, { record: 'removed' }]
        : [rest, { record: 'synced' }];
    case 'dr-failover':
      return [
        { cloud: 'standby', capacity: 'full' },
        { record: 'recovered' },
        { record: 'promoted' },
      ];
    case 'dr-drill':
      return [
        { cloud: 'standby', capacity: 'full' },
        { record: 'recovered' },
        rest,
        { record: 'rested' },
      ];
    case 'dr-failback':
      return [
        { cloud: 'primary' },
        { record: 'recovered' },
        { record: 'demoted' },
        rest,
        { record: 'rested' },
      ];
    default:
      throw new InputError(`Unknown DR task ${kind}`);
  }
}

export type DrTaskHandlerOptions = {
  store: DeploymentStore;
  dr: DrStore;
  providers: ProviderRegistry;
  logger: LoggerService;
  pollIntervalMs: number;
  /** How long bringing something up or down may take before the step fails. */
  timeoutMs: number;
};

/**
 * Runs the DR tasks of a deployment's standby — sync, failover, failback
 * and drill — as durable steps: each step is stored in the task's payload,
 * so a worker killed half-way is followed by another that goes on from the
 * step it was in (cloud steps look before they act, record steps are
 * idempotent). The standby is the deployment's own spec in the standby's
 * region and account under a name of its own, made by the same provider.
 */
export class DrTaskHandler {
  readonly #options: DrTaskHandlerOptions;
  readonly errors: ErrorPolicy;

  constructor(options: DrTaskHandlerOptions) {
    this.#options = options;
    this.errors = this.#errorPolicy();
  }

  readonly handle: TaskHandler = async (task, signal) => {
    const { store, dr, providers, logger } = this.#options;
    const deployment = await store.getDeployment(task.deploymentId);
    if (!deployment) return { done: true, failed: 'The deployment is gone' };
    const plan = await dr.get(deployment.id);
    if (!plan) return { done: true, failed: 'The DR plan was removed' };
    const provider = providers.get(deployment.spec.provider);
    if (!provider) {
      throw new InputError(
        `No provider for ${deployment.spec.provider} is installed in this portal`,
      );
    }
    const ctx: ProviderContext = {
      signal,
      logger: logger.child({ deploymentId: deployment.id, task: task.id }),
      log: (message, data) =>
        store.appendLog(deployment.id, `DR: ${message}`, {
          actor: ENGINE_ACTOR,
          data: { ...data, dr: true },
        }),
    };
    const kind = task.kind as DrTaskKind;
    const steps = stepsOf(kind, plan);
    const index = task.payload.step ?? 0;
    const step = steps[index];
    if (!step) return { done: true };
    const next = (payload: TaskPayload): StepResult =>
      index + 1 >= steps.length
        ? { done: true }
        : {
            done: false,
            pollAfterMs: 0,
            payload: { ...payload, step: index + 1, phase: 'start' },
          };

    if ('record' in step) {
      await this.#record(step.record, kind, deployment, plan, task, ctx);
      return next(task.payload);
    }
    const target = this.#target(step, deployment, plan, provider);
    const goal = step.cloud === 'standby-gone' ? 'absent' : 'ready';
    const outcome = await this.#cloudStep(
      target,
      goal,
      provider,
      ctx,
      task.payload,
    );
    if (outcome.state === 'done') return next(outcome.payload);
    if (outcome.state === 'failed') {
      await this.#failed(task, outcome.reason);
      return { done: true, failed: outcome.reason };
    }
    return {
      done: false,
      pollAfterMs: outcome.immediately ? 0 : this.#options.pollIntervalMs,
      payload: outcome.payload,
    };
  };

  /**
   * Takes the standby down with its deployment (a destroy calls it once the
   * primary's resources are gone): `gone` once nothing of it is left, and
   * the plan is removed with it.
   */
  async teardownStandby(
    deployment: Deployment,
    provider: CloudDeploymentProvider,
    ctx: ProviderContext,
  ): Promise<'gone' | 'pending'> {
    const plan = await this.#options.dr.get(deployment.id);
    if (!plan) return 'gone';
    const standby = this.#target(
      { cloud: 'standby-gone' },
      deployment,
      plan,
      provider,
    );
    const seen = await provider.describe(standby, ctx);
    if (seen.state === 'absent') {
      await this.#options.dr.remove(deployment.id);
      return 'gone';
    }
    if (seen.state !== 'in-progress') {
      await ctx.log(`Deleting the standby in ${plan.standbyRegion}`);
      await provider.destroy(standby, ctx);
    }
    return 'pending';
  }

  #target(
    step: Exclude<DrStep, { record: unknown }>,
    deployment: Deployment,
    plan: StoredDrPlan,
    provider: CloudDeploymentProvider,
  ): Deployment {
    if (step.cloud === 'primary') return deployment;
    const capacity = step.cloud === 'standby' ? step.capacity : 'minimum';
    const full = standbyDeployment(deployment, plan, 'full', '');
    const name = standbyResourceName(
      provider,
      full.spec,
      resourceNameOf(deployment),
    );
    if (!name) {
      throw new InputError(
        `No cloud name for the standby of ${deployment.name} is valid on ${provider.title}`,
      );
    }
    return standbyDeployment(deployment, plan, capacity, name);
  }

  /** One look (and, at its start, one ask) at a target in the cloud. */
  async #cloudStep(
    target: Deployment,
    goal: 'ready' | 'absent',
    provider: CloudDeploymentProvider,
    ctx: ProviderContext,
    payload: TaskPayload,
  ): Promise<
    | { state: 'done'; payload: TaskPayload }
    | { state: 'failed'; reason: string }
    | { state: 'waiting'; payload: TaskPayload; immediately?: boolean }
  > {
    const where = `${target.spec.region} (${target.resourceName})`;
    const startedAt = payload.startedAt ?? new Date().toISOString();
    const waiting = { ...payload, phase: 'wait' as const, startedAt };
    let seen: ObservedState = await provider.describe(target, ctx);
    if (payload.phase !== 'wait') {
      if (goal === 'absent') {
        if (seen.state !== 'absent' && seen.state !== 'in-progress') {
          await ctx.log(`Taking the standby down in ${where}`);
          seen = await provider.destroy(target, ctx);
        }
      } else if (seen.state === 'absent') {
        await ctx.log(`Creating ${target.spec.provider} resources in ${where}`);
        seen = await provider.provision(target, ctx);
      } else if (seen.state === 'stopped' && provider.start) {
        seen = await provider.start(target, ctx);
      } else if (seen.state !== 'in-progress') {
        await ctx.log(`Applying the spec in ${where}`);
        seen = await provider.update(target, ctx);
      }
    }
    if (goal === 'absent') {
      if (seen.state === 'absent') {
        // The next step's time limit counts from its own start.
        return {
          state: 'done',
          payload: { ...payload, startedAt: undefined, endpoint: undefined },
        };
      }
      if (seen.state !== 'in-progress' && payload.phase === 'wait') {
        await provider.destroy(target, ctx);
      }
    } else {
      if (seen.state === 'ready') {
        await ctx.log(
          `Ready in ${where}${seen.endpoint ? `: ${seen.endpoint}` : ''}`,
        );
        return {
          state: 'done',
          payload: {
            ...payload,
            startedAt: undefined,
            endpoint: seen.endpoint,
            readyAt: new Date().toISOString(),
          },
        };
      }
      if (seen.state === 'failed') {
        return { state: 'failed', reason: `${where}: ${seen.reason}` };
      }
      if (seen.state === 'absent' && payload.phase === 'wait') {
        // Gone before it was ready: ask again.
        return {
          state: 'waiting',
          payload: { ...waiting, phase: 'start' },
          immediately: true,
        };
      }
    }
    if (Date.now() - new Date(startedAt).getTime() > this.#options.timeoutMs) {
      return {
        state: 'failed',
        reason: `Timed out after ${Math.round(
          this.#options.timeoutMs / 1000,
        )} s waiting for ${where} to ${
          goal === 'absent' ? 'be deleted' : 'become ready'
        }`,
      };
    }
    return { state: 'waiting', payload: waiting };
  }

  async #record(
    what: Extract<DrStep, { record: unknown }>['record'],
    kind: DrTaskKind,
    deployment: Deployment,
    plan: StoredDrPlan,
    task: Task,
    ctx: ProviderContext,
  ) {
    const { dr, store } = this.#options;
    const { payload } = task;
    const runKind = RUN_KINDS[kind];
    const run = runKind
      ? await dr.runningRun(deployment.id, runKind)
      : undefined;
    switch (what) {
      case 'synced':
        await dr.setState(deployment.id, 'ready', {
          reason: null,
          standbyEndpoint: payload.endpoint ?? null,
          standbyRevision: await dr.latestRevision(deployment.id),
        });
        await ctx.log(
          plan.mode === 'warm-standby'
            ? `The warm standby in ${plan.standbyRegion} runs the current revision at minimum capacity`
            : `The pilot light in ${plan.standbyRegion} is ready: nothing runs, the current revision's spec is kept`,
        );
        return;
      case 'recovered':
        if (run) {
          await dr.recovered(run.id, new Date(payload.readyAt ?? Date.now()));
        }
        return;
      case 'promoted':
        await store.moveEndpoint(deployment.id, payload.endpoint ?? null, {
          actor: ENGINE_ACTOR,
          message: `DR: failed over to the standby in ${plan.standbyRegion}${
            payload.endpoint ? `, which now serves ${payload.endpoint}` : ''
          }; the primary in ${
            deployment.spec.region
          } is marked failed over and left as it is`,
          data: { dr: 'failover', from: deployment.spec.region },
          within: async tx => {
            await dr.setState(
              deployment.id,
              'serving',
              {
                activeSide: 'standby',
                standbyEndpoint: payload.endpoint ?? null,
                primaryEndpoint:
                  deployment.endpoint ?? plan.primaryEndpoint ?? null,
                reason: `Failed over from ${deployment.spec.region}`,
              },
              tx,
            );
          },
        });
        if (run) await dr.finishRun(run.id, 'done');
        return;
      case 'demoted':
        await store.moveEndpoint(deployment.id, payload.endpoint ?? null, {
          actor: ENGINE_ACTOR,
          message: `DR: failed back to the primary in ${
            deployment.spec.region
          }${
            payload.endpoint ? `, which serves ${payload.endpoint} again` : ''
          }`,
          data: { dr: 'failback', to: deployment.spec.region },
          within: async tx => {
            await dr.setState(
              deployment.id,
              'returning',
              { activeSide: 'primary', primaryEndpoint: null, reason: null },
              tx,
            );
          },
        });
        return;
      case 'rested':
        await dr.setState(deployment.id, 'ready', {
          reason: null,
          standbyEndpoint:
            plan.mode === 'warm-standby' ? payload.endpoint ?? null : null,
          standbyRevision: await dr.latestRevision(deployment.id),
        });
        if (run) await dr.finishRun(run.id, 'done');
        return;
      case 'removed':
        await dr.remove(deployment.id);
        await ctx.log('The DR plan is removed; its standby is gone');
        return;
      default:
        throw new InputError(`Unknown DR step ${what}`);
    }
  }

  /** A step that cannot succeed: the plan says so, and its run ends failed. */
  async #failed(task: Task, reason: string): Promise<void> {
    await this.#endInFailure(task, 'failed', reason);
    await this.#options.store.appendLog(
      task.deploymentId,
      `DR: ${WHAT[task.kind]} failed: ${reason}`,
      { actor: ENGINE_ACTOR, data: { dr: true, task: task.id } },
    );
  }

  /** The plan becomes `failed` with the reason; the task's run ends `outcome`. */
  async #endInFailure(
    task: Task,
    outcome: 'failed' | 'cancelled',
    reason: string,
  ): Promise<void> {
    const { dr } = this.#options;
    await dr.setState(task.deploymentId, 'failed', { reason });
    const runKind = RUN_KINDS[task.kind as DrTaskKind];
    const run = runKind
      ? await dr.runningRun(task.deploymentId, runKind)
      : undefined;
    if (run) await dr.finishRun(run.id, outcome, reason);
  }

  #errorPolicy(): ErrorPolicy {
    const { store } = this.#options;
    const message = (error: unknown) =>
      error instanceof Error ? error.message : String(error);
    return {
      retryable: error =>
        !(
          error instanceof InputError ||
          error instanceof ConflictError ||
          error instanceof NotFoundError ||
          error instanceof NotAllowedError
        ) && isRetryableError(error),
      onGiveUp: async (task, error) => {
        await this.#failed(task, message(error));
      },
      onRetry: async (task, error, { attempt }) => {
        await store.appendLog(
          task.deploymentId,
          `DR: attempt ${attempt} of ${task.maxAttempts} of the ${WHAT[
            task.kind
          ].toLowerCase()} failed: ${message(error)}; retrying`,
          { actor: ENGINE_ACTOR, data: { dr: true, task: task.id } },
        );
      },
      onTakeover: async (task, workerId) => {
        await store.appendLog(
          task.deploymentId,
          `DR: the ${WHAT[
            task.kind
          ].toLowerCase()} was interrupted (its worker stopped renewing its lease); ${workerId} continues it from step ${
            (task.payload.step ?? 0) + 1
          }`,
          {
            actor: ENGINE_ACTOR,
            data: { dr: true, task: task.id, takeover: { workerId } },
          },
        );
      },
      onCancelled: async task => {
        await this.#endInFailure(
          task,
          'cancelled',
          'Superseded by a change of the deployment',
        );
      },
    };
  }
}
