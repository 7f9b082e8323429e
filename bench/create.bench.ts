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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  freePort,
  guestToken,
} from '../packages/backend/src/__testUtils__/backendProcess';
import { startBenchBackend, stopBenchBackend } from './lib/backendProcess';
import { percentile } from './lib/stats';

/*
 * Create-deployment requests (issue 4 targets: ≥ 500 accepted per second and
 * p99 < 50 ms with 50 concurrent clients, on 2 cores). The real backend
 * (packages/backend, every plugin it wires) runs as its own process with a
 * file-backed SQLite database — and PostgreSQL when its URL is set (`yarn
 * bench:create` starts one) — and 50 clients POST /deployments as the guest
 * user: authentication, the permission check, validation, pricing, the
 * transaction that writes the deployment, its event and its task, the audit
 * event and the catalog's change event. This replica runs no worker
 * (`cloudDeployments.jobs.enabled: false`), so the figure is what the API
 * accepts, not what the sandbox provisions.
 */

const CLIENTS = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const WARMUP = 200;

/** The whole portal backend, or the API on a backend of its own. */
type Topology = 'monolith' | 'api';

async function startBackend(database: object, dir: string, topology: Topology) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = join(dir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      backend: { baseUrl, listen: { port, host: '127.0.0.1' }, database },
      cloudDeployments: { jobs: { enabled: false } },
      catalog: {
        providers: {
          cloudDeployments: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 1 },
            },
          },
        },
      },
    }),
  );
  return startBenchBackend({
    baseUrl,
    configFile,
    entry:
      topology === 'monolith'
        ? undefined
        : join(__dirname, 'lib/apiBackend.ts'),
  });
}

// Names must not clash with an earlier run's deployments in the same database.
let runId = '';

function body(i: number) {
  return JSON.stringify({
    name: `bench-${runId}-${i}`,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'development',
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    engine: 'sdk',
    artifact: { image: 'europe-docker.pkg.dev/acme/web/api:1.0.0' },
    compute: { cpu: 1, memoryMiB: 512 },
  });
}

async function run(name: string, database: object, topology: Topology) {
  runId = Date.now().toString(36);
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-create-'));
  const resolved =
    'connection' in database
      ? database
      : { ...database, connection: { directory: join(dir, 'sqlite') } };
  const backend = await startBackend(resolved, dir, topology);
  const { baseUrl } = backend;
  try {
    const token = await guestToken(baseUrl);
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    };
    const url = `${baseUrl}/api/cloud-deployments/deployments`;
    let next = 0;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const client = async (limit: number, record: boolean) => {
      while (next < limit) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: body(i),
        });
        await res.arrayBuffer();
        if (record) {
          latencies.push(performance.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }
    };
    await Promise.all(
      Array.from({ length: CLIENTS }, () => client(WARMUP, false)),
    );
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, () => client(WARMUP + REQUESTS, true)),
    );
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `${name}, ${
        topology === 'api'
          ? 'the API on its own backend'
          : 'the whole portal backend'
      }: ${REQUESTS} creates by ${CLIENTS} concurrent clients (after ${WARMUP} warm-up)`,
    );
    console.log(
      `  ${(REQUESTS / seconds).toFixed(0)} accepted/s over ${seconds.toFixed(
        2,
      )} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    console.log(
      `  latency p50 ${percentile(latencies, 50).toFixed(
        1,
      )} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(
        latencies,
        99,
      ).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
    );
    if (topology === 'api') {
      // The floor any Backstage route with a permission check stands on:
      // authentication and the permission round trip, no database.
      let n = 0;
      const floor = async () => {
        while (n < REQUESTS) {
          n++;
          const res = await fetch(
            `${baseUrl}/api/cloud-deployments/providers`,
            {
              headers,
            },
          );
          await res.arrayBuffer();
        }
      };
      const t = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, floor));
      console.log(
        `  baseline GET /providers (auth + permission check only): ${(
          REQUESTS /
          ((performance.now() - t) / 1000)
        ).toFixed(0)}/s`,
      );
    }
  } finally {
    await stopBenchBackend(backend);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const topologies = (process.env.BENCH_TOPOLOGY ?? 'api,monolith').split(
    ',',
  ) as Topology[];
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  for (const topology of topologies) {
    if (!process.env.BENCH_PG_ONLY) {
      await run('SQLite (file)', { client: 'better-sqlite3' }, topology);
    }
    if (pg) {
      const url = new URL(pg);
      const connection = {
        host: url.hostname,
        port: Number(url.port),
        user: url.username || 'postgres',
      };
      await run('PostgreSQL', { client: 'pg', connection }, topology);
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
