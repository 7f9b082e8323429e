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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  TerraformOutputLine,
  TerraformRunner,
  visibleOutputs,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { readdir, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { z as zod } from 'zod/v3';
import { CloudDeploymentsBackend } from '../client';
import { assertWellFormedInput } from '../wellFormedInput';
import { workspaceChildPath } from '../inputs';
import { planSha256 } from './terraformConfirm';

type Options = { terraformPath?: string; env?: Record<string, string> };

/** A state workspace name, as the portal's backend accepts it. */
const workspaceName = (z: typeof zod) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/)
    .describe('The Terraform state workspace in the portal');

/**
 * The Terraform directory in the workspace, checked before anything runs:
 * without it a workspace was created in the portal and terraform started,
 * only to fail on a directory that is not there or holds no configuration.
 */
async function terraformDirectory(
  workspacePath: string,
  directory: string,
): Promise<string> {
  const dir = workspaceChildPath(workspacePath, directory, 'directory');
  const entries = await readdir(dir).catch(() => undefined);
  if (!entries) {
    throw new InputError(
      `directory: ${directory.slice(
        0,
        200,
      )} is not a directory in the workspace`,
    );
  }
  if (!entries.some(name => /\.tf(\.json)?$/.test(name))) {
    throw new InputError(
      `directory: ${directory.slice(0, 200)} holds no Terraform files (*.tf)`,
    );
  }
  return dir;
}

/** Streams Terraform's lines into the task log. */
const logLines =
  (logger: { info(message: string): void }) =>
  ({ command, line }: TerraformOutputLine) => {
    if (line.trim()) logger.info(`terraform ${command}: ${line}`);
  };

/**
 * A runner for a workspace directory with the state in the backend's
 * workspace `name` (made when missing), under a token made for this step
 * only: it is never an output, so it never lands in the task's log.
 */
async function runnerFor(
  backend: CloudDeploymentsBackend,
  credentials: BackstageCredentials,
  dir: string,
  workspace: string,
  ctx: { logger: { info(m: string): void }; signal?: AbortSignal },
  options: Options,
): Promise<TerraformRunner> {
  const name = encodeURIComponent(workspace);
  let token: string;
  try {
    ({ token } = await backend.call(credentials, api =>
      api.replaceTerraformWorkspaceToken(workspace),
    ));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    ({ token } = await backend.call(credentials, api =>
      api.createTerraformWorkspace({ name: workspace }),
    ));
    ctx.logger.info(`Created Terraform state workspace ${workspace}`);
  }
  return new TerraformRunner({
    dir,
    backend: {
      address: `${await backend.baseUrl()}/terraform/state/${name}`,
      username: workspace,
      password: token,
    },
    signal: ctx.signal,
    terraformPath: options.terraformPath,
    env: options.env,
    onLine: logLines(ctx.logger),
  });
}

