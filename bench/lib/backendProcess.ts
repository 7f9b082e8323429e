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
  Backend,
  startBackend,
  stopBackend,
} from '../../packages/backend/src/__testUtils__/backendProcess';

/** A backend process a benchmark started. */
export type BenchBackend = Backend & { baseUrl: string };

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
  /** Environment on top of this process's. */
  env?: Record<string, string>;
}): Promise<BenchBackend> {
  const profile = process.env.BENCH_CPU_PROFILE;
  const backend = await startBackend(options.configFile, options.baseUrl, {
    entry: options.entry,
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    env: { LOG_LEVEL: 'warn', ...options.env },
    readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
    onOutput: process.env.BENCH_BACKEND_STDERR
      ? d => process.stderr.write(d)
      : undefined,
  });
  return { ...backend, baseUrl: options.baseUrl };
}

/** SIGTERM, then SIGKILL if it has not exited after 20 s. */
export const stopBenchBackend = stopBackend;
