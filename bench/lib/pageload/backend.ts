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
/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../packages/backend/src/__testUtils__/backendProcess';
import {
  BenchBackend,
  startBenchBackend,
  stopBenchBackend,
} from '../backendProcess';

export type Backend = BenchBackend;

/** How the backend serves the app's build. */
export type Serving = {
  /** The package whose dist/ the app backend serves (`app.packageName`). */
  packageName: string;
  /** Where that package resolves from when it is not a workspace (NODE_PATH). */
  nodePath?: string;
};

export async function startBackend(
  dataDir: string,
  serving: Serving,
): Promise<Backend> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = join(dataDir, 'app-config.bench.yaml');
  const later = {
    frequency: { hours: 1 },
    timeout: { minutes: 5 },
    initialDelay: { hours: 1 },
  };
  writeFileSync(
    configFile,
    JSON.stringify({
      // The app plugin serves the build from the backend, as in production.
      app: {
        baseUrl,
        packageName: serving.packageName,
      },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'better-sqlite3',
          connection: { directory: dataDir },
        },
        cors: { origin: baseUrl },
      },
      cloudDeployments: {
        jobs: { enabled: false },
        reconciliation: { schedule: later },
      },
      catalog: { providers: { cloudDeployments: { schedule: later } } },
    }),
  );
  const backend = await startBenchBackend({
    baseUrl,
    configFile,
    readyTimeoutMs: 240_000,
    env: serving.nodePath ? { NODE_PATH: serving.nodePath } : {},
  });
  const index = await fetch(`${baseUrl}/cloud-deployments`);
  const html = await index.text();
  if (!index.ok || !html.includes('/static/')) {
    await stopBenchBackend(backend);
    throw new Error(
      `the backend does not serve the app (${
        index.status
      }):\n${backend.output()}`,
    );
  }
  return backend;
}

/** CPU seconds a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until the backend uses under 10% of a core over 3 s (at most 3 min). */
export async function settle(backend: Backend) {
  const start = performance.now();
  let last = cpuSeconds(backend.process.pid!);
  let quiet = 0;
  while (quiet < 3 && performance.now() - start < 180_000) {
    await new Promise(r => setTimeout(r, 1000));
    const now = cpuSeconds(backend.process.pid!);
    quiet = now - last < 0.1 ? quiet + 1 : 0;
    last = now;
  }
  console.log(
    `backend settled after ${((performance.now() - start) / 1000).toFixed(
      0,
    )} s (load average ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')})`,
  );
}