/** `cloud:terraform:plan`: plans the directory, prices the plan, keeps the plan file. */
export function createTerraformPlanAction(
  backend: CloudDeploymentsBackend,
  options: Options = {},
) {
  return createTemplateAction({
    id: 'cloud:terraform:plan',
    description:
      "Runs terraform init and plan -out on a workspace directory with state in the portal's backend, and prices the plan; a dry run only validates",
    supportsDryRun: true,
    examples: [
      {
        description: 'Plan the files cloud:render wrote',
        example: `steps:
  - id: plan
    action: cloud:terraform:plan
    input:
      directory: terraform
      workspace: web-api-staging`,
      },
    ],
    schema: {
      input: {
        directory: z => z.string(),
        workspace: z => workspaceName(z),
        destroy: z => z.boolean().optional(),
      },
      output: {
        planFile: z => z.string(),
        add: z => z.number(),
        change: z => z.number(),
        destroy: z => z.number(),
        monthlyBefore: z => z.number(),
        monthlyAfter: z => z.number(),
        stateSerial: z => z.number().optional(),
        stateLineage: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const dir = await terraformDirectory(
        ctx.workspacePath,
        ctx.input.directory,
      );
      if (ctx.isDryRun) {
        // No state is read or locked: the configuration is only checked.
        const runner = new TerraformRunner({
          dir,
          signal: ctx.signal,
          terraformPath: options.terraformPath,
          env: options.env,
          onLine: logLines(ctx.logger),
        });
        await runner.init({ backend: false });
        await runner.validate();
        ctx.output('planFile', `${ctx.input.directory}/tfplan`);
        for (const key of ['add', 'change', 'destroy'] as const) {
          ctx.output(key, 0);
        }
        ctx.output('monthlyBefore', 0);
        ctx.output('monthlyAfter', 0);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const runner = await runnerFor(
        backend,
        credentials,
        dir,
        ctx.input.workspace,
        ctx,
        options,
      );
      await runner.init();
      const plan = await runner.plan({ destroy: ctx.input.destroy });
      const priced = await backend.call(credentials, api =>
        api.estimatePlan({ plan: plan.json }),
      );
      ctx.logger.info(
        `Plan: ${plan.changes.add} to add, ${plan.changes.change} to change, ${
          plan.changes.destroy
        } to destroy; monthly cost $${priced.monthlyBefore.toFixed(
          2,
        )} → $${priced.monthlyAfter.toFixed(2)}`,
      );
      ctx.output('planFile', relative(ctx.workspacePath, plan.file));
      ctx.output('add', plan.changes.add);
      ctx.output('change', plan.changes.change);
      ctx.output('destroy', plan.changes.destroy);
      ctx.output('monthlyBefore', priced.monthlyBefore);
      ctx.output('monthlyAfter', priced.monthlyAfter);
      if (plan.state) {
        ctx.output('stateSerial', plan.state.serial);
        ctx.output('stateLineage', plan.state.lineage);
      }
    },
  });
}

/** `cloud:terraform:apply`: applies a saved plan, only while its state is current. */
export function createTerraformApplyAction(
  backend: CloudDeploymentsBackend,
  options: Options = {},
) {
  return createTemplateAction({
    id: 'cloud:terraform:apply',
    description:
      'Applies the plan cloud:terraform:plan saved, and only it: a plan made before the state changed is refused. Outputs the non-sensitive Terraform outputs',
    supportsDryRun: true,
    examples: [
      {
        description: 'Apply the plan of the previous step',
        example: `steps:
  - id: apply
    action: cloud:terraform:apply
    input:
      directory: terraform
      workspace: web-api-staging
      planFile: \${{ steps.plan.output.planFile }}
      stateSerial: \${{ steps.plan.output.stateSerial }}
      stateLineage: \${{ steps.plan.output.stateLineage }}`,
      },
    ],
    schema: {
      input: {
        directory: z => z.string(),
        workspace: z => workspaceName(z),
        planFile: z => z.string(),
        stateSerial: z => z.number().optional(),
        stateLineage: z => z.string().optional(),
        confirmation: z =>
          z
            .string()
            .optional()
            .describe(
              'The confirmation cloud:terraform:confirm waited for: only the plan file a person confirmed is applied',
            ),
      },
      output: { outputs: z => z.record(z.unknown()) },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const dir = workspaceChildPath(
        ctx.workspacePath,
        ctx.input.directory,
        'directory',
      );
      const planFile = workspaceChildPath(
        ctx.workspacePath,
        ctx.input.planFile,
        'planFile',
      );
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would apply ${ctx.input.planFile} to workspace ${ctx.input.workspace}`,
        );
        ctx.output('outputs', {});
        return;
      }
      await terraformDirectory(ctx.workspacePath, ctx.input.directory);
      if (!(await stat(planFile).catch(() => undefined))?.isFile()) {
        throw new InputError(
          `planFile: ${ctx.input.planFile.slice(
            0,
            200,
          )} is not a file in the workspace (the planFile output of cloud:terraform:plan)`,
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.input.confirmation !== undefined) {
        const { confirmation, workspace } = ctx.input;
        const confirmed = await backend.call(credentials, api =>
          api.getTerraformPlanConfirmation(workspace, confirmation),
        );
        if (confirmed.status !== 'confirmed') {
          throw new NotAllowedError(
            `The plan is ${confirmed.status}, not confirmed: it is not applied`,
          );
        }
        const sha = await planSha256(ctx.workspacePath, ctx.input.planFile);
        if (sha !== confirmed.planSha256) {
          throw new NotAllowedError(
            `planFile: is not the plan ${
              confirmed.decidedBy
            } confirmed (SHA-256 ${sha.slice(
              0,
              12,
            )}…, confirmed ${confirmed.planSha256.slice(0, 12)}…)`,
          );
        }
      }
      const runner = await runnerFor(
        backend,
        credentials,
        dir,
        ctx.input.workspace,
        ctx,
        options,
      );
      const { stateSerial, stateLineage } = ctx.input;
      await runner.apply({
        file: planFile,
        state:
          stateSerial !== undefined && stateLineage
            ? { serial: stateSerial, lineage: stateLineage }
            : undefined,
      });
      ctx.output('outputs', visibleOutputs(await runner.output()));
    },
  });
}
