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
  TerraformPlanSummary,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ProviderContext,
  ProviderError,
  TerraformCommandError,
  TerraformOutputValue,
  TerraformPlan,
  TerraformRunner,
  visibleOutputs,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { PlanPricer } from '../pricing/plan/PlanPricer';
import { TerraformStateStore } from './TerraformStateStore';
import { createWorkspaceToken } from './workspaceTokens';

/**
 * What a change preview learns from Terraform: the plan of the new spec
 * against the current state, or why there is none.
 */
export type TerraformChangePlan =
  | { terraformPlan: TerraformPlanSummary }
  | { terraformPlanError: string };

/** Who the engine's workspaces are recorded as made by. */
const ENGINE_REF = 'plugin:cloud-deployments';

/** How the job engine runs Terraform; from `cloudDeployments.terraform.runner`. */
export type TerraformEngineOptions = {
  states: TerraformStateStore;
  planPricer: PlanPricer;
  /** The plugin's internal base URL, where Terraform reaches the state backend. */
  baseUrl: () => Promise<string>;
  logger: LoggerService;
  /** Limit of an apply or destroy, in ms. */
  applyTimeoutMs: number;
  /** Limit of a change preview's whole plan (init and plan), in ms. Default 120 s. */
  previewTimeoutMs?: number;
  /** Preview plans that may run at once on this backend; more are refused. Default 2. */
  previewConcurrency?: number;
  terraformPath?: string;
  /** Extra environment for Terraform, e.g. `TF_CLI_CONFIG_FILE` pointing at a provider mirror. */
  env?: Record<string, string>;
  /**
   * The policies' word on a priced plan before it is applied: a refusal's
   * explanation, which fails the change, or `undefined` to apply.
   */
  checkPlan?: (
    deployment: Deployment,
    plan: TerraformPlanSummary,
  ) => Promise<string | undefined>;
};

/**
 * Provisions deployments whose engine is `terraform`: the provider renders
 * the configuration, and each change is `init`, `plan -out`, the plan priced
 * and logged, then `apply` of that saved plan, with state in the plugin's
 * own HTTP backend (a workspace per deployment, a fresh token per run).
 * It wraps a provider so the job engine drives it like any other.
 */
export class TerraformEngine {
  readonly #options: TerraformEngineOptions;
  /** Preview plans running now, against `previewConcurrency`. */
  #previews = 0;

  constructor(options: TerraformEngineOptions) {
    this.#options = options;
  }

  /** The provider's resources, made and changed through Terraform. */
  wrap(provider: CloudDeploymentProvider): CloudDeploymentProvider {
    return {
      id: provider.id,
      title: `${provider.title} (Terraform)`,
      sandbox: provider.sandbox,
      sandboxTerraform: provider.sandboxTerraform,
      validate: provider.validate?.bind(provider),
      render: provider.render?.bind(provider),
      provision: (deployment, ctx) => this.#apply(provider, deployment, ctx),
      update: (deployment, ctx) => this.#apply(provider, deployment, ctx),
      destroy: (deployment, ctx) => this.#destroy(provider, deployment, ctx),
      describe: deployment => this.describe(deployment),
    };
  }

  /**
   * What the state says: `ready` with its non-sensitive outputs while it
   * holds resources, `absent` otherwise. Read from the database, no run.
   */
  async describe(deployment: Deployment): Promise<ObservedState> {
    const { states } = this.#options;
    const workspace = await states.getWorkspace(deployment.id);
    const current = workspace && (await states.readState(workspace.id));
    if (!current) return { state: 'absent' };
    const state = JSON.parse(current.state.toString('utf8'));
    if (!Array.isArray(state.resources) || state.resources.length === 0) {
      return { state: 'absent' };
    }
    return ready(state.outputs ?? {});
  }

