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
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * Smoke test of the real backend (packages/backend/src/index.ts with every plugin
 * it wires): boot it on a free port with a file-backed SQLite database, create a
 * deployment over HTTP as a guest user, stop it, boot it again and find the
 * deployment again.
 */

jest.setTimeout(180_000);

const backendDir = resolve(__dirname, '..');
const repoRoot = resolve(backendDir, '../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

type Backend = { process: ChildProcess; output: () => string };

async function startBackend(configFile: string, baseUrl: string) {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const backend: Backend = { process: child, output: () => output };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return backend;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`backend did not get ready in time:\n${output}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

async function stopBackend(backend: Backend) {
  if (backend.process.exitCode !== null) return;
  const exited = new Promise(r => backend.process.once('exit', r));
  backend.process.kill('SIGTERM');
  await exited;
}

async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

describe('the backend', () => {
  let dataDir: string;
  let backend: Backend | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloud-deployments-smoke-'));
  });

  afterAll(async () => {
    if (backend) await stopBackend(backend);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a deployment created over HTTP across a restart', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const configFile = join(dataDir, 'app-config.smoke.yaml');
    writeFileSync(
      configFile,
      JSON.stringify({
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: {
            client: 'better-sqlite3',
            connection: { directory: join(dataDir, 'sqlite') },
          },
        },
      }),
    );

    backend = await startBackend(configFile, baseUrl);
    let token = await guestToken(baseUrl);
    const created = await fetch(
      `${baseUrl}/api/cloud-deployments/deployments`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          name: 'smoke-api',
          owner: 'group:default/guests',
          component: 'component:default/example-website',
          environment: 'development',
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          engine: 'sdk',
          artifact: { image: 'europe-docker.pkg.dev/acme/web/api:1.0.0' },
          compute: { cpu: 1, memoryMiB: 512 },
        }),
      },
    );
    const body = await created.json();
    expect(created.status).toBe(201);
    expect(body).toMatchObject({
      name: 'smoke-api',
      status: 'pending',
      createdBy: 'user:development/guest',
    });

    await stopBackend(backend);
    backend = await startBackend(configFile, baseUrl);
    token = await guestToken(baseUrl);
    const found = await fetch(
      `${baseUrl}/api/cloud-deployments/deployments/${body.id}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual(body);
  });
});
