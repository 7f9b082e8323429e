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
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  CANCELLABLE_STATUSES,
  cloudDeploymentCreatePermission,
  cloudDeploymentDestroyPermission,
  cloudDeploymentReadPermission,
  cloudDeploymentUpdatePermission,
  createDeploymentRequestSchema,
  DeploymentSpec,
  deploymentSpecSchema,
  listDeploymentsQuerySchema,
  listEventsQuerySchema,
  updateDeploymentRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { randomUUID } from 'node:crypto';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { Actor, DeploymentStore } from '../database/DeploymentStore';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { EstimationService } from '../pricing/EstimationService';
import { PlanPricer } from '../pricing/plan/PlanPricer';
import { cancelReason } from './cancelReason';
import { EventFeed } from './EventFeed';
import { streamEvents } from './eventStream';
import {
  bindKubernetesRoute,
  MAX_MANIFEST_BODY_BYTES,
} from './kubernetesRoute';
import {
  guardJsonBodies,
  MAX_JSON_DEPTH,
  MAX_TERRAFORM_JSON_DEPTH,
} from './jsonBodyGuard';
import { bindPricingRoutes } from './pricingRoutes';
import { routeNotFound, translateRequestErrors } from './requestErrors';
import { parseDeploymentId, parseInput } from './validation';

/** Bodies above this are refused before they are parsed (413). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Terraform plans are bigger: a plan of 500 resources is a few MiB of JSON. */
export const MAX_PLAN_BYTES = 16 * 1024 * 1024;

/** Turns body-parser failures into errors that say what was wrong with the body. */
const bodyParserErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error?.type === 'entity.parse.failed') {
    next(new InputError('body: is not valid JSON'));
  } else if (error?.type === 'entity.too.large') {
    next(
      Object.assign(
        new Error(
          `body: is larger than the limit of ${error.limit / 1024} KiB`,
        ),
        { name: 'PayloadTooLargeError', statusCode: 413 },
      ),
    );
  } else {
    next(error);
  }
};

/** Options of {@link createRouter}. */
export type RouterOptions = {
  store: DeploymentStore;
  estimates: EstimationService;
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  providers: ProviderRegistry;
  logger: LoggerService;
  /** Attempts each queued task gets. */
  maxAttempts: number;
  /** Called after a task was queued, to wake the local worker. */
  onTaskQueued?: () => void;
  /**
   * How often this replica reads new log lines for its open event streams
   * (one query for all of them). Default 250 ms.
   */
  eventStreamPollMs?: number;
  /**
   * Whether deployments with engine `terraform` can be provisioned here, and
   * if not, why (said in the 400).
   */
  terraform?: { available: true } | { available: false; reason: string };
};

