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
import { IncomingMessage } from 'http';
import { SandboxTraffic } from '../traffic/SandboxTraffic';
import { armError, ArmError, isArmError, resourceNotFound } from './armErrors';
import { operationUrl, route } from './armRoutes';
import { containerGroupMetrics } from './containerGroupMetrics';
import { AciSandboxContainerGroup } from './containerGroupModel';
import { ContainerGroupStore } from './ContainerGroupStore';
import { ContainerGroupBody } from './validateContainerGroup';

/** A response that is not an error. */
export type Answer = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

/** What the handlers need of the sandbox. */
export type ArmRequestContext = {
  store: ContainerGroupStore;
  /** Container groups per page of a list. */
  pageSize: number;
  /** The sandbox's base URL, for the links it answers with. */
  baseUrl: string;
  /** What Azure Monitor reports the container groups received. */
  traffic: SandboxTraffic;
  /** The actions the permissions listing names in `notActions`. */
  deniedActions: readonly string[];
};

/**
 * Answers one request of the container group API, or of a container
 * group's metrics, after any fault.
 */
export function handleArmRequest(
  ctx: ArmRequestContext,
  req: IncomingMessage,
  url: URL,
  method: string,
  body: unknown,
  malformed: boolean,
): ArmError | Answer {
  if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
    return armError(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing or malformed.",
    );
  }
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) {
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  const now = Date.now();
  const target = route(url.pathname);
  if (target?.kind === 'group' && method === 'GET') {
    return (
      wrap(ctx.store.get(target.scope, target.name, now)) ??
      resourceNotFound(target.scope.resourceGroup, target.name)
    );
  }
  if (target?.kind === 'group' && method === 'PUT') {
    if (malformed || typeof body !== 'object' || body === null) {
      return armError(
        400,
        'InvalidRequestContent',
        'The request content was invalid and could not be deserialized.',
      );
    }
    const result = ctx.store.put(
      target.scope,
      target.name,
      body as ContainerGroupBody,
      now,
    );
    if (isArmError(result)) return result;
    const { operation } = result;
    return {
      status: result.created ? 201 : 200,
      body: result.resource,
      headers: {
        'azure-asyncoperation': operationUrl(
          ctx.baseUrl,
          operation.scope,
          operation.location,
          'operations',
          operation.id,
          apiVersion,
        ),
        'retry-after': '1',
      },
    };
  }
  if (target?.kind === 'group' && method === 'DELETE') {
    const operation = ctx.store.delete(target.scope, target.name, now);
    if (!operation) return { status: 204 };
    return {
      status: 202,
      headers: {
        location: operationUrl(
          ctx.baseUrl,
          operation.scope,
          operation.location,
          'operationResults',
          operation.id,
          apiVersion,
        ),
        'retry-after': '1',
      },
    };
  }
  if (target?.kind === 'action' && method === 'POST') {
    if (target.action === 'stop') {
      const stopped = ctx.store.stop(target.scope, target.name, now);
      return isArmError(stopped) ? stopped : { status: 204 };
    }
    const operation = ctx.store.start(target.scope, target.name, now);
    if (isArmError(operation)) return operation;
    return {
      status: 202,
      headers: {
        'azure-asyncoperation': operationUrl(
          ctx.baseUrl,
          operation.scope,
          operation.location,
          'operations',
          operation.id,
          apiVersion,
        ),
        'retry-after': '1',
      },
    };
  }
  if (target?.kind === 'metrics' && method === 'GET') {
    return containerGroupMetrics(
      { store: ctx.store, traffic: ctx.traffic, now },
      target.scope,
      target.name,
      url,
    );
  }
  if (target?.kind === 'list' && method === 'GET') {
    const offset = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
    const page = ctx.store.list(target.scope, offset, ctx.pageSize, now);
    const next = new URL(url.pathname, ctx.baseUrl);
    next.searchParams.set('api-version', apiVersion);
    next.searchParams.set('$skiptoken', String(offset + ctx.pageSize));
    return {
      status: 200,
      body: {
        value: page.items,
        ...(page.more ? { nextLink: next.href } : {}),
      },
    };
  }
  if (target?.kind === 'permissions' && method === 'GET') {
    // As Azure lists an Owner's: every action, in one page.
    return {
      status: 200,
      body: {
        value: [
          {
            actions: ['*'],
            notActions: [...ctx.deniedActions],
            dataActions: [],
            notDataActions: [],
          },
        ],
      },
    };
  }
  if (target?.kind === 'operation' && method === 'GET') {
    return operationStatus(ctx, target.id, target.operationResult, url, now);
  }
  return armError(
    404,
    'NotFound',
    `The sandbox has no route for ${method} ${url.pathname}.`,
  );
}

function wrap(
  resource: AciSandboxContainerGroup | undefined,
): Answer | undefined {
  return resource && { status: 200, body: resource };
}

/**
 * An operation as its `Azure-AsyncOperation` URL answers it, or, for the
 * `Location` of a delete, as its operation result.
 */
function operationStatus(
  ctx: ArmRequestContext,
  id: string,
  operationResult: boolean,
  url: URL,
  now: number,
): ArmError | Answer {
  const operation = ctx.store.operation(id);
  if (!operation) {
    return armError(404, 'OperationNotFound', `Operation '${id}' not found.`);
  }
  const done = now >= operation.doneAt;
  if (operationResult) {
    // The Location of a delete: 202 while it runs, 204 once done.
    return done
      ? { status: 204 }
      : {
          status: 202,
          headers: { location: url.href, 'retry-after': '1' },
        };
  }
  const failed = done && operation.failure !== undefined;
  let status = 'InProgress';
  if (done) status = failed ? 'Failed' : 'Succeeded';
  return {
    status: 200,
    body: {
      id: url.pathname,
      name: id,
      status,
      startTime: new Date(operation.startedAt).toISOString(),
      ...(done ? { endTime: new Date(operation.doneAt).toISOString() } : {}),
      ...(failed
        ? {
            error: {
              code: 'ContainerGroupDeploymentFailed',
              message: operation.failure,
            },
          }
        : {}),
    },
    headers: done ? undefined : { 'retry-after': '1' },
  };
}
