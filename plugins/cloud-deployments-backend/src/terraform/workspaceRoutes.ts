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
import {
  AuditorService,
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  cloudDeploymentReadPermission,
  cloudDeploymentTerraformForceUnlockPermission,
  cloudDeploymentUpdatePermission,
  textSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import express, { ErrorRequestHandler, Request } from 'express';
import { z } from 'zod/v3';
import { DeploymentStore } from '../database/DeploymentStore';
import { guardJsonBodies, MAX_JSON_DEPTH } from '../service/jsonBodyGuard';
import { parseDeploymentId, parseInput } from '../service/validation';
import { TerraformStateStore, TerraformWorkspace } from './TerraformStateStore';
import { createWorkspaceToken } from './workspaceTokens';
import { isWorkspaceName, workspaceNameSchema } from './workspaceName';

const createWorkspaceSchema = z
  .object({
    name: workspaceNameSchema.optional(),
    deploymentId: textSchema().optional(),
  })
  .strict();

/** State versions are 32-bit integer columns; a bigger one is refused, not queried. */
const stateVersionNumber = z
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(2 ** 31 - 1, `must be at most ${2 ** 31 - 1}`);

const listVersionsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    before: z.coerce.number().pipe(stateVersionNumber).optional(),
  })
  .strict();

const rollbackSchema = z.object({ version: stateVersionNumber }).strict();

const forceUnlockSchema = z
  .object({ lockId: textSchema().min(1).max(255).optional() })
  .strict();

const bodyParserErrors: ErrorRequestHandler = (error, _req, _res, next) =>
  next(
    error?.type === 'entity.parse.failed'
      ? new InputError('body: is not valid JSON')
      : error,
  );

/**
 * The API that manages Terraform state workspaces, for users and services
 * with Backstage credentials. It never returns state, only metadata; the
 * workspace token is returned once, when it is made.
 *
 * - POST /terraform/workspaces `{ name?, deploymentId? }` (update): a
 *   workspace for a deployment (named after its id unless `name` is given) or
 *   a free-standing one; 201 with `token`.
 * - GET /terraform/workspaces/:workspace (read): the workspace, its lock and
 *   current version, and the backend settings for Terraform.
 * - POST /terraform/workspaces/:workspace/token (update): a new token; the old
 *   one stops working.
 * - GET /terraform/workspaces/:workspace/versions?limit&before (read):
 *   history, newest first.
 * - POST /terraform/workspaces/:workspace/rollback `{ version }` (update): the
 *   version becomes current again as a new version; 409 while locked.
 * - POST /terraform/workspaces/:workspace/force-unlock `{ lockId? }`
 *   (cloud.deployment.terraform.forceUnlock): releases the lock, or only the
 *   given one.
 */