  /**
   * The plan of `deployment` (with the spec a change would apply) against
   * its current state, priced, for a preview. Read-only: Terraform plans
   * against a local copy of the state, so the workspace's token, lock and
   * state are never touched and a running apply goes on undisturbed.
   * Bounded in time and in how many run at once; a plan that cannot run is
   * an explanation, never an error.
   */
  async planChange(
    provider: CloudDeploymentProvider,
    deployment: Deployment,
    signal?: AbortSignal,
  ): Promise<TerraformChangePlan> {
    const { previewConcurrency = 2, previewTimeoutMs = 120_000 } =
      this.#options;
    if (previewConcurrency === 0) {
      return {
        terraformPlanError:
          'Terraform plan previews are turned off on this backend (cloudDeployments.terraform.runner.previewConcurrency is 0).',
      };
    }
    if (this.#previews >= previewConcurrency) {
      return {
        terraformPlanError: `The backend is busy with other Terraform plan previews (${previewConcurrency} at once); try again in a moment.`,
      };
    }
    this.#previews += 1;
    const deadline = AbortSignal.timeout(previewTimeoutMs);
    try {
      return {
        terraformPlan: await this.#planCopy(
          provider,
          deployment,
          signal ? AbortSignal.any([signal, deadline]) : deadline,
        ),
      };
    } catch (error) {
      const message = deadline.aborted
        ? `it did not finish within ${
            previewTimeoutMs < 1000
              ? `${previewTimeoutMs} ms`
              : `${Math.round(previewTimeoutMs / 1000)} s`
          }`
        : errorMessage(error);
      this.#options.logger.warn(
        `Terraform plan preview of ${deployment.id} failed: ${message}`,
      );
      return {
        terraformPlanError: `Terraform could not plan the change: ${message}`,
      };
    } finally {
      this.#previews -= 1;
    }
  }

  async #planCopy(
    provider: CloudDeploymentProvider,
    deployment: Deployment,
    signal: AbortSignal,
  ): Promise<TerraformPlanSummary> {
    if (!provider.render) {
      throw new InputError(`${provider.title} cannot render Terraform`);
    }
    const { files } = await provider.render(deployment);
    const { states } = this.#options;
    const workspace = await states.getWorkspace(deployment.id);
    const current = workspace && (await states.readState(workspace.id));
    const runner = await TerraformRunner.inTempDir(files, {
      localState: {
        state: current ? current.state.toString('utf8') : undefined,
      },
      signal,
      // Interrupted, a plan of a local copy has nothing to clean up.
      graceMs: 5_000,
      terraformPath: this.#options.terraformPath,
      env: this.#options.env,
    });
    try {
      await runner.init();
      return this.#summarize(deployment, await runner.plan());
    } finally {
      await runner.dispose();
    }
  }

  async #apply(
    provider: CloudDeploymentProvider,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    return this.#withRunner(provider, deployment, ctx, async runner => {
      const plan = await runner.plan();
      const summary = await this.#logPlan(deployment, plan, ctx);
      const refusal = await this.#options.checkPlan?.(deployment, summary);
      if (refusal) {
        throw new ProviderError(`Terraform apply: ${refusal}`, {
          kind: 'permanent',
          code: 'PolicyRefused',
        });
      }
      if (plan.changes.add + plan.changes.change + plan.changes.destroy > 0) {
        await runner.apply(plan);
      }
      return ready(await runner.output());
    });
  }

  async #destroy(
    provider: CloudDeploymentProvider,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    if ((await this.describe(deployment)).state === 'absent') {
      await ctx.log(
        'The Terraform state holds no resources: nothing to destroy',
      );
      return { state: 'absent' };
    }
    return this.#withRunner(provider, deployment, ctx, async runner => {
      const plan = await runner.plan({ destroy: true });
      await this.#logPlan(deployment, plan, ctx);
      await runner.apply(plan);
      return { state: 'absent' };
    });
  }

  /** Renders, writes a work directory, inits against the workspace; always cleans up. */
  async #withRunner(
    provider: CloudDeploymentProvider,
    deployment: Deployment,
    ctx: ProviderContext,
    work: (runner: TerraformRunner) => Promise<ObservedState>,
  ): Promise<ObservedState> {
    if (!provider.render) {
      throw new InputError(
        `${provider.title} cannot render Terraform; use engine sdk`,
      );
    }
    const { files } = await provider.render(deployment);
    const {
      id: workspaceId,
      name,
      token,
    } = await this.#workspaceToken(deployment);
    const address = `${await this.#options.baseUrl()}/terraform/state/${name}`;
    const runner = await TerraformRunner.inTempDir(files, {
      backend: { address, username: name, password: token },
      signal: ctx.signal,
      terraformPath: this.#options.terraformPath,
      env: this.#options.env,
      timeouts: {
        apply: this.#options.applyTimeoutMs,
        destroy: this.#options.applyTimeoutMs,
      },
      onLine: ({ command, line }) =>
        line.trim() ? ctx.log(`terraform ${command}: ${line}`) : undefined,
    });
    try {
      await ctx.log(
        `Terraform: ${
          Object.keys(files).length
        } files rendered, state in workspace ${name}`,
      );
      await runner.init();
      return await work(runner);
    } catch (error) {
      throw await this.#explainLock(error, workspaceId);
    } finally {
      await runner.dispose();
    }
  }

  /** The deployment's workspace, made on first use, with a token for this run only. */
  async #workspaceToken(
    deployment: Deployment,
  ): Promise<{ id: string; name: string; token: string }> {
    const { states } = this.#options;
    const name = deployment.id;
    const { token, hash } = createWorkspaceToken();
    const existing = await states.getWorkspace(name);
    if (existing) {
      await states.replaceToken(existing.id, hash);
      return { id: existing.id, name, token };
    }
    const created = await states.createWorkspace({
      name,
      deploymentId: deployment.id,
      tokenHash: hash,
      createdBy: ENGINE_REF,
    });
    return { id: created.id, name, token };
  }

  /**
   * Terraform names only the lock's id when another run holds it; the
   * reason says whose run it is. Retried: the other run usually ends.
   */
  async #explainLock(error: unknown, workspaceId: string): Promise<unknown> {
    if (
      !(error instanceof TerraformCommandError) ||
      !/Error acquiring the state lock/.test(error.message)
    ) {
      return error;
    }
    const holder = await this.#options.states.getLock(workspaceId);
    if (!holder) return error;
    const { ID, Operation, Who } = holder.info;
    return new ProviderError(
      `The Terraform state is locked by another run: lock ${ID}${
        Operation ? `, ${Operation}` : ''
      }${Who ? ` by ${Who}` : ''}, since ${
        holder.lockedAt
      }. If that run is gone, someone with the force-unlock permission can release the lock.`,
      { kind: 'transient', code: 'StateLocked' },
    );
  }

  async #logPlan(
    deployment: Deployment,
    plan: TerraformPlan,
    ctx: ProviderContext,
  ): Promise<TerraformPlanSummary> {
    const summary = this.#summarize(deployment, plan);
    const { add, change, destroy } = plan.changes;
    const delta = summary.monthlyDelta;
    await ctx.log(
      `Plan: ${add} to add, ${change} to change, ${destroy} to destroy; monthly cost ${usd(
        summary.monthlyBefore,
      )} → ${usd(summary.monthlyAfter)} (${delta >= 0 ? '+' : '−'}${usd(
        Math.abs(delta),
      )})${
        summary.unpriced.length
          ? `; not priced: ${summary.unpriced.join(', ')}`
          : ''
      }`,
      { terraformPlan: summary },
    );
    return summary;
  }

  /** A plan priced: what it changes and what that costs a month. */
  #summarize(
    deployment: Deployment,
    plan: TerraformPlan,
  ): TerraformPlanSummary {
    const priced = this.#options.planPricer.price(plan.json, {
      awsRegion:
        deployment.spec.provider === 'aws-sagemaker'
          ? deployment.spec.region
          : undefined,
    });
    return {
      changes: plan.changes,
      resources: priced.resources
        .filter(r => r.action !== 'no-op' && r.action !== 'read')
        .map(r => ({ address: r.address, action: r.action })),
      monthlyBefore: priced.monthlyBefore,
      monthlyAfter: priced.monthlyAfter,
      monthlyDelta: priced.monthlyDelta,
      unpriced: priced.unpriced,
      ...(plan.state ? { stateSerial: plan.state.serial } : {}),
    };
  }
}

/** `ready`, with the outputs that are not sensitive; the endpoint from `endpoint` or `url`. */
function ready(outputs: Record<string, TerraformOutputValue>): ObservedState {
  const visible = visibleOutputs(outputs);
  const endpoint = [visible.endpoint, visible.url].find(
    (v): v is string => typeof v === 'string' && /^https?:\/\//.test(v),
  );
  return {
    state: 'ready',
    outputs: visible,
    ...(endpoint ? { endpoint } : {}),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}
