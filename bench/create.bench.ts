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
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  guestToken,
  startBackend,
} from '../packages/backend/src/__testUtils__/backendProcess';
import { postgresDatabase, startApiReplicas } from './lib/apiReplicas';
import { BenchBackend, stopBenchBackend } from './lib/backendProcess';
import { InspectorProfiler, summarizeProfile } from './lib/inspectorProfiler';

/*
 * The create path (issue 13 targets, as ratios measured in one run):
 * creates/s ≥ 0.75 × the same process's GET /providers (authentication and
 * one permission check: the floor of every permission-checked route), and 2
 * replicas on PostgreSQL ≥ 1.6 × one.
 *
 * The API on a backend of its own (bench/lib/apiBackend.ts: this plugin,
 * its provider modules, auth and permission), no job worker, so the figure
 * is what the API accepts. autocannon drives it from this process with
 * BENCH_CONNECTIONS (50) connections as the guest user; floor and creates
 * alternate for BENCH_ROUNDS (3) rounds of BENCH_SECONDS (8) each, and the
 * medians are compared, so drift in the machine's load hits both alike.
 * BENCH_PROFILE=1 also profiles the backend's CPU over one round of each
 * (inspector, the window only) and prints where the time went;
 * BENCH_PROFILE_DIR keeps the profiles (`floor.cpuprofile`,
 * `create.cpuprofile`, for Chrome's DevTools).
 * BENCH_TOPOLOGY=monolith runs the whole portal backend (every plugin,
 * the catalog taking each new entity) instead.
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const api = '/api/cloud-deployments';

type Result = autocannon.Result;

const cannon = (
  options: Omit<autocannon.Options, 'url'> & { url: string | string[] },
) => autocannon(options as autocannon.Options) as unknown as Promise<Result>;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let seq = 0;
const runId = Date.now().toString(36);

function createBody() {
  return JSON.stringify({
    name: `bench-${runId}-${seq++}`,
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

function load(urls: string[], token: string, route: 'create' | 'floor') {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  return cannon({
    url: urls.map(u =>
      route === 'create' ? `${u}${api}/deployments` : `${u}${api}/providers`,
    ),
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [
      route === 'create'
        ? {
            method: 'POST',
            setupRequest: req => ({ ...req, body: createBody() }),
          }
        : { method: 'GET' },
    ],
  });
}

const line = (label: string, r: Result) =>
  `  ${label.padEnd(34)} ${r.requests.average
    .toFixed(0)
    .padStart(5)}/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(
    r.latency.p99,
  ).padStart(5)} ms  non-2xx ${r.non2xx}`;

/** Floor and creates, alternating, on one process; returns the medians. */
async function ratioRun(
  name: string,
  backend: BenchBackend,
  inspectPort?: number,
) {
  const token = await guestToken(backend.baseUrl);
  await load([backend.baseUrl], token, 'create');
  await load([backend.baseUrl], token, 'floor');
  const floors: number[] = [];
  const creates: number[] = [];
  console.log(`\n${name}: ${CONNECTIONS} connections, ${SECONDS} s rounds`);
  for (let round = 1; round <= ROUNDS; round++) {
    const floor = await load([backend.baseUrl], token, 'floor');
    console.log(line(`round ${round}: GET /providers`, floor));
    const create = await load([backend.baseUrl], token, 'create');
    console.log(line(`round ${round}: POST /deployments`, create));
    floors.push(floor.requests.average);
    creates.push(create.requests.average);
  }
  const ratio = median(creates) / median(floors);
  console.log(
    `  creates ÷ floor (medians): ${median(creates).toFixed(0)} ÷ ${median(
      floors,
    ).toFixed(0)} = ${ratio.toFixed(2)} [target ≥ 0.75]`,
  );
  if (inspectPort) {
    const profiler = await InspectorProfiler.connect(inspectPort);
    for (const route of ['floor', 'create'] as const) {
      let result: Result | undefined;
      const profile = await profiler.profile(async () => {
        result = await load([backend.baseUrl], token, route);
      });
      const summary = summarizeProfile(profile, 12);
      if (process.env.BENCH_PROFILE_DIR) {
        writeFileSync(
          join(process.env.BENCH_PROFILE_DIR, `${route}.cpuprofile`),
          JSON.stringify(profile),
        );
      }
      const perRequestMs = (summary.seconds * 1000) / result!.requests.total;
      console.log(
        `  profile of ${route}: ${perRequestMs.toFixed(
          2,
        )} ms of the backend's time per request; self time by package: ${summary.packages
          .map(p => `${p.name} ${(p.share * 100).toFixed(0)}%`)
          .join(', ')}`,
      );
      console.log(
        `    top functions: ${summary.functions
          .slice(0, 8)
          .map(f => `${f.name} ${(f.share * 100).toFixed(1)}%`)
          .join('; ')}`,
      );
    }
    profiler.close();
  }
  return { floor: median(floors), create: median(creates), ratio };
}