export function bindWorkspaceRoutes(
  router: express.Router,
  options: {
    store: TerraformStateStore;
    deployments: DeploymentStore;
    auditor: AuditorService;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    discovery: DiscoveryService;
  },
) {
  const { store, deployments, auditor, httpAuth, permissions, discovery } =
    options;

  router.use(
    '/terraform/workspaces',
    express.json({ limit: 64 * 1024 }),
    bodyParserErrors,
    guardJsonBodies({ maxDepth: () => MAX_JSON_DEPTH }),
  );

  async function authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${
          permission.attributes.action ?? 'use'
        } Terraform workspaces (${permission.name})`,
      );
    }
    return actorRef(credentials);
  }

  async function audited<T>(
    req: Request,
    eventId: string,
    change: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: req.params.workspace ? { workspace: req.params.workspace } : {},
    });
    try {
      const result = await change();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async function findWorkspace(name: string) {
    // A name no workspace can have is not looked up (NUL is not even
    // storable in PostgreSQL text).
    const workspace = isWorkspaceName(name)
      ? await store.getWorkspace(name)
      : undefined;
    if (!workspace) {
      throw new NotFoundError(
        `No Terraform workspace named ${name.slice(0, 100)}`,
      );
    }
    return workspace;
  }

  /** What a client shows of a workspace, with what Terraform needs to use it. */
  async function view(workspace: TerraformWorkspace) {
    const [lock, [currentVersion]] = await Promise.all([
      store.getLock(workspace.id),
      store.listVersions(workspace.id, { limit: 1 }),
    ]);
    const address = `${await discovery.getExternalBaseUrl(
      'cloud-deployments',
    )}/terraform/state/${workspace.name}`;
    const { id: _id, ...rest } = workspace;
    return {
      ...rest,
      ...(lock ? { lock } : {}),
      ...(currentVersion ? { currentVersion } : {}),
      backend: {
        address,
        lockAddress: address,
        lockMethod: 'LOCK',
        unlockAddress: address,
        unlockMethod: 'UNLOCK',
        username: workspace.name,
      },
    };
  }

  router.post('/terraform/workspaces', async (req, res) => {
    const created = await audited(
      req,
      'terraform-workspace-create',
      async () => {
        const createdBy = await authorize(req, cloudDeploymentUpdatePermission);
        const input = parseInput(
          createWorkspaceSchema,
          req.body ?? {},
          'workspace',
        );
        let deploymentId: string | undefined;
        if (input.deploymentId !== undefined) {
          deploymentId = parseDeploymentId(input.deploymentId);
          if (!(await deployments.getDeployment(deploymentId))) {
            throw new NotFoundError(`No deployment with id ${deploymentId}`);
          }
        }
        const name = input.name ?? deploymentId;
        if (!name) {
          throw new InputError(
            'Invalid workspace: name: is required unless deploymentId is given',
          );
        }
        const { token, hash } = createWorkspaceToken();
        const workspace = await store.createWorkspace({
          name,
          deploymentId,
          tokenHash: hash,
          createdBy,
        });
        return { ...(await view(workspace)), token };
      },
    );
    res.status(201).json(created);
  });

  router.get('/terraform/workspaces/:workspace', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    res.json(await view(await findWorkspace(req.params.workspace)));
  });

  router.post('/terraform/workspaces/:workspace/token', async (req, res) => {
    const token = await audited(req, 'terraform-workspace-token', async () => {
      await authorize(req, cloudDeploymentUpdatePermission);
      const workspace = await findWorkspace(req.params.workspace);
      const created = createWorkspaceToken();
      await store.replaceToken(workspace.id, created.hash);
      return created.token;
    });
    res.status(201).json({ token });
  });

  router.get('/terraform/workspaces/:workspace/versions', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    const { limit, before } = parseInput(
      listVersionsQuerySchema,
      req.query,
      'query',
    );
    const workspace = await findWorkspace(req.params.workspace);
    res.json({
      items: await store.listVersions(workspace.id, {
        limit: limit ?? 100,
        before,
      }),
    });
  });

  router.post('/terraform/workspaces/:workspace/rollback', async (req, res) => {
    const version = await audited(req, 'terraform-state-rollback', async () => {
      const actor = await authorize(req, cloudDeploymentUpdatePermission);
      const input = parseInput(rollbackSchema, req.body ?? {}, 'rollback');
      const workspace = await findWorkspace(req.params.workspace);
      const result = await store.rollback(workspace.id, input.version, actor);
      if (result.type === 'held') {
        const { info, lockedAt } = result.holder;
        throw new ConflictError(
          `Workspace ${workspace.name} is locked by ${
            info.Who ?? 'unknown'
          } (lock ${info.ID}) since ${lockedAt}`,
        );
      }
      return result.version;
    });
    res.status(201).json(version);
  });

  router.post(
    '/terraform/workspaces/:workspace/force-unlock',
    async (req, res) => {
      const released = await audited(
        req,
        'terraform-force-unlock',
        async () => {
          await authorize(req, cloudDeploymentTerraformForceUnlockPermission);
          const { lockId } = parseInput(
            forceUnlockSchema,
            req.body ?? {},
            'force-unlock',
          );
          const workspace = await findWorkspace(req.params.workspace);
          const lock = await store.forceUnlock(workspace.id, lockId);
          if (!lock) {
            throw new ConflictError(
              `Workspace ${workspace.name} is not locked`,
            );
          }
          return lock;
        },
      );
      res.json({ released });
    },
  );
}

/** A user's entity ref or the service's subject. */
function actorRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `service:${principal.subject ?? 'unknown'}`;
}
