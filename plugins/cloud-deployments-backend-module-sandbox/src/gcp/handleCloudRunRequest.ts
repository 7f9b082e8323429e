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
import { randomUUID } from 'crypto';
import { googleApiError, GoogleApiError } from './googleErrors';
import { LongRunningOperations } from './LongRunningOperations';
import { ServiceStore } from './ServiceStore';
import { serviceView } from './serviceView';
import { StoredService } from './storedService';
import { validateService } from './validateService';

const COLLECTION =
  /^\/v2\/(projects\/[^/]+\/locations\/[^/]+)\/(services|operations)(?:\/([^/]+))?$/;

/** A request of the Admin API, decoded. */
export type CloudRunRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
};

/** What the handlers need of the sandbox. */
export type CloudRunContext = {
  store: ServiceStore;
  operations: LongRunningOperations;
  readyAfterMs: number;
  /** Largest page a list returns. */
  maxPageSize: number;
  /** The failure the next create or update of a service id ends with. */
  takeFailure(kind: 'create' | 'update', id: string): string | undefined;
};

/** Answers one request of the services or operations collections. */
export function handleCloudRunRequest(
  ctx: CloudRunContext,
  request: CloudRunRequest,
): GoogleApiError | { ok: unknown } {
  const { method, path, query } = request;
  const match = COLLECTION.exec(path);
  if (!match) {
    return googleApiError(
      'NOT_FOUND',
      `The requested URL ${path} was not found on this server.`,
    );
  }
  const [, parent, collection, id] = match;
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (collection === 'operations') {
    if (method !== 'GET' || !id) return noRoute(method, path);
    return ctx.operations.get(`${parent}/operations/${id}`);
  }
  if (!id) {
    if (method === 'POST') return create(ctx, parent, query, body);
    if (method === 'GET') return list(ctx, parent, query);
    return noRoute(method, path);
  }
  const service = ctx.store.get(parent, id);
  if (method === 'GET') {
    return service ? { ok: serviceView(service) } : notFound(parent, id);
  }
  if (method === 'PATCH') return update(ctx, parent, id, service, query, body);
  if (method === 'DELETE') {
    if (!service || service.deleteTime !== undefined) {
      return notFound(parent, id);
    }
    if (query.validateOnly === 'true')
      return { ok: ctx.operations.start(service, 0) };
    ctx.store.delete(service);
    return { ok: ctx.operations.start(service, ctx.readyAfterMs) };
  }
  return noRoute(method, path);
}

function create(
  ctx: CloudRunContext,
  parent: string,
  query: Record<string, string>,
  body: Record<string, unknown>,
) {
  const id = query.serviceId ?? '';
  const invalid = validateService(body, id);
  if (invalid) return invalid;
  if (ctx.store.get(parent, id)) {
    return googleApiError('ALREADY_EXISTS', `Resource '${id}' already exists.`);
  }
  if (query.validateOnly === 'true') {
    return {
      ok: { name: `${parent}/operations/${randomUUID()}`, done: true },
    };
  }
  const failure = ctx.takeFailure('create', id);
  const service = ctx.store.create(parent, id, body, { failure });
  return {
    ok: ctx.operations.start(service, ctx.readyAfterMs, service.generation),
  };
}

function update(
  ctx: CloudRunContext,
  parent: string,
  id: string,
  service: StoredService | undefined,
  query: Record<string, string>,
  body: Record<string, unknown>,
) {
  if (body.name !== undefined && body.name !== `${parent}/services/${id}`) {
    return googleApiError(
      'INVALID_ARGUMENT',
      'service.name does not match the request URL',
    );
  }
  if (!service || service.deleteTime !== undefined) {
    if (query.allowMissing === 'true') {
      return create(ctx, parent, { ...query, serviceId: id }, body);
    }
    return notFound(parent, id);
  }
  const invalid = validateService(body);
  if (invalid) return invalid;
  if (query.validateOnly === 'true') {
    return {
      ok: { name: `${parent}/operations/${randomUUID()}`, done: true },
    };
  }
  const failure = ctx.takeFailure('update', id);
  ctx.store.update(service, body, { failure });
  return {
    ok: ctx.operations.start(service, ctx.readyAfterMs, service.generation),
  };
}

function list(
  ctx: CloudRunContext,
  parent: string,
  query: Record<string, string>,
) {
  const asked = Number(query.pageSize ?? 0);
  const pageSize = Math.min(asked > 0 ? asked : 100, ctx.maxPageSize);
  let afterId: string | undefined;
  if (query.pageToken) {
    const [tokenParent, lastId] = Buffer.from(query.pageToken, 'base64url')
      .toString('utf8')
      .split('\n');
    if (tokenParent !== parent || lastId === undefined) {
      return googleApiError('INVALID_ARGUMENT', 'Invalid page token.');
    }
    afterId = lastId;
  }
  const now = Date.now();
  const page = ctx.store.list(parent, pageSize, afterId, now);
  const last = page.services[page.services.length - 1];
  return {
    ok: {
      services: page.services.map(s => serviceView(s, now)),
      ...(page.more && last
        ? {
            nextPageToken: Buffer.from(`${parent}\n${last.id}`).toString(
              'base64url',
            ),
          }
        : {}),
    },
  };
}

function notFound(parent: string, id: string) {
  const [, project, , region] = parent.split('/');
  return googleApiError(
    'NOT_FOUND',
    `Resource '${id}' of kind 'SERVICE' of API version 'serving.knative.dev/v1' in region '${region}' in project '${project}' does not exist.`,
  );
}

function noRoute(method: string, path: string) {
  return googleApiError(
    'NOT_FOUND',
    `The requested URL ${method} ${path} was not found on this server.`,
  );
}
