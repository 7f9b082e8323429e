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
import { InputError } from '@backstage/errors';
import { RENDER_FORMATS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CloudDeploymentsBackend } from '../client';
import { workspaceChildPath } from '../inputs';
import { deploymentInput, deploymentRequest } from '../deploymentInput';
import { assertWellFormedInput } from '../wellFormedInput';

/**
 * `cloud:render`: writes the Terraform (or manifests) the provider renders
 * for a deployment into the workspace, or with `format: compose` a
 * `docker-compose.yaml` to run it locally. The backend builds them as data
 * (`*.tf.json`, objects the YAML library writes), so form values never
 * become syntax.
 */
export function createRenderAction(backend: CloudDeploymentsBackend) {
  return createTemplateAction({
    id: 'cloud:render',
    description:
      'Writes the Terraform files of a deployment into the workspace, for review in a pull request or for cloud:terraform:plan, or a docker-compose.yaml that runs it locally',
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
      {
        description:
          'A docker-compose.yaml of the same service, to run it on a laptop',
        example: `steps:
  - id: compose
    action: cloud:render
    input:
      format: compose
      name: web-api
      owner: group:default/web-team
      component: component:default/web-api
      environment: development
      provider: gcp-cloud-run
      region: europe-west1
      artifact: { image: europe-docker.pkg.dev/acme/web/api:2.3.1 }
      compute: { cpu: 1, memoryMiB: 512 }`,
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
        format: z =>
          z
            .enum(RENDER_FORMATS)
            .optional()
            .describe(
              "engine (the default): the Terraform or manifests of the deployment's engine; compose: a docker-compose.yaml that runs its image locally with the target's port, limits and health check",
            ),
      },
      output: { files: z => z.array(z.string()) },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const { targetPath = '.', format, ...request } = ctx.input;
      // Checked before the backend is asked: a file where the directory goes
      // failed only when writing.
      const base = workspaceChildPath(
        ctx.workspacePath,
        targetPath,
        'targetPath',
      );
      const existing = await stat(base).then(
        info => (info.isDirectory() ? 'directory' : 'file'),
        () => 'none',
      );
      if (existing === 'file') {
        throw new InputError(
          `targetPath: ${targetPath.slice(
            0,
            200,
          )} is not a directory the workspace can hold`,
        );
      }
      const { files } = await backend.call(
        await ctx.getInitiatorCredentials(),
        api =>
          api.renderDeployment(
            deploymentRequest({
              ...request,
              engine: request.engine ?? 'terraform',
            }),
            format ? { format } : {},
          ),
      );
      const written: string[] = [];
      for (const [path, content] of Object.entries(files)) {
        try {
          const full = resolveSafeChildPath(base, path);
          await mkdir(dirname(full), { recursive: true });
          await writeFile(full, content);
        } catch (error) {
          // E.g. a file on the way (ENOTDIR), a name too long for the disk.
          throw new InputError(
            `targetPath: ${targetPath.slice(0, 200)} cannot hold ${path}: ${
              (error as NodeJS.ErrnoException).code ?? error
            }`,
          );
        }
        const relative = targetPath === '.' ? path : `${targetPath}/${path}`;
        written.push(relative);
        ctx.logger.info(`Wrote ${relative} (${content.length} bytes)`);
      }
      ctx.output('files', written);
    },
  });
}
