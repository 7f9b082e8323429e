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
import { AccessToken, TokenCredential } from '@azure/core-auth';
import { randomUUID } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { createServer, Server } from 'https';
import { AddressInfo } from 'net';
import {
  armError,
  ArmError,
  isArmError,
  resourceNotFound,
  throttled,
} from './armErrors';
import { createSandboxCertificate } from './certificate';
import {
  AciSandboxContainerGroup,
  AciSandboxScope,
  ContainerGroupStore,
} from './ContainerGroupStore';
import { ContainerGroupBody } from './validateContainerGroup';

/**
 * Options of {@link AciSandbox.start}.
 *
 * @public
 */
export type AciSandboxOptions = {
  /**
   * How long a created or updated container group stays `Creating` /
   * `Updating` before it runs (or fails), and a deleted one `Deleting`
   * before it is gone. Default 3000 ms.
   */
  readyAfterMs?: number;
  /** Default 0: a free port on 127.0.0.1. */
  port?: number;
  /** Container groups per page of a list. Default 100. */
  pageSize?: number;
  /** Whether to keep every request for {@link AciSandbox.requests}. Default true. */
  recordRequests?: boolean;
};

/**
 * One request the sandbox received.
 *
 * @public
 */
export type AciSandboxRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  at: number;
};

/**
 * An ARM error to answer the next matching requests with.
 *
 * @public
 */
export type AciSandboxFault = {
  status: number;
  /** The ARM error code, e.g. `ContainerGroupQuotaReached`. */
  code: string;
  message: string;
  /** Only requests with this HTTP method, e.g. `PUT`. */
  method?: string;
  /** How many requests to answer so. Default 1. */
  count?: number;
  headers?: Record<string, string>;
};

export type { AciSandboxContainerGroup, AciSandboxScope };

type PendingFault = {
  method?: string;
  remaining: number;
  answer: ArmError | { hangMs: number };
};

/** A response that is not an error. */
type Answer = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

type Route =
  | { kind: 'group'; scope: AciSandboxScope; name: string }
  | { kind: 'list'; scope: AciSandboxScope }
  | { kind: 'operation'; id: string; operationResult: boolean };

const PROVIDER = 'providers/Microsoft\\.ContainerInstance';
const GROUP = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/${PROVIDER}/containerGroups/([^/]+)$`,
  'i',
);
const LIST = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/${PROVIDER}/containerGroups$`,
  'i',
);
const OPERATION = new RegExp(
  `^/subscriptions/([^/]+)/${PROVIDER}/locations/([^/]+)/(operations|operationResults)/([^/]+)$`,
  'i',
);
const SANDBOX_TOKEN = 'aci-sandbox-token';

function route(path: string): Route | undefined {
  const d = decodeURIComponent;
  let m = GROUP.exec(path);
  if (m) {
    return {
      kind: 'group',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
      name: d(m[3]),
    };
  }
  m = LIST.exec(path);
  if (m) {
    return {
      kind: 'list',
      scope: { subscriptionId: d(m[1]), resourceGroup: d(m[2]) },
    };
  }
  m = OPERATION.exec(path);
  if (m) {
    return {
      kind: 'operation',
      id: d(m[4]),
      operationResult: m[3].toLowerCase() === 'operationresults',
    };
  }
  return undefined;
}

/**
 * A local stand-in for the Azure Resource Manager API of Azure Container
 * Instances, good enough for the real `@azure/arm-containerinstance` client:
 * container groups are PUT (201 or 200 with `Azure-AsyncOperation`), read,
 * listed (paginated through `nextLink`) and deleted (202 with `Location`),
 * over https with a certificate made at start, which clients trust through
 * {@link AciSandbox.certificate}. Any bearer token is accepted;
 * {@link AciSandbox.credential} provides one.
 *
 * It backs the Azure Container Instances provider when no subscription is
 * configured, and the tests, which inspect what it holds and received, and
 * inject faults.
 *
 * @public
 */
export class AciSandbox {
  /** The base URL, e.g. `https://127.0.0.1:41234`; the client's endpoint. */
  readonly url: string;
  /** The PEM certificate the sandbox serves; pass as the client's `ca`. */
  readonly certificate: string;
  /** The bearer token {@link AciSandbox.credential} hands out. */
  readonly token = SANDBOX_TOKEN;
  /** A credential that hands out a fixed token, accepted by the sandbox. */
  readonly credential: TokenCredential = {
    getToken: async (): Promise<AccessToken> => ({
      token: SANDBOX_TOKEN,
      expiresOnTimestamp: Date.now() + 3600_000,
    }),
  };

  readonly #server: Server;
  readonly #store: ContainerGroupStore;
  readonly #pageSize: number;
  readonly #record: boolean;
  readonly #requests: AciSandboxRequest[] = [];
  readonly #faults: PendingFault[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  static async start(options: AciSandboxOptions = {}): Promise<AciSandbox> {
    const { key, cert } = await createSandboxCertificate();
    const server = createServer({ key, cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new AciSandbox(server, cert, options);
  }

  private constructor(
    server: Server,
    certificate: string,
    options: AciSandboxOptions,
  ) {
    this.#server = server;
    this.certificate = certificate;
    this.#store = new ContainerGroupStore({
      readyAfterMs: options.readyAfterMs ?? 3000,
    });
    this.#pageSize = options.pageSize ?? 100;
    this.#record = options.recordRequests ?? true;
    const { port } = server.address() as AddressInfo;
    this.url = `https://127.0.0.1:${port}`;
    server.on('request', (req, res) => this.#receive(req, res));
  }

