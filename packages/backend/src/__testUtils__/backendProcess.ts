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
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/*
 * The real backend (src/index.ts with every plugin it wires) as a child
 * process, for tests that restart or kill it.
 */

const backendDir = resolve(__dirname, '../..');
export const repoRoot = resolve(backendDir, '../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export type Backend = { process: ChildProcess; output: () => string };

/** How {@link startBackend} runs the backend, where the defaults do not fit. */
export type BackendProcessOptions = {
  /** The entry point, relative to packages/backend. Default `src/index.ts`. */
  entry?: string;
  /** Node options before the entry, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Environment on top of this process's. */
  env?: Record<string, string>;
  /** How long it may take to get ready. Default 120 s. */
  readyTimeoutMs?: number;
  /** Sees everything it writes, as it writes it. */
  onOutput?: (chunk: Buffer) => void;
};

/** Starts the backend with app-config.yaml and `configFile`, and waits until it is ready. */
export async function startBackend(
  configFile: string,
  baseUrl: string,
  options: BackendProcessOptions = {},
): Promise<Backend> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      options.entry ?? 'src/index.ts',
      '--config',
      join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        // The guest provider only signs in outside production.
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (d: Buffer) => {
    output += d;
    options.onOutput?.(d);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const backend: Backend = { process: child, output: () => output };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
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

/**
 * Stops the backend gracefully (SIGTERM) and waits for it to exit; SIGKILL
 * if it has not after 20 s.
 */
export async function stopBackend(backend: Backend): Promise<void> {
  if (backend.process.exitCode !== null || backend.process.signalCode) return;
  const exited = new Promise(r => backend.process.once('exit', r));
  backend.process.kill('SIGTERM');
  const timer = setTimeout(() => backend.process.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Kills the backend at once (SIGKILL), as a crashed replica dies. */
export async function killBackend(backend: Backend): Promise<void> {
  if (backend.process.exitCode !== null || backend.process.signalCode) return;
  const exited = new Promise(r => backend.process.once('exit', r));
  backend.process.kill('SIGKILL');
  await exited;
}

export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (res.status !== 200) throw new Error(`guest sign-in: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}
