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
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsBackend } from '../client';
import { assertWellFormedInput } from '../wellFormedInput';

/** `cloud:deployment:destroy`: destroys a deployment by id or name. */
export function createDeploymentDestroyAction(
  backend: CloudDeploymentsBackend,
  options: { pollIntervalMs?: number } = {},
) {
  const pollMs = options.pollIntervalMs ?? 1000;
  return createTemplateAction({
    id: 'cloud:deployment:destroy',
    description:
      "Destroys a deployment's cloud resources through the cloud-deployments backend; with wait, until they are gone",
    supportsDryRun: true,
    examples: [
      {
        description: 'Destroy a deployment by name and wait',
        example: `steps:
  - id: destroy
    action: cloud:deployment:destroy
    input:
      name: web-api
      wait: true`,
      },
    ],
    schema: {
      input: {
        id: z => z.string().optional().describe('Deployment id'),
        name: z => z.string().optional().describe('Or its name'),
        wait: z => z.boolean().optional(),
        timeoutSeconds: z => z.number().int().min(1).max(7200).optional(),
      },
      output: { id: z => z.string(), status: z => z.string() },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      const { id, name, wait, timeoutSeconds = 900 } = ctx.input;
      if (!id === !name) {
        throw new InputError('Give either id or name of the deployment');
      }
      let target: Deployment;
      if (id) {
        target = await backend.call(credentials, api => api.getDeployment(id));
      } else {
        const page = await backend.call(credentials, api =>
          api.listDeployments({ q: name, limit: 100 }),
        );
        const found = page.items.find(
          d => d.name === name && d.status !== 'destroyed',
        );
        if (!found) throw new NotFoundError(`No deployment named ${name}`);
        target = found;
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would destroy ${target.name} (${target.id}), now ${target.status}`,
        );
        ctx.output('id', target.id);
        ctx.output('status', target.status);
        return;
      }
      let deployment = await backend.call(credentials, api =>
        api.destroyDeployment(target.id),
      );
      ctx.logger.info(`Destroying ${deployment.name}: ${deployment.status}`);
      const deadline = Date.now() + timeoutSeconds * 1000;
      while (wait && deployment.status !== 'destroyed') {
        if (deployment.status === 'failed') {
          throw new Error(
            `Destroy of ${deployment.name} (${deployment.id}) failed: ${deployment.statusReason}. Its resources may remain; destroy it again from the portal.`,
          );
        }
        if (Date.now() > deadline) {
          throw new Error(
            `Stopped waiting for ${deployment.name} (${deployment.id}) to be destroyed: it is still ${deployment.status}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, pollMs));
        deployment = await backend.call(credentials, api =>
          api.getDeployment(target.id),
        );
      }
      ctx.logger.info(`${deployment.name} is ${deployment.status}`);
      ctx.output('id', deployment.id);
      ctx.output('status', deployment.status);
    },
  });
}
