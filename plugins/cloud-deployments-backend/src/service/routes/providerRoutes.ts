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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  cloudDeploymentReadPermission,
  createDeploymentRequestSchema,
  Deployment,
  renderQuerySchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { renderComposeFile } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { randomUUID } from 'node:crypto';
import { ProviderRegistry } from '../../jobs/ProviderRegistry';
import { DeploymentAuthorizer } from '../../permissions/DeploymentAuthorizer';
import { subjectOf } from '../../permissions/subject';
import { callerOf } from '../caller';
import { parseInput } from '../validation';
import { ApiRouter } from './ApiRouter';

/**
 * `GET /providers` and `POST /render` (the files of a deployment not made
 * yet: its engine's, or with `?format=compose` a Compose file).
 */
export function bindProviderRoutes(
  router: ApiRouter,
  options: {
    httpAuth: HttpAuthService;
    providers: ProviderRegistry;
    authorizer: DeploymentAuthorizer;
  },
) {
  const { httpAuth, providers, authorizer } = options;

  router.post('/render', async (req, res) => {
    const decision = await authorizer.decide(
      callerOf(httpAuth, req),
      cloudDeploymentReadPermission,
    );
    const { format = 'engine' } = parseInput(
      renderQuerySchema,
      req.query,
      'query',
    );
    const { name, title, description, ...spec } = parseInput(
      createDeploymentRequestSchema,
      req.body,
      'deployment',
    );
    const provider = providers.get(spec.provider);
    // A Compose file needs no provider: it runs the image on this machine.
    const render =
      format === 'compose'
        ? async (deployment: Deployment) => renderComposeFile(deployment)
        : provider?.render?.bind(provider);
    if (!render) {
      throw new InputError(
        `provider: ${spec.provider} ${
          provider ? 'cannot render files' : 'is not installed in this portal'
        }`,
      );
    }
    authorizer.assert(
      decision,
      subjectOf({ spec, sandbox: provider?.sandbox }),
      `deployments owned by ${spec.owner}`,
    );
    const problems = provider?.validate?.(spec, name) ?? [];
    if (problems.length) throw new InputError(problems.join('; '));
    const now = new Date().toISOString();
    // Files for a deployment that does not exist yet (e.g. code to review in
    // a pull request): a fresh id, and nothing stored.
    const deployment: Deployment = {
      id: randomUUID(),
      name,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      spec,
      status: 'pending',
      outputs: {},
      createdBy: 'render',
      createdAt: now,
      updatedBy: 'render',
      updatedAt: now,
      version: 0,
    };
    const { files } = await render(deployment);
    res.json({ files });
  });

  router.get('/providers', async (req, res) => {
    // Which providers are installed is not about any one deployment.
    await authorizer.decide(
      callerOf(httpAuth, req),
      cloudDeploymentReadPermission,
    );
    res.json(
      providers
        .list()
        .map(({ id, title, sandbox, accounts, testConnection }) => ({
          id,
          title,
          sandbox,
          ...(accounts && testConnection ? { accounts: [...accounts] } : {}),
        })),
    );
  });
}
