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
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import {
  createPrecompressedAssetsMiddleware,
  IMMUTABLE_CACHE_CONTROL,
} from './createPrecompressedAssetsMiddleware';

const JS = `console.log(${JSON.stringify('a chunk '.repeat(200))});\n`;
const CSS = `${'.a { color: red; }\n'.repeat(100)}`;

/** The body as sent: superagent does not decode brotli. */
function rawBody(res: any, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

// Each test starts a server; on a busy machine that takes a while.
jest.setTimeout(30_000);

describe('createPrecompressedAssetsMiddleware', () => {
  let dist: string;
  let app: express.Express;

  beforeEach(() => {
    dist = mkdtempSync(join(tmpdir(), 'precompressed-'));
    const staticDir = join(dist, 'static');
    mkdirSync(join(staticDir, 'media'), { recursive: true });
    const write = (name: string, content: string, variants: string[]) => {
      writeFileSync(join(staticDir, name), content);
      if (variants.includes('br')) {
        writeFileSync(
          join(staticDir, `${name}.br`),
          brotliCompressSync(content),
        );
      }
      if (variants.includes('gz')) {
        writeFileSync(join(staticDir, `${name}.gz`), gzipSync(content));
      }
    };
    write('main.1a2b3c4d.js', JS, ['br', 'gz']);
    write('123.0badf00d.chunk.js', JS, ['gz']);
    write('media/styles.deadbeef.css', CSS, ['br', 'gz']);
    write('unhashed.js', JS, ['br', 'gz']);
    // Rewritten after its variants were made, as the app backend does to
    // inject the config at startup.
    write('config.cafe1234.js', JS, ['br', 'gz']);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(staticDir, 'config.cafe1234.js'), later, later);
    writeFileSync(join(dist, 'secret.txt.br'), brotliCompressSync('secret'));

    app = express();
    app.use(
      '/static',
      createPrecompressedAssetsMiddleware({
        staticDir,
        logger: mockServices.logger.mock(),
      }),
    );
    // Stands in for the app backend: the plain file, with no encoding, and
    // the document that carries the config, never cached.
    app.use('/static', express.static(staticDir));
    app.get('/index.html', (_req, res) => {
      res.setHeader('Cache-Control', 'no-store, max-age=0');
      res.send('<html></html>');
    });
    app.use((_req, res) => {
      res.status(404).send('not found');
    });
  });

  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('sends brotli to a client that takes it, whatever its order', async () => {
    const res = await request(app)
      .get('/static/main.1a2b3c4d.js')
      .set('Accept-Encoding', 'gzip, deflate, br, zstd')
      .buffer(true)
      .parse(rawBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe(
      'application/javascript; charset=utf-8',
    );
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(res.headers['content-length']).toBe(
      String(brotliCompressSync(JS).length),
    );
    expect(brotliDecompressSync(res.body).toString()).toBe(JS);
  });

  it('sends gzip to a client that does not take brotli', async () => {
    const res = await request(app)
      .get('/static/media/styles.deadbeef.css')
      .set('Accept-Encoding', 'gzip, deflate');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(res.text).toBe(CSS);
  });

  it('falls back to gzip when a file has no brotli variant', async () => {
    const res = await request(app)
      .get('/static/123.0badf00d.chunk.js')
      .set('Accept-Encoding', 'br, gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toBe(JS);
  });

  it('leaves identity requests to the next handler, with Vary', async () => {
    const res = await request(app)
      .get('/static/main.1a2b3c4d.js')
      .set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).not.toContain('immutable');
    expect(res.text).toBe(JS);
  });

  it('leaves a file rewritten after its variants to the next handler', async () => {
    const res = await request(app)
      .get('/static/config.cafe1234.js')
      .set('Accept-Encoding', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).not.toContain('immutable');
  });

  it('does not make files without a content hash immutable', async () => {
    const res = await request(app)
      .get('/static/unhashed.js')
      .set('Accept-Encoding', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).not.toContain('immutable');
  });

  it('leaves the document to the app backend, never immutable', async () => {
    writeFileSync(join(dist, 'static', 'index.html.br'), 'x');
    const res = await request(app)
      .get('/index.html')
      .set('Accept-Encoding', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store, max-age=0');
  });

  it('answers conditional requests with 304', async () => {
    const first = await request(app)
      .get('/static/main.1a2b3c4d.js')
      .set('Accept-Encoding', 'br');
    const again = await request(app)
      .get('/static/main.1a2b3c4d.js')
      .set('Accept-Encoding', 'br')
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('answers HEAD without a body', async () => {
    const res = await request(app)
      .head('/static/main.1a2b3c4d.js')
      .set('Accept-Encoding', 'br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.text).toBeUndefined();
  });

  it.each([
    '/static/../secret.txt',
    '/static/%2e%2e/secret.txt',
    '/static/..%2fsecret.txt',
    '/static/media/..%2f..%2fsecret.txt',
    '/static/%E0%A4%A',
  ])('serves nothing outside static/ for %s', async path => {
    const res = await request(app).get(path).set('Accept-Encoding', 'br');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text ?? '').not.toContain('secret');
  });

  it('leaves other methods to the next handler', async () => {
    const res = await request(app)
      .post('/static/main.1a2b3c4d.js')
      .set('Accept-Encoding', 'br');
    expect(res.status).toBe(404);
  });
});
