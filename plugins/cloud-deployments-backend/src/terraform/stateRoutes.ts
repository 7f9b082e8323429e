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
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { textProblem } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import express, { Request, Response } from 'express';
import { parseLockInfo, parseStateDocument } from './stateDocument';
import {
  HeldLock,
  TerraformStateStore,
  TerraformWorkspaceRecord,
} from './TerraformStateStore';
import { parseBasicAuth, workspaceTokenMatches } from './workspaceTokens';
import { isWorkspaceName } from './workspaceName';

/** Where Terraform's `address`, `lock_address` and `unlock_address` point. */
export const STATE_ROUTE = '/terraform/state/:workspace';

/** What the auth policy opens to callers without a Backstage token. */
export const STATE_ROUTE_PREFIX = '/terraform/state';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, LOCK, UNLOCK';

class MethodNotAllowedError extends CustomErrorBase {
  readonly statusCode = 405;
}

/**
 * Terraform's HTTP backend protocol. Callers authenticate with the
 * workspace's name and token as HTTP Basic credentials, never with a
 * Backstage token: the route is open to unauthenticated requests for this
 * check to run at all.
 *
 * - GET: the current state (200), or 204 when none was written yet.
 * - POST (or PUT) `?ID=<lock id>`: a new state version. 423 with the holder's
 *   LockInfo when another lock is held, 409 when the writer's lock was
 *   force-released meanwhile.
 * - LOCK: 200 when granted, 423 with the holder's LockInfo when not.
 * - UNLOCK with the holder's LockInfo: 200. With an empty body (what
 *   `terraform force-unlock` sends) it is refused with 403: Basic credentials
 *   carry no Backstage identity to check the force-unlock permission against,
 *   so force-unlock goes through `POST /terraform/workspaces/:workspace/force-unlock`.
 */
export function bindStateRoutes(
  router: express.Router,
  options: {
    store: TerraformStateStore;
    auditor: AuditorService;
    logger: LoggerService;
    maxStateBytes: number;
  },
) {
  const { store, auditor, logger, maxStateBytes } = options;
  // Raw, for the exact bytes Content-MD5 is computed over; the state is only
  // parsed to check it.
  const rawBody = express.raw({ type: () => true, limit: maxStateBytes });

  async function authenticate(
    req: Request,
    res: Response,
  ): Promise<TerraformWorkspaceRecord> {
    const credentials = parseBasicAuth(req.headers.authorization);
    const name = req.params.workspace;
    const workspace =
      credentials && isWorkspaceName(name)
        ? await store.getWorkspace(name)
        : undefined;
    const tokenMatches = workspaceTokenMatches(
      credentials?.password ?? '',
      workspace?.tokenHash,
    );
    if (!workspace || !tokenMatches || credentials?.username !== name) {
      res.set(
        'WWW-Authenticate',
        'Basic realm="terraform-state", charset="UTF-8"',
      );
      throw new AuthenticationError(
        'Terraform state needs the workspace name and its token as HTTP Basic credentials',
      );
    }
    return workspace;
  }

  router.all(STATE_ROUTE, async (req, res) => {
    const workspace = await authenticate(req, res);
    // Read only after authentication: nobody else gets to upload 32 MiB.
    await new Promise<void>((resolve, reject) =>
      rawBody(req, res, error => (error ? reject(error) : resolve())),
    );
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);

    switch (req.method) {
      case 'GET':
      case 'HEAD': {
        const current = await store.readState(workspace.id);
        res.set('Cache-Control', 'no-store');
        if (!current) {
          res.status(204).end();
          return;
        }
        res
          .status(200)
          .type('application/json')
          .set(
            'Content-MD5',
            Buffer.from(current.version.md5, 'hex').toString('base64'),
          )
          .end(current.state);
        return;
      }

      case 'POST':
      case 'PUT': {
        const lockId = parseLockId(req.query.ID);
        const state = parseStateDocument(body, req.get('Content-MD5'));
        const event = await auditor.createEvent({
          eventId: 'terraform-state-write',
          severityLevel: 'medium',
          request: req,
          meta: { workspace: workspace.name },
        });
        try {
          const result = await store.writeState(workspace.id, state, {
            lockId,
            createdBy: `workspace:${workspace.name}`,
          });
          if (result.type === 'held') {
            await event.fail({ error: lockedError(result.holder) });
            refuseLocked(res, result.holder);
            return;
          }
          if (result.type === 'lock-lost') {
            throw new ConflictError(
              `Lock ${lockId} is no longer held on workspace ${workspace.name}; it was force-unlocked`,
            );
          }
          const { version, serial } = result.version;
          await event.success({ meta: { version, serial } });
          res.status(200).json({ version, serial, md5: result.version.md5 });
        } catch (error) {
          await event.fail({ error: error as Error });
          throw error;
        }
        return;
      }

      case 'LOCK': {
        const info = parseLockInfo(body);
        if (!info) throw new InputError('body: LOCK needs the LockInfo');
        const result = await store.lock(workspace.id, info);
        if (result.type === 'held') {
          logger.info(
            `Refused lock ${info.ID} on Terraform workspace ${workspace.name}: held by ${result.holder.info.ID}`,
          );
          refuseLocked(res, result.holder);
          return;
        }
        res.status(200).json(info);
        return;
      }

      case 'UNLOCK': {
        const info = parseLockInfo(body);
        if (!info) {
          throw new NotAllowedError(
            'force-unlock is not accepted with workspace credentials; use POST /api/cloud-deployments/terraform/workspaces/' +
              `${workspace.name}/force-unlock with the cloud.deployment.terraform.forceUnlock permission`,
          );
        }
        const result = await store.unlock(workspace.id, info.ID);
        if (result.type === 'held') {
          refuseLocked(res, result.holder);
          return;
        }
        if (result.type === 'not-locked') {
          throw new ConflictError(
            `Workspace ${workspace.name} is not locked; lock ${info.ID} was force-unlocked`,
          );
        }
        res.status(200).json(info);
        return;
      }

      default:
        res.set('Allow', ALLOWED_METHODS);
        throw new MethodNotAllowedError(
          `${req.method} is not part of the Terraform state protocol; use ${ALLOWED_METHODS}`,
        );
    }
  });
}

function parseLockId(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 255) {
    throw new InputError('ID: must be one lock id');
  }
  const problem = textProblem(raw);
  if (problem) throw new InputError(`ID: ${problem}`);
  return raw;
}

/** Terraform reads the holder's LockInfo from the body of a 423. */
function refuseLocked(res: Response, holder: HeldLock) {
  res.status(423).json(holder.info);
}

function lockedError(holder: HeldLock): Error {
  return new ConflictError(
    `Locked by ${holder.info.Who ?? 'unknown'} (lock ${holder.info.ID}) since ${
      holder.lockedAt
    }`,
  );
}
