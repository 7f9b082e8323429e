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
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { fetchWithRetry } from './fetchWithRetry';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handlers: Handler[]) {
  let calls = 0;
  const server = createServer((req, res) => {
    const handler = handlers[Math.min(calls, handlers.length - 1)];
    calls++;
    handler(req, res);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/prices`,
    calls: () => calls,
    close: () =>
      new Promise(r => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

const json = (status: number, body: unknown, headers = {}) =>
  ((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }) as Handler;

const fast = { backoffMs: 1, random: () => 0.5 };

describe('fetchWithRetry', () => {
  it('retries 429 and 5xx, then returns the JSON', async () => {
    const server = await serve([
      json(429, { error: 'slow down' }, { 'Retry-After': '0' }),
      json(503, { error: 'unavailable' }),
      json(200, { Items: [1] }),
    ]);
    await expect(fetchWithRetry(server.url, {}, fast)).resolves.toEqual({
      Items: [1],
    });
    expect(server.calls()).toBe(3);
    await server.close();
  });

  it('fails at once on other statuses and on malformed JSON', async () => {
    const notFound = await serve([json(404, {})]);
    await expect(fetchWithRetry(notFound.url, {}, fast)).rejects.toThrow(
      /^404 Not Found from 127.0.0.1:\d+$/,
    );
    expect(notFound.calls()).toBe(1);
    await notFound.close();

    const malformed = await serve([json(200, '{"Items": [')]);
    await expect(fetchWithRetry(malformed.url, {}, fast)).rejects.toThrow(
      /^Malformed JSON from 127.0.0.1:\d+/,
    );
    expect(malformed.calls()).toBe(1);
    await malformed.close();
  });

  it('gives up after the last attempt times out', async () => {
    const server = await serve([() => {}]);
    const started = Date.now();
    await expect(
      fetchWithRetry(server.url, {}, { ...fast, timeoutMs: 100, attempts: 2 }),
    ).rejects.toThrow(/timeout|aborted/i);
    expect(server.calls()).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
    await server.close();
  });
});
