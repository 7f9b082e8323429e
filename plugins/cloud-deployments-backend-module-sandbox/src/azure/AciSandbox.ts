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
import { FaultQueue } from '../FaultQueue';
import {
  SandboxTraffic,
  SandboxTrafficSetting,
} from '../traffic/SandboxTraffic';
import { armError, ArmError, isArmError, throttled } from './armErrors';
import { createSandboxCertificate } from './certificate';
import {
  AciSandboxContainerGroup,
  AciSandboxScope,
} from './containerGroupModel';
import { ContainerGroupStore } from './ContainerGroupStore';
import { handleArmRequest } from './handleArmRequest';
import {
  AciSandboxFault,
  AciSandboxGarbage,
  AciSandboxOptions,
  AciSandboxRequest,
} from './AciSandboxTypes';
import { sandboxAccessToken } from './sandboxPrincipal';

const SANDBOX_TOKEN = sandboxAccessToken();

/** A body to answer with as it is, whatever it holds. */
type Garbage = { raw: string; status: number; contentType: string };

/** Which requests a fault answers: of a method, under a path, or both. */
type FaultScope = { method?: string; pathPrefix?: string };

const faultScope = (
  method?: string,
  pathPrefix?: string,
): FaultScope | undefined =>
  method === undefined && pathPrefix === undefined
    ? undefined
    : { method, pathPrefix };

/**
 * A local stand-in for the Azure Resource Manager API of Azure Container
 * Instances, good enough for the real `@azure/arm-containerinstance` client:
 * container groups are PUT (201 or 200 with `Azure-AsyncOperation`), read,
 * listed (paginated through `nextLink`) and deleted (202 with `Location`),
 * over https with a certificate made at start, which clients trust through
 * {@link AciSandbox.certificate}. A container group's Azure Monitor
 * metrics answer `NetworkBytesReceivedPerSecond`: synthetic traffic for the
 * days it existed, health probes only for about one group in four (see
 * {@link AciSandbox.setTraffic}). The permissions listing of a resource
 * group (`Microsoft.Authorization/permissions`, for the connection test)
 * grants every action but the `deniedActions`. Any bearer token is
 * accepted; {@link AciSandbox.credential} provides one, shaped as Entra
 * ID's, whose claims name the sandbox's service principal.
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
  /**
   * The bearer token {@link AciSandbox.credential} hands out: an unsigned
   * JWT naming the sandbox's service principal (`tid`, `oid`, `appid`).
   */
  readonly token: string = SANDBOX_TOKEN;
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
  readonly #faults = new FaultQueue<
    ArmError | Garbage | { hangMs: number },
    FaultScope
  >();
  readonly #deniedActions: string[];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #traffic: SandboxTraffic;
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
    this.#traffic = new SandboxTraffic('bytes', options);
    this.#deniedActions = [...(options.deniedActions ?? [])];
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

  /**
   * Sets the bytes a day Azure Monitor reports the container group of this
   * name (in any resource group) received: the same number every day it
   * exists, or a number per `YYYY-MM-DD` day; undefined goes back to its
   * synthetic traffic. Real groups never receive 0: health probes.
   */
  setTraffic(name: string, traffic: SandboxTrafficSetting | undefined): void {
    this.#traffic.set(name, traffic);
  }

  /** Answers the next `count` requests with 429 and `Retry-After`. */
  throttleNext(
    count = 1,
    options: { retryAfterSeconds?: number; method?: string } = {},
  ): void {
    this.#faults.push(
      faultScope(options.method),
      count,
      throttled(options.retryAfterSeconds ?? 1),
    );
  }

  /**
   * Answers the next matching requests with an ARM error, e.g. a 409
   * `ContainerGroupQuotaReached` or a 400 `InvalidRequestContent`.
   */
  rejectNext(fault: AciSandboxFault): void {
    this.#faults.push(
      faultScope(fault.method, fault.pathPrefix),
      fault.count ?? 1,
      armError(fault.status, fault.code, fault.message, fault.headers),
    );
  }

  /**
   * Answers the next matching requests with a body that is not what Azure
   * Resource Manager sends: an HTML page, truncated or wrongly shaped JSON.
   */
  garbleNext(garbage: AciSandboxGarbage): void {
    this.#faults.push(
      faultScope(garbage.method, garbage.pathPrefix),
      garbage.count ?? 1,
      {
        raw: garbage.body,
        status: garbage.status ?? 200,
        contentType: garbage.contentType ?? 'application/json; charset=utf-8',
      },
    );
  }

  /**
   * Holds the next `count` requests without answering: for `forMs`
   * milliseconds before handling them, or until {@link AciSandbox.close}.
   */
  hangNext(count = 1, options: { forMs?: number; method?: string } = {}) {
    this.#faults.push(faultScope(options.method), count, {
      hangMs: options.forMs ?? Infinity,
    });
  }

  /**
   * Test hook: changes a container group as someone would outside the
   * portal (another image, size or variable); `change` edits its ARM body
   * (`properties.containers[…]`). False when there is no such group.
   */
  editBehindTheBack(
    scope: AciSandboxScope,
    name: string,
    change: (body: Record<string, any>) => void,
  ): boolean {
    return this.#store.edit(scope, name, change);
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
      const fault = this.#takeFault(method, url.pathname);
      if (fault && 'hangMs' in fault) {
        if (fault.hangMs === Infinity) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#answer(req, res, url, method, body, malformed);
        }, fault.hangMs);
        this.#timers.add(timer);
        return;
      }
      if (fault && 'raw' in fault) {
        res.writeHead(fault.status, { 'content-type': fault.contentType });
        res.end(fault.raw);
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

  #takeFault(
    method: string,
    path: string,
  ): ArmError | Garbage | { hangMs: number } | undefined {
    return this.#faults.take(
      only =>
        (only.method === undefined || only.method.toUpperCase() === method) &&
        (only.pathPrefix === undefined ||
          path.toLowerCase().startsWith(only.pathPrefix.toLowerCase())),
    );
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
    const result = handleArmRequest(
      {
        store: this.#store,
        pageSize: this.#pageSize,
        baseUrl: this.url,
        traffic: this.#traffic,
        deniedActions: this.#deniedActions,
      },
      req,
      url,
      method,
      body,
      malformed,
    );
    if (isArmError(result)) {
      const { status, code, message, headers } = result;
      this.#send(res, status, { error: { code, message } }, headers);
    } else {
      this.#send(res, result.status, result.body, result.headers);
    }
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
