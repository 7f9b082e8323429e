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
import { OAuth2Client } from 'google-auth-library';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

// A local BigQuery REST API (jobs.query and jobs.getQueryResults), for tests
// that run the real client against it. Not part of the package's API.

/** A request as the fake API received it. */
export type BigQueryRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body: any;
};

/** What the fake answers a request with. */
export type BigQueryAnswer = { status?: number; body: unknown };

/** The token of {@link fakeAuthClient}. */
export const FAKE_BIGQUERY_TOKEN = 'ya29.fake-bigquery-token';

/** An auth client with a fixed token: no credentials, no token endpoint. */
export function fakeAuthClient(): OAuth2Client {
  // Node's own fetch, as the Cloud Run tests: no ESM-only node-fetch in jest.
  const client = new OAuth2Client({
    transporterOptions: { fetchImplementation: fetch },
  });
  client.setCredentials({
    access_token: FAKE_BIGQUERY_TOKEN,
    expiry_date: Date.now() + 3600_000,
  });
  return client;
}

/** The result schema of the billing export query. */
export const SCHEMA = {
  fields: [
    { name: 'deployment', type: 'STRING', mode: 'NULLABLE' },
    { name: 'day', type: 'STRING', mode: 'NULLABLE' },
    { name: 'cost', type: 'FLOAT', mode: 'NULLABLE' },
    { name: 'currency', type: 'STRING', mode: 'NULLABLE' },
  ],
};

/** A page of results in the API's shape; `null` cells stay null. */
export function resultPage(
  rows: Array<Array<string | number | null>>,
  options: { pageToken?: string; jobId?: string; totalRows?: number } = {},
) {
  return {
    kind: 'bigquery#queryResponse',
    jobReference: {
      projectId: 'acme-billing',
      jobId: options.jobId ?? 'job_cost_1',
      location: 'EU',
    },
    jobComplete: true,
    schema: SCHEMA,
    rows: rows.map(row => ({
      f: row.map(v => ({ v: v === null ? null : String(v) })),
    })),
    totalRows: String(options.totalRows ?? rows.length),
    ...(options.pageToken ? { pageToken: options.pageToken } : {}),
  };
}

/** A BigQuery error answer, e.g. 403 rateLimitExceeded. */
export function errorAnswer(
  status: number,
  reason: string,
  message: string,
): BigQueryAnswer {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        errors: [{ message, domain: 'global', reason }],
        status: status === 400 ? 'INVALID_ARGUMENT' : 'PERMISSION_DENIED',
      },
    },
  };
}

export class FakeBigQueryApi {
  readonly requests: BigQueryRequest[] = [];
  /** Answers the n-th request (from 0); set by each test. */
  answer: (request: BigQueryRequest, n: number) => BigQueryAnswer = () =>
    errorAnswer(500, 'backendError', 'no answer set');
  #server?: Server;

  get url(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      let text = '';
      req.on('data', chunk => {
        text += chunk;
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const request: BigQueryRequest = {
          method: req.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          authorization: req.headers.authorization,
          body: text ? JSON.parse(text) : undefined,
        };
        this.requests.push(request);
        const answer = this.answer(request, this.requests.length - 1);
        res.writeHead(answer.status ?? 200, {
          'content-type': 'application/json',
        });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise(resolve => this.#server?.close(resolve));
  }
}

/**
 * The BigQuery client sends its requests with teeny-request, which loads
 * node-fetch by a dynamic `import()` that jest cannot run without
 * `--experimental-vm-modules`. Under Bun it uses its own fetch over Node's
 * http module instead; this makes it take that path for the tests' duration.
 * Production (plain Node) loads node-fetch as usual.
 */
export function useNodeHttpForTeenyRequest(): () => void {
  const had = 'Bun' in globalThis;
  if (!had) (globalThis as Record<string, unknown>).Bun = {};
  return () => {
    if (!had) delete (globalThis as Record<string, unknown>).Bun;
  };
}