/** One process of the API backend (or the whole portal) on `database`. */
async function startOne(dir: string, database: object, monolith: boolean) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = join(dir, `app-config.create-${port}.yaml`);
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
  const inspectPort = process.env.BENCH_PROFILE ? await freePort() : undefined;
  const backend = await startBackend(configFile, baseUrl, {
    entry: monolith ? undefined : join(__dirname, 'lib/apiBackend.ts'),
    nodeArgs: inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
    env: { LOG_LEVEL: 'warn' },
    readyTimeoutMs: 180_000,
  });
  return { backend: { ...backend, baseUrl }, inspectPort };
}

async function main() {
  const monolith = process.env.BENCH_TOPOLOGY === 'monolith';
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-create-'));
  const summary: string[] = [];
  try {
    const databases: Array<[string, object]> = [
      [
        'SQLite (file)',
        {
          client: 'better-sqlite3',
          connection: { directory: join(dir, 'db') },
        },
      ],
    ];
    if (pgUrl) {
      databases.push(['PostgreSQL', postgresDatabase(pgUrl, 'create')]);
    }
    for (const [name, database] of databases) {
      const { backend, inspectPort } = await startOne(dir, database, monolith);
      try {
        const r = await ratioRun(
          `${name}, ${
            monolith ? 'the whole portal backend' : 'the API backend'
          }`,
          backend,
          inspectPort,
        );
        summary.push(
          `${name}: ${r.create.toFixed(0)} creates/s, floor ${r.floor.toFixed(
            0,
          )}/s, ratio ${r.ratio.toFixed(2)} [≥ 0.75]`,
        );
      } finally {
        await stopBenchBackend(backend);
      }
    }

    if (pgUrl && !monolith) {
      // Replicas: the same creates spread over 1, then 2 processes.
      const perCount: number[] = [];
      console.log(
        `\nReplicas on PostgreSQL, creates only, ${CONNECTIONS} connections spread over them`,
      );
      for (const count of [1, 2]) {
        const replicas = await startApiReplicas({
          count,
          dir,
          database: postgresDatabase(pgUrl, `create_r${count}`),
          cloudDeployments: { jobs: { enabled: false } },
        });
        try {
          const urls = replicas.map(r => r.baseUrl);
          const token = await guestToken(urls[0]);
          await load(urls, token, 'create');
          const results: number[] = [];
          for (let round = 1; round <= ROUNDS; round++) {
            const r = await load(urls, token, 'create');
            console.log(line(`${count} replica(s), round ${round}`, r));
            results.push(r.requests.average);
          }
          perCount.push(median(results));
        } finally {
          for (const r of replicas) await stopBenchBackend(r);
        }
      }
      const scale = perCount[1] / perCount[0];
      console.log(
        `  2 replicas ÷ 1 (medians): ${perCount[1].toFixed(
          0,
        )} ÷ ${perCount[0].toFixed(0)} = ${scale.toFixed(2)} [target ≥ 1.6]`,
      );
      summary.push(
        `PostgreSQL replicas: 1 → ${perCount[0].toFixed(
          0,
        )}/s, 2 → ${perCount[1].toFixed(0)}/s, ratio ${scale.toFixed(
          2,
        )} [≥ 1.6]`,
      );
    }
    console.log(`\nSummary\n  ${summary.join('\n  ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