  /** Stops listening, drops open connections and forgets everything. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#store.clear();
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  /** Every container group that exists (not yet fully deleted). */
  containerGroups(): AciSandboxContainerGroup[] {
    return this.#store.all(Date.now());
  }

  /** A container group as a GET would answer it, or undefined. */
  containerGroup(
    scope: AciSandboxScope,
    name: string,
  ): AciSandboxContainerGroup | undefined {
    return this.#store.get(scope, name, Date.now());
  }

  /** The requests received since start or {@link AciSandbox.clearRequests}. */
  requests(): AciSandboxRequest[] {
    return [...this.#requests];
  }

  clearRequests(): void {
    this.#requests.length = 0;
  }

  /**
   * Makes the next create or update (PUT) of the container group `name`
   * end `Failed` once its operation is done, with `message` in the
   * container's events, as when an image cannot be pulled.
   */
  failNextCreate(name: string, message: string): void {
    this.#store.failNext(name, message);
  }

  /** Answers the next `count` requests with 429 and `Retry-After`. */
  throttleNext(
    count = 1,
    options: { retryAfterSeconds?: number; method?: string } = {},
  ): void {
    this.#faults.push({
      method: options.method,
      remaining: count,
      answer: throttled(options.retryAfterSeconds ?? 1),
    });
  }

  /**
   * Answers the next matching requests with an ARM error, e.g. a 409
   * `ContainerGroupQuotaReached` or a 400 `InvalidRequestContent`.
   */
  rejectNext(fault: AciSandboxFault): void {
    this.#faults.push({
      method: fault.method,
      remaining: fault.count ?? 1,
      answer: armError(fault.status, fault.code, fault.message, fault.headers),
    });
  }

  /**
   * Holds the next `count` requests without answering: for `forMs`
   * milliseconds before handling them, or until {@link AciSandbox.close}.
   */
  hangNext(count = 1, options: { forMs?: number; method?: string } = {}) {
    this.#faults.push({
      method: options.method,
      remaining: count,
      answer: { hangMs: options.forMs ?? Infinity },
    });
  }

  /**
   * Deletes a container group at once, as someone would outside the portal.
   * Returns whether it existed.
   */
  deleteBehindTheBack(scope: AciSandboxScope, name: string): boolean {
    return this.#store.remove(scope, name);
  }

  #receive(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      if (this.#closed) return;
      const url = new URL(req.url ?? '/', this.url);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      let malformed = false;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
          malformed = true;
        }
      }
      const method = req.method ?? 'GET';
      if (this.#record) {
        this.#requests.push({
          method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          ...(body !== undefined ? { body } : {}),
          at: Date.now(),
        });
      }
      const fault = this.#takeFault(method);
      if (fault && 'hangMs' in fault) {
        if (fault.hangMs === Infinity) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#answer(req, res, url, method, body, malformed);
        }, fault.hangMs);
        this.#timers.add(timer);
        return;
      }
      if (fault) {
        const { status, code, message, headers } = fault;
        this.#send(res, status, { error: { code, message } }, headers);
        return;
      }
      this.#answer(req, res, url, method, body, malformed);
    });
  }

  #takeFault(method: string): PendingFault['answer'] | undefined {
    const index = this.#faults.findIndex(
      f => !f.method || f.method.toUpperCase() === method,
    );
    if (index < 0) return undefined;
    const fault = this.#faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.answer;
  }

  #answer(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    body: unknown,
    malformed: boolean,
  ) {
    if (this.#closed || res.destroyed) return;
    const result = this.#handle(req, url, method, body, malformed);
    if (isArmError(result)) {
      const { status, code, message, headers } = result;
      this.#send(res, status, { error: { code, message } }, headers);
    } else {
      this.#send(res, result.status, result.body, result.headers);
    }
  }

  #handle(
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
        this.#wrap(this.#store.get(target.scope, target.name, now)) ??
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
      const result = this.#store.put(
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
          'azure-asyncoperation': this.#operationUrl(
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
      const operation = this.#store.delete(target.scope, target.name, now);
      if (!operation) return { status: 204 };
      return {
        status: 202,
        headers: {
          location: this.#operationUrl(
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
    if (target?.kind === 'list' && method === 'GET') {
      const offset = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
      const page = this.#store.list(target.scope, offset, this.#pageSize, now);
      const next = new URL(url.pathname, this.url);
      next.searchParams.set('api-version', apiVersion);
      next.searchParams.set('$skiptoken', String(offset + this.#pageSize));
      return {
        status: 200,
        body: {
          value: page.items,
          ...(page.more ? { nextLink: next.href } : {}),
        },
      };
    }
    if (target?.kind === 'operation' && method === 'GET') {
      return this.#operationStatus(target.id, target.operationResult, url, now);
    }
    return armError(
      404,
      'NotFound',
      `The sandbox has no route for ${method} ${url.pathname}.`,
    );
  }

  #wrap(resource: AciSandboxContainerGroup | undefined): Answer | undefined {
    return resource && { status: 200, body: resource };
  }

  #operationStatus(
    id: string,
    operationResult: boolean,
    url: URL,
    now: number,
  ): ArmError | Answer {
    const operation = this.#store.operation(id);
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

  #operationUrl(
    scope: AciSandboxScope,
    location: string,
    kind: 'operations' | 'operationResults',
    id: string,
    apiVersion: string,
  ): string {
    const url = new URL(
      `/subscriptions/${scope.subscriptionId}/providers/Microsoft.ContainerInstance/locations/${location}/${kind}/${id}`,
      this.url,
    );
    url.searchParams.set('api-version', apiVersion);
    return url.href;
  }

  #send(
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ms-request-id': randomUUID(),
      ...headers,
    });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }
}