/** The REST API under `/api/cloud-deployments`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    estimates,
    auditor,
    httpAuth,
    permissions,
    providers,
    logger,
    maxAttempts,
    onTaskQueued = () => {},
    eventStreamPollMs = 250,
    terraform = {
      available: false,
      reason: 'the Terraform runner is not enabled',
    },
  } = options;
  const router = Router();
  const feed = new EventFeed({ store, intervalMs: eventStreamPollMs, logger });
  const json = express.json({ limit: MAX_BODY_BYTES });
  const planJson = express.json({ limit: MAX_PLAN_BYTES });
  const manifestJson = express.json({ limit: MAX_MANIFEST_BODY_BYTES });
  router.use((req, res, next) => {
    if (req.path === '/estimates/plan') return planJson(req, res, next);
    if (req.path === '/kubernetes/apply') return manifestJson(req, res, next);
    return json(req, res, next);
  });
  router.use(bodyParserErrors);
  router.use(
    guardJsonBodies({
      maxDepth: req =>
        req.path === '/estimates/plan'
          ? MAX_TERRAFORM_JSON_DEPTH
          : MAX_JSON_DEPTH,
    }),
  );

  /** Authenticates the caller and checks one permission; 403 when denied. */
  async function authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<{ credentials: BackstageCredentials; actor: Actor }> {
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
        } deployments (${permission.name})`,
      );
    }
    return { credentials, actor: { ref: actorRef(credentials) } };
  }

  /**
   * Records a change in the audit log (auditor service), whether it succeeds,
   * is denied or fails.
   */
  async function audited<T extends object>(
    req: Request,
    eventId: string,
    change: () => Promise<T>,
  ): Promise<T> {
    const meta = req.params.id ? { deploymentId: req.params.id } : {};
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await change();
      await event.success({
        meta: {
          deploymentId: 'id' in result ? (result.id as string) : null,
        },
      });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async function findDeployment(rawId: string) {
    const id = parseDeploymentId(rawId);
    const deployment = await store.getDeployment(id);
    if (!deployment) throw new NotFoundError(`No deployment with id ${id}`);
    return deployment;
  }

  /** The provider that will provision a spec, or a 400 saying why none can. */
  function providerFor(spec: DeploymentSpec, name: string) {
    const provider = providers.get(spec.provider);
    if (!provider) {
      const installed = providers.list().map(p => p.id);
      throw new InputError(
        `provider: ${spec.provider} is not installed in this portal${
          installed.length ? ` (installed: ${installed.join(', ')})` : ''
        }`,
      );
    }
    if (spec.engine === 'terraform') {
      if (!terraform.available) {
        throw new InputError(
          `engine: terraform is not available in this portal: ${terraform.reason}; use engine sdk`,
        );
      }
      if (!provider.render) {
        throw new InputError(
          `engine: ${provider.title} cannot render Terraform; use engine sdk`,
        );
      }
      if (provider.sandbox) {
        throw new InputError(
          `engine: terraform needs real ${provider.title} accounts, and ${spec.provider} is in sandbox mode (no accounts are configured); use engine sdk to deploy to the sandbox`,
        );
      }
    }
    const problems = provider.validate?.(spec, name) ?? [];
    if (problems.length) throw new InputError(problems.join('; '));
    return provider;
  }

  /** Runs a change that queued a task, then wakes the worker. */
  async function queued<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    onTaskQueued();
    return result;
  }

  router.post('/deployments', async (req, res) => {
    const deployment = await audited(req, 'deployment-create', async () => {
      const { actor } = await authorize(req, cloudDeploymentCreatePermission);
      const { name, title, description, ...spec } = parseInput(
        createDeploymentRequestSchema,
        req.body,
        'deployment',
      );
      const provider = providerFor(spec, name);
      // Pricing also validates what only prices know (instance types, sizes).
      const estimate = estimates.estimate(spec);
      return queued(
        store.createDeployment(
          {
            name,
            title,
            description,
            spec,
            estimate,
            sandbox: provider.sandbox,
          },
          actor,
          { task: { kind: 'provision', maxAttempts } },
        ),
      );
    });
    // Accepted: the deployment is pending and provisioning is queued.
    res.status(202).json(deployment);
  });

  router.post('/render', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    const { name, title, description, ...spec } = parseInput(
      createDeploymentRequestSchema,
      req.body,
      'deployment',
    );
    const provider = providers.get(spec.provider);
    if (!provider?.render) {
      throw new InputError(
        `provider: ${spec.provider} ${
          provider ? 'cannot render files' : 'is not installed in this portal'
        }`,
      );
    }
    const problems = provider.validate?.(spec, name) ?? [];
    if (problems.length) throw new InputError(problems.join('; '));
    const now = new Date().toISOString();
    // Files for a deployment that does not exist yet (e.g. code to review in
    // a pull request): a fresh id, and nothing stored.
    const rendered = await provider.render({
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
    });
    res.json({ files: rendered.files });
  });

  router.get('/providers', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    res.json(
      providers
        .list()
        .map(({ id, title, sandbox }) => ({ id, title, sandbox })),
    );
  });

  router.get('/deployments/summary', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    const {
      cursor: _cursor,
      limit: _limit,
      q,
      ...filter
    } = parseInput(listDeploymentsQuerySchema, req.query, 'query');
    res.json(
      await store.summarizeDeployments({
        ...filter,
        q: q?.trim() || undefined,
      }),
    );
  });

  router.get('/deployments', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    const { cursor, limit, q, ...filter } = parseInput(
      listDeploymentsQuerySchema,
      req.query,
      'query',
    );
    res.json(
      await store.listDeployments(
        { ...filter, q: q?.trim() || undefined },
        { cursor, limit: limit ?? 50 },
      ),
    );
  });

  router.get('/deployments/:id', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    res.json(await findDeployment(req.params.id));
  });

  router.get('/deployments/:id/events', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    const { after, limit } = parseInput(
      listEventsQuerySchema,
      req.query,
      'query',
    );
    const deployment = await findDeployment(req.params.id);
    const items = await store.listEvents(deployment.id, {
      after,
      limit: limit ?? 200,
    });
    res.json({ items });
  });

  router.get('/deployments/:id/events/stream', async (req, res) => {
    await authorize(req, cloudDeploymentReadPermission);
    const { after } = parseInput(listEventsQuerySchema, req.query, 'query');
    const deployment = await findDeployment(req.params.id);
    await streamEvents(req, res, deployment.id, after, {
      feed,
      keepAliveMs: 15_000,
    });
  });

  router.patch('/deployments/:id', async (req, res) => {
    const deployment = await audited(req, 'deployment-update', async () => {
      const { actor } = await authorize(req, cloudDeploymentUpdatePermission);
      const { version, title, description, ...fields } = parseInput(
        updateDeploymentRequestSchema,
        req.body,
        'change',
      );
      const current = await findDeployment(req.params.id);
      // A change is checked as the whole spec it produces, so the rules that tie
      // fields together (per provider) hold after it too.
      const merged = Object.fromEntries(
        Object.entries({ ...current.spec, ...fields }).filter(
          ([, value]) => value !== null && value !== undefined,
        ),
      );
      const spec = parseInput(deploymentSpecSchema, merged, 'change');
      const estimate = estimates.estimate(spec);
      return store.updateDeployment(
        current.id,
        { title, description, spec, estimate },
        { expectedVersion: version, actor },
      );
    });
    res.json(deployment);
  });

  router.delete('/deployments/:id', async (req, res) => {
    const deployment = await audited(req, 'deployment-destroy', async () => {
      const { actor } = await authorize(req, cloudDeploymentDestroyPermission);
      const id = parseDeploymentId(req.params.id);
      // Supersedes a provisioning or update in flight.
      return queued(
        store.transitionDeployment(id, 'destroying', {
          actor,
          task: { kind: 'destroy', maxAttempts },
        }),
      );
    });
    res.status(202).json(deployment);
  });

  router.post('/deployments/:id/rollback', async (req, res) => {
    const deployment = await audited(req, 'deployment-rollback', async () => {
      const { actor } = await authorize(req, cloudDeploymentUpdatePermission);
      const current = await findDeployment(req.params.id);
      providerFor(current.spec, current.name);
      return queued(
        store.rollbackDeployment(current.id, {
          actor,
          task: { kind: 'update', maxAttempts },
        }),
      );
    });
    res.status(202).json(deployment);
  });

  router.post('/deployments/:id/redeploy', async (req, res) => {
    const deployment = await audited(req, 'deployment-redeploy', async () => {
      const { actor } = await authorize(req, cloudDeploymentUpdatePermission);
      const current = await findDeployment(req.params.id);
      providerFor(current.spec, current.name);
      // Both re-apply the current spec to what exists (or create what is
      // gone); one that never was active is still provisioning meanwhile.
      const everActive = Boolean(await store.getLastGoodSpec(current.id));
      return queued(
        everActive
          ? store.transitionDeployment(current.id, 'updating', {
              actor,
              from: ['active', 'failed'],
              reason: 'Redeploy',
              task: { kind: 'update', maxAttempts },
            })
          : store.transitionDeployment(current.id, 'provisioning', {
              actor,
              from: ['failed'],
              reason: 'Redeploy',
              task: { kind: 'update', maxAttempts },
            }),
      );
    });
    res.status(202).json(deployment);
  });

  router.post('/deployments/:id/cancel', async (req, res) => {
    const deployment = await audited(req, 'deployment-cancel', async () => {
      const { actor } = await authorize(req, cloudDeploymentUpdatePermission);
      const current = await findDeployment(req.params.id);
      return store.transitionDeployment(current.id, 'failed', {
        actor,
        from: [...CANCELLABLE_STATUSES],
        reason: from => cancelReason(from, actor.ref),
        cancelTask: true,
      });
    });
    res.status(202).json(deployment);
  });

  bindKubernetesRoute(router, {
    providers,
    logger,
    authorizeCreate: req => authorize(req, cloudDeploymentCreatePermission),
    audited: (req, eventId, change) => audited(req, eventId, change),
  });

  bindPricingRoutes(router, {
    estimates,
    planPricer: new PlanPricer(estimates),
    authorizeRead: req => authorize(req, cloudDeploymentReadPermission),
  });

  // Last: this router also answers for paths the Terraform router has not.
  router.use(routeNotFound);
  router.use(translateRequestErrors);
  return router;
}

/** Who did something, for the event log: a user's entity ref or the service's subject. */
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
