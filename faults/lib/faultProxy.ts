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
  createServer,
  IncomingMessage,
  request as httpRequest,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with a request:
 * - `pass`: forwards it to the target and the answer back;
 * - `hang`: never answers (the client's timeout or a cancel ends it);
 * - `status`: answers with an HTTP status and a body, as a load balancer
 *   in front of a sick service does (`500` with an HTML page);
 * - `garbage`: answers 200 with a body that is not what the protocol says
 *   (not JSON, or JSON of the wrong shape);
 * - `reset`: resets the TCP connection (RST) without answering;
 * - `lose-answer`: forwards the request, then resets the connection instead
 *   of passing the answer back: the server did the work, the client never
 *   hears;
 * - `delay`: forwards the request after `ms`;
 * - `handle`: lets the scenario do something else (e.g. forward half of the
 *   body, then kill the server).
 */
export type FaultAction =
  | { type: 'pass' }
  | { type: 'hang' }
  | { type: 'status'; status: number; body: string; contentType?: string }
  | { type: 'garbage'; body: string; contentType?: string }
  | { type: 'reset' }
  | { type: 'lose-answer' }
  | { type: 'delay'; ms: number }
  | { type: 'handle'; handle: (exchange: Exchange) => Promise<void> };

/** A request the proxy holds, for a `handle` action. */
export type Exchange = {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  /** Where requests go when they pass. */
  target: URL;
};

/** One request the proxy saw, and what it did with it. */
export type ProxiedRequest = {
  at: number;
  method: string;
  path: string;
  /** `X-Amz-Target` without `SageMaker.`, when there is one. */
  operation?: string;
  action: FaultAction['type'];
  /** The start of the body, to tell whose request it was. */
  body: string;
};

/** Decides a request's fate; `undefined` passes it. */
export type FaultRule = (request: {
  method: string;
  path: string;
  operation?: string;
  body: Buffer;
}) => FaultAction | undefined;

/**
 * A small HTTP proxy that injects faults between a client (the backend and
 * its cloud SDK) and a server (a provider sandbox, or the backend itself).
 * The rule is swapped while it runs; everything is deterministic: a rule
 * decides from the request and the rule's own counters, never at random.
 */
export class FaultProxy {
  readonly #server: Server;
  #target: URL;
  readonly #sockets = new Set<Socket>();
  readonly log: ProxiedRequest[] = [];
  #rule: FaultRule = () => undefined;
  #url = '';

  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    await new Promise<void>(resolve =>
      proxy.#server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = proxy.#server.address() as AddressInfo;
    proxy.#url = `http://127.0.0.1:${port}`;
    return proxy;
  }

  private constructor(target: string) {
    this.#target = new URL(target);
    this.#server = createServer((req, res) => this.#receive(req, res));
    this.#server.on('connection', socket => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  get url(): string {
    return this.#url;
  }

  /** Sends requests that pass somewhere else from now on (a surviving replica). */
  retarget(target: string): void {
    this.#target = new URL(target);
  }

  /** Applies `rule` to every request from now on. */
  set(rule: FaultRule): void {
    this.#rule = rule;
  }

  /** Passes everything again; requests already held stay held until their client gives up. */
  clear(): void {
    this.#rule = () => undefined;
  }

  /** Requests that got a given treatment (of one operation, or naming `text`). */
  count(
    action: FaultAction['type'],
    filter: { operation?: string; text?: string } = {},
  ): number {
    return this.log.filter(
      r =>
        r.action === action &&
        (!filter.operation || r.operation === filter.operation) &&
        (!filter.text || r.body.includes(filter.text)),
    ).length;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  #receive(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const target = req.headers['x-amz-target'];
      const operation =
        typeof target === 'string' ? target.split('.').pop() : undefined;
      const info = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        operation,
        body,
      };
      const action = this.#rule(info) ?? { type: 'pass' };
      this.log.push({
        at: Date.now(),
        method: info.method,
        path: info.path,
        operation,
        action: action.type,
        body: body.subarray(0, 300).toString('utf8'),
      });
      switch (action.type) {
        case 'handle':
          await action.handle({ req, res, body, target: this.#target });
          return;
        case 'hang':
          return;
        case 'reset':
          req.socket.resetAndDestroy();
          return;
        case 'status':
          res.writeHead(action.status, {
            'Content-Type': action.contentType ?? 'text/html',
          });
          res.end(action.body);
          return;
        case 'garbage':
          res.writeHead(200, {
            'Content-Type': action.contentType ?? 'application/x-amz-json-1.1',
          });
          res.end(action.body);
          return;
        case 'lose-answer':
          this.#forward(req, body, res, { loseAnswer: true });
          return;
        case 'delay':
          setTimeout(() => this.#forward(req, body, res), action.ms);
          return;
        default:
          this.#forward(req, body, res);
      }
    });
  }

  #forward(
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    options: { loseAnswer?: boolean } = {},
  ) {
    if (req.socket.destroyed) return;
    const upstream = httpRequest(
      {
        host: this.#target.hostname,
        port: this.#target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: this.#target.host },
      },
      answer => {
        if (options.loseAnswer) {
          answer.resume();
          answer.on('end', () => req.socket.resetAndDestroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // A dead target looks like one to the client: the connection drops.
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  }
}

/**
 * A rule that applies `action` to the next `count` requests (of `operation`,
 * or any), then passes everything.
 */
export function nextRequests(
  count: number,
  action: FaultAction,
  operation?: string,
): FaultRule {
  let left = count;
  return request => {
    if (operation && request.operation !== operation) return undefined;
    if (left <= 0) return undefined;
    left -= 1;
    return action;
  };
}

/** A rule that applies `action` to every request (of `operation`, or any). */
export function everyRequest(
  action: FaultAction,
  operation?: string,
): FaultRule {
  return request =>
    !operation || request.operation === operation ? action : undefined;
}

/**
 * Limits `rule` to the SageMaker requests of one deployment: those naming its
 * endpoint, or its models and configurations (`<name>-<hash>-<hash>`), so
 * that other traffic (reconciliation, other deployments) does not use up a
 * counted fault.
 */
export function forDeployment(name: string, rule: FaultRule): FaultRule {
  const names = new RegExp(`"${name}(-[0-9a-f]{8})*-?"`);
  return request =>
    names.test(request.body.toString('utf8')) ? rule(request) : undefined;
}
