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
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { sleep } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CloudDeploymentsBackend } from '../client';
import { workspaceChildPath } from '../inputs';
import { assertWellFormedInput } from '../wellFormedInput';

/** The SHA-256 of a saved plan in the workspace, or a 400 naming the input. */
export async function planSha256(
  workspacePath: string,
  planFile: string,
): Promise<string> {
  const path = workspaceChildPath(workspacePath, planFile, 'planFile');
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes) {
    throw new InputError(
      `planFile: ${planFile.slice(
        0,
        200,
      )} is not a file in the workspace (the planFile output of cloud:terraform:plan)`,
    );
  }
  return createHash('sha256').update(bytes).digest('hex');
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/**
 * `cloud:terraform:confirm`: records the saved plan in the portal and waits
 * until a person confirms it there (the task stays running, its log says
 * where); a rejection fails the task. `cloud:terraform:apply` then applies
 * that plan only, checked by its SHA-256.
 */
export function createTerraformConfirmAction(backend: CloudDeploymentsBackend) {
  return createTemplateAction({
    id: 'cloud:terraform:confirm',
    description:
      'Shows the plan cloud:terraform:plan saved (adds, changes, destroys, monthly cost before and after) in the portal and waits for a person to confirm or reject it',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Wait for a person to confirm the plan of the previous step',
        example: `steps:
  - id: confirm
    action: cloud:terraform:confirm
    input:
      workspace: web-api-staging
      planFile: \${{ steps.plan.output.planFile }}
      add: \${{ steps.plan.output.add }}
      change: \${{ steps.plan.output.change }}
      destroy: \${{ steps.plan.output.destroy }}
      monthlyBefore: \${{ steps.plan.output.monthlyBefore }}
      monthlyAfter: \${{ steps.plan.output.monthlyAfter }}`,
      },
    ],
    schema: {
      input: {
        workspace: z => z.string().min(1).max(100),
        planFile: z => z.string(),
        add: z => z.number().int().min(0),
        change: z => z.number().int().min(0),
        destroy: z => z.number().int().min(0),
        monthlyBefore: z => z.number().min(0),
        monthlyAfter: z => z.number().min(0),
        description: z => z.string().max(1000).optional(),
        pollSeconds: z =>
          z
            .number()
            .min(0.05)
            .max(300)
            .optional()
            .describe('How often to look for the decision. Default 5'),
        timeoutMinutes: z =>
          z
            .number()
            .min(1)
            .max(7 * 24 * 60)
            .optional()
            .describe('How long to wait before the task fails. Default 1440'),
      },
      output: {
        confirmation: z => z.string(),
        confirmedBy: z => z.string(),
      },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const { workspace, planFile, add, change, destroy } = ctx.input;
      const { monthlyBefore, monthlyAfter } = ctx.input;
      const what = `${add} to add, ${change} to change, ${destroy} to destroy; monthly cost ${usd(
        monthlyBefore,
      )} → ${usd(monthlyAfter)} (${
        monthlyAfter >= monthlyBefore ? '+' : '−'
      }${usd(Math.abs(monthlyAfter - monthlyBefore))})`;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would ask for a confirmation of: ${what}`);
        ctx.output('confirmation', 'dry-run');
        ctx.output('confirmedBy', 'dry-run');
        return;
      }
      const sha = await planSha256(ctx.workspacePath, planFile);
      const credentials = await ctx.getInitiatorCredentials();
      const requested = await ctx.checkpoint({
        key: `confirm-request-${workspace}-${sha}`,
        fn: async () =>
          (
            await backend.call(credentials, api =>
              api.requestTerraformPlanConfirmation(workspace, {
                planSha256: sha,
                add,
                change,
                destroy,
                monthlyBefore,
                monthlyAfter,
                ...(ctx.input.description
                  ? { description: ctx.input.description }
                  : {}),
              }),
            )
          ).id,
      });
      ctx.logger.info(`Plan: ${what}`);
      const where = `terraform/workspaces/${encodeURIComponent(
        workspace,
      )}/confirmations/${requested}`;
      ctx.logger.info(
        `Waiting for a person to confirm plan ${sha.slice(
          0,
          12,
        )}… in the portal at /cloud-deployments/${where} (or POST /api/cloud-deployments/${where}/decision)`,
      );
      const pollMs = (ctx.input.pollSeconds ?? 5) * 1000;
      const deadline =
        Date.now() + (ctx.input.timeoutMinutes ?? 24 * 60) * 60_000;
      for (;;) {
        const current = await backend.call(credentials, api =>
          api.getTerraformPlanConfirmation(workspace, requested),
        );
        if (current.status === 'confirmed') {
          ctx.logger.info(
            `Confirmed by ${current.decidedBy}${
              current.comment ? `: ${current.comment}` : ''
            }`,
          );
          ctx.output('confirmation', current.id);
          ctx.output('confirmedBy', current.decidedBy ?? '');
          return;
        }
        if (current.status === 'rejected') {
          throw new NotAllowedError(
            `The plan was rejected by ${current.decidedBy}${
              current.comment ? `: ${current.comment}` : ''
            }`,
          );
        }
        if (Date.now() > deadline) {
          throw new NotAllowedError(
            `Nobody confirmed the plan within ${
              ctx.input.timeoutMinutes ?? 24 * 60
            } minutes`,
          );
        }
        await sleep(pollMs, ctx.signal);
      }
    },
  });
}
