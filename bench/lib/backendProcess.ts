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
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
const backendDir = join(repoRoot, 'packages/backend');

/** A backend process a benchmark started, and what it wrote to stderr. */
export type BenchBackend = {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
};

/**
 * Starts a backend as its own process (so the benchmark's client does not
 * share its event loop): `entry` (default the portal's `src/index.ts`) with
 * app-config.yaml and `configFile` on top, and waits until it is ready.
 * BENCH_CPU_PROFILE profiles it; BENCH_BACKEND_STDERR shows its log.
 */
export async function startBenchBackend(options: {
  baseUrl: string;
  configFile: string;
  entry?: string;
  readyTimeoutMs?: number;
}): Promise<BenchBackend> {
  const { baseUrl, configFile } = options;
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
        : []),
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
        LOG_LEVEL: 'warn',
        ESBK_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr!.on('data', d => {
    output += d;
    if (process.env.BENCH_BACKEND_STDERR) process.stderr.write(d);
  });
  const backend = { child, baseUrl, output: () => output };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stopBenchBackend(backend);
      throw new Error(`backend not ready:\n${output}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  return backend;
}

/** SIGTERM, then SIGKILL if it has not exited after 20 s. */
export async function stopBenchBackend(backend: BenchBackend): Promise<void> {
  const { child } = backend;
  if (child.exitCode !== null || child.signalCode) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
