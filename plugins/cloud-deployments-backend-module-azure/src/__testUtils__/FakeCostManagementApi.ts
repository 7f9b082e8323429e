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
import { TokenCredential } from '@azure/core-auth';
import { Agent, createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

// A local Azure Resource Manager API over https (the SDK sends bearer tokens
// over TLS only), with a throwaway certificate that only its agent trusts:
// the Cost Management Query API and Azure Monitor metrics, as each test
// answers. Not part of the package's API.

/** A request as the fake API received it. */
export type CostQueryRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body: any;
};

/** What the fake answers a request with. */
export type CostQueryAnswer = {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
};

/** The token the fake credential hands out. */
export const FAKE_TOKEN = 'fake-cost-management-token';

/** A credential that hands out {@link FAKE_TOKEN} and records the scopes asked for. */
export function fakeCredential(scopes: string[] = []): TokenCredential {
  return {
    getToken: async scope => {
      scopes.push(...[scope].flat());
      return {
        token: FAKE_TOKEN,
        expiresOnTimestamp: Date.now() + 3600_000,
      };
    },
  };
}

export class FakeCostManagementApi {
  readonly requests: CostQueryRequest[] = [];
  /** Answers the n-th request (from 0), or holds it (`hang`); set by each test. */
  answer: (request: CostQueryRequest, n: number) => CostQueryAnswer | 'hang' =
    () => ({
      status: 500,
      body: { error: { code: 'NotSet', message: 'no answer set' } },
    });
  agent!: Agent;
  #server?: Server;

  get url(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `https://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    const now = Date.now();
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - 60_000),
      notAfterDate: new Date(now + 24 * 3600_000),
      extensions: [
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    this.agent = new Agent({ ca: pems.cert, keepAlive: true });
    this.#server = createServer(
      { key: pems.private, cert: pems.cert },
      (req, res) => {
        let text = '';
        req.on('data', chunk => {
          text += chunk;
        });
        req.on('end', () => {
          const url = new URL(req.url ?? '/', 'https://127.0.0.1');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          const request: CostQueryRequest = {
            method: req.method ?? '',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            authorization: req.headers.authorization,
            body,
          };
          this.requests.push(request);
          const answer = this.answer(request, this.requests.length - 1);
          if (answer === 'hang') return;
          res.writeHead(answer.status ?? 200, {
            'content-type': 'application/json',
            ...answer.headers,
          });
          res.end(JSON.stringify(answer.body));
        });
      },
    );
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.agent?.destroy();
    this.#server?.closeAllConnections();
    await new Promise(resolve => this.#server?.close(resolve));
  }
}
