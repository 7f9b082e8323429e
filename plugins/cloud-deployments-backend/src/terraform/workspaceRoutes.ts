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
  DiscoveryService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  cloudDeploymentCreatePermission,
  cloudDeploymentReadPermission,
  cloudDeploymentTerraformForceUnlockPermission,
  cloudDeploymentUpdatePermission,
  createWorkspaceRequestSchema,
  forceUnlockRequestSchema,
  listStateVersionsQuerySchema,
  stateRollbackRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { subjectOf } from '../permissions/subject';
import {
  actorOf,
  AnyRequest,
  audited,
  Caller,
  callerOf,
} from '../service/caller';
import { ApiRouter } from '../service/routes/ApiRouter';
import { parseDeploymentId, parseInput } from '../service/validation';
import { TerraformStateStore } from './TerraformStateStore';
import { createWorkspaceToken } from './workspaceTokens';
import { WorkspaceAccess } from './WorkspaceAccess';
import { workspaceView } from './workspaceView';

/** Workspace bodies are a few small fields; the main router parses them with this limit. */
export const MAX_WORKSPACE_BODY_BYTES = 64 * 1024;

/** Whether a path is under `/terraform/workspaces` (matched as Express does, ignoring case). */
export function isWorkspacePath(path: string): boolean {
  return /^\/terraform\/workspaces(\/|$)/i.test(path);
}

/**
 * The API that manages Terraform state workspaces, for users and services
 * with Backstage credentials. It never returns state, only metadata; the
 * workspace token is returned once, when it is made.
 *
 * Each is authorized against what the workspace belongs to: its deployment,
 * or for a free-standing workspace the user who made it (its owner).
 *
 * - POST /terraform/workspaces `{ name?, deploymentId? }`: a workspace for a
 *   deployment (update on it; named after its id unless `name` is given) or
 *   a free-standing one (create); 201 with `token`.
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
  router: ApiRouter,
  options: {
    store: TerraformStateStore;
    deployments: DeploymentStore;
    auditor: AuditorService;
    httpAuth: HttpAuthService;
    authorizer: DeploymentAuthorizer;
    discovery: DiscoveryService;
  },
) {
  const { store, deployments, auditor, httpAuth, authorizer } = options;
  const access = new WorkspaceAccess({ store, deployments, authorizer });

  /** Audits a change to workspaces, naming the workspace. */
  function auditedChange<T>(
    req: AnyRequest,
    eventId: string,
    change: (caller: Caller) => Promise<T>,
  ): Promise<T> {
    const caller = callerOf(httpAuth, req);
    const meta = req.params.workspace
      ? { workspace: req.params.workspace }
      : {};
    return audited(auditor, { eventId, caller, meta }, () => change(caller));
  }

  router.post('/terraform/workspaces', async (req, res) => {
    const created = await auditedChange(
      req,
      'terraform-workspace-create',
      async caller => {
        const input = parseInput(
          createWorkspaceRequestSchema,
          req.body ?? {},
          'workspace',
        );
        const { ref: createdBy } = await actorOf(caller);
        let deploymentId: string | undefined;
        if (input.deploymentId !== undefined) {
          deploymentId = parseDeploymentId(input.deploymentId);
          const id = deploymentId;
          await access.authorize(
            caller,
            cloudDeploymentUpdatePermission,
            async () => {
              const deployment = await deployments.getDeployment(id);
              if (!deployment) {
                throw new NotFoundError(`No deployment with id ${id}`);
              }
              return subjectOf(deployment);
            },
            `deployment ${id}`,
          );
        } else {
          // A free-standing workspace is owned by who makes it.
          await access.authorize(
            caller,
            cloudDeploymentCreatePermission,
            async () => ({ owner: createdBy, sandbox: false }),
            'Terraform workspaces',
          );
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
        return { ...(await workspaceView(workspace, options)), token };
      },
    );
    res.status(201).json(created);
  });

  router.get('/terraform/workspaces/:workspace', async (req, res) => {
    const workspace = await access.workspace(
      callerOf(httpAuth, req),
      cloudDeploymentReadPermission,
      req.params.workspace,
    );
    res.json(await workspaceView(workspace, options));
  });

  router.post('/terraform/workspaces/:workspace/token', async (req, res) => {
    const token = await auditedChange(
      req,
      'terraform-workspace-token',
      async caller => {
        const workspace = await access.workspace(
          caller,
          cloudDeploymentUpdatePermission,
          req.params.workspace,
        );
        const created = createWorkspaceToken();
        await store.replaceToken(workspace.id, created.hash);
        return created.token;
      },
    );
    res.status(201).json({ token });
  });

  router.get('/terraform/workspaces/:workspace/versions', async (req, res) => {
    const caller = callerOf(httpAuth, req);
    // Asked first, so a caller denied outright gets 403 before any 400.
    await authorizer.decide(
      caller,
      cloudDeploymentReadPermission,
      'Terraform workspaces',
    );
    const { limit, before } = parseInput(
      listStateVersionsQuerySchema,
      req.query,
      'query',
    );
    const workspace = await access.workspace(
      caller,
      cloudDeploymentReadPermission,
      req.params.workspace,
    );
    res.json({
      items: await store.listVersions(workspace.id, {
        limit: limit ?? 100,
        before,
      }),
    });
  });

  router.post('/terraform/workspaces/:workspace/rollback', async (req, res) => {
    const version = await auditedChange(
      req,
      'terraform-state-rollback',
      async caller => {
        await authorizer.decide(
          caller,
          cloudDeploymentUpdatePermission,
          'Terraform workspaces',
        );
        const input = parseInput(
          stateRollbackRequestSchema,
          req.body ?? {},
          'rollback',
        );
        const workspace = await access.workspace(
          caller,
          cloudDeploymentUpdatePermission,
          req.params.workspace,
        );
        const { ref } = await actorOf(caller);
        const result = await store.rollback(workspace.id, input.version, ref);
        if (result.type === 'held') {
          const { info, lockedAt } = result.holder;
          throw new ConflictError(
            `Workspace ${workspace.name} is locked by ${
              info.Who ?? 'unknown'
            } (lock ${info.ID}) since ${lockedAt}`,
          );
        }
        return result.version;
      },
    );
    res.status(201).json(version);
  });

  router.post(
    '/terraform/workspaces/:workspace/force-unlock',
    async (req, res) => {
      const released = await auditedChange(
        req,
        'terraform-force-unlock',
        async caller => {
          await authorizer.decide(
            caller,
            cloudDeploymentTerraformForceUnlockPermission,
            'Terraform workspaces',
          );
          const { lockId } = parseInput(
            forceUnlockRequestSchema,
            req.body ?? {},
            'force-unlock',
          );
          const workspace = await access.workspace(
            caller,
            cloudDeploymentTerraformForceUnlockPermission,
            req.params.workspace,
          );
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
