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
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CloudDeploymentsBackend } from '../client';
import { deploymentInput, deploymentRequest } from '../deploymentInput';
import { assertWellFormedInput } from '../wellFormedInput';

/**
 * `cloud:render`: writes the Terraform (or manifests) the provider renders
 * for a deployment into the workspace. The backend builds them as data
 * (`*.tf.json`), so form values never become syntax.
 */
export function createRenderAction(backend: CloudDeploymentsBackend) {
  return createTemplateAction({
    id: 'cloud:render',
    description:
      'Writes the Terraform files of a deployment into the workspace, for review in a pull request or for cloud:terraform:plan',
    // It only writes into the workspace, so a dry run shows the files.
    supportsDryRun: true,
    examples: [
      {
        description: 'Terraform for a Cloud Run service into ./terraform',
        example: `steps:
  - id: render
    action: cloud:render
    input:
      targetPath: terraform
      name: web-api
      owner: group:default/web-team
      component: component:default/web-api
      environment: staging
      provider: gcp-cloud-run
      region: europe-west1
      engine: terraform
      artifact: { image: europe-docker.pkg.dev/acme/web/api:2.3.1 }
      compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 }`,
      },
    ],
    schema: {
      input: {
        ...deploymentInput,
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Directory in the workspace; default the workspace root'),
      },
      output: { files: z => z.array(z.string()) },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const { targetPath = '.', ...request } = ctx.input;
      const { files } = await backend.request<{
        files: Record<string, string>;
      }>(
        await ctx.getInitiatorCredentials(),
        'POST',
        '/render',
        deploymentRequest({
          ...request,
          engine: request.engine ?? 'terraform',
        }),
      );
      const base = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const written: string[] = [];
      for (const [path, content] of Object.entries(files)) {
        const full = resolveSafeChildPath(base, path);
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
        const relative = targetPath === '.' ? path : `${targetPath}/${path}`;
        written.push(relative);
        ctx.logger.info(`Wrote ${relative} (${content.length} bytes)`);
      }
      ctx.output('files', written);
    },
  });
}
