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
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CloudDeploymentsBackend } from '../client';
import { assertWellFormedInput } from '../wellFormedInput';
import { workspaceChildPath } from '../inputs';

const describeRef = (r: { kind: string; namespace: string; name: string }) =>
  `${r.kind} ${r.namespace}/${r.name}`;

/** The YAML files at a workspace path (a file, or a directory's `*.yaml`/`*.yml`, sorted). */
async function manifestFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (info.isFile()) return [path];
  const entries = await readdir(path, { recursive: true });
  return entries
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => join(path, name));
}

/**
 * `cloud:kubernetes:apply`: applies the manifests in the workspace (e.g.
 * written by `cloud:render`) server-side to one of the portal's clusters,
 * through the cloud-deployments backend, which holds the cluster
 * credentials and checks the objects first. A dry run asks the cluster to
 * check everything and persist nothing.
 */
export function createKubernetesApplyAction(backend: CloudDeploymentsBackend) {
  return createTemplateAction({
    id: 'cloud:kubernetes:apply',
    description:
      'Applies Kubernetes manifests from the workspace to a cluster with server-side apply, optionally pruning what left the set and waiting for rollouts',
    // The cluster's own dry run (dryRun=All): checked, nothing persisted.
    supportsDryRun: true,
    examples: [
      {
        description:
          'Render a deployment as manifests, then apply them and wait',
        example: `steps:
  - id: render
    action: cloud:render
    input:
      name: web-shop
      owner: group:default/web-team
      component: component:default/web-shop
      environment: staging
      provider: kubernetes
      region: europe-west1
      engine: kubernetes
      artifact: { image: ghcr.io/acme/web-shop:1.4.0 }
      compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2, maxInstances: 6 }
  - id: apply
    action: cloud:kubernetes:apply
    input:
      path: manifests
      applySet: web-shop
      prune: true
      wait: true`,
      },
    ],
    schema: {
      input: {
        path: z =>
          z
            .string()
            .default('manifests')
            .describe(
              'A YAML file, or a directory whose *.yaml and *.yml files are applied in name order',
            ),
        applySet: z =>
          z
            .string()
            .describe(
              'Names the set of objects; every object is labelled with it, and prune deletes what left it',
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              "A cluster of the portal's kubernetes config; the first by default",
            ),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              'The namespace of every object; the configured one by default',
            ),
        prune: z =>
          z
            .boolean()
            .default(false)
            .describe("Delete the set's objects the manifests no longer have"),
        wait: z =>
          z
            .boolean()
            .default(false)
            .describe('Wait for every Deployment to roll out'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(3600)
            .optional()
            .describe('Time limit of the wait; default 300'),
      },
      output: {
        cluster: z => z.string(),
        namespace: z => z.string(),
        applied: z => z.array(z.string()),
        pruned: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      // The scaffolder checks the input against the schema but does not fill
      // in its defaults.
      const { path = 'manifests', ...options } = ctx.input;
      const full = workspaceChildPath(ctx.workspacePath, path, 'path');
      const files = await manifestFiles(full);
      if (files.length === 0) {
        throw new InputError(
          `No manifests at ${path} in the workspace (a YAML file, or a directory of *.yaml files)`,
        );
      }
      // Each file is its own stream of documents: a separator between them.
      const manifests = (await Promise.all(files.map(f => readFile(f, 'utf8'))))
        .map(text => text.replace(/\n?$/, '\n'))
        .join('---\n');
      const result = await backend.call(
        await ctx.getInitiatorCredentials(),
        api =>
          api.applyKubernetesManifests({
            ...options,
            manifests,
            dryRun: Boolean(ctx.isDryRun),
          }),
      );
      for (const line of result.log) ctx.logger.info(line);
      ctx.output('cluster', result.cluster);
      ctx.output('namespace', result.namespace);
      ctx.output('applied', result.applied.map(describeRef));
      ctx.output('pruned', result.pruned.map(describeRef));
      const stuck = result.rollouts.filter(r => !r.ready);
      if (stuck.length) {
        throw new Error(
          `${stuck
            .map(r => r.message)
            .join('; ')}. What was applied remains in cluster ${
            result.cluster
          }: ${result.applied
            .map(describeRef)
            .join(
              ', ',
            )}; apply again once the cause is fixed, or delete the objects labelled cloud-deployments.backstage.io/apply-set=${
            options.applySet
          }`,
        );
      }
    },
  });
}
