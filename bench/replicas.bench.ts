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
import { SageMakerSandbox } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guestToken } from '../packages/backend/src/__testUtils__/backendProcess';
import { stopBenchBackend } from './lib/backendProcess';
import {
  lockAcrossReplicas,
  settle,
  streamLatency,
} from './lib/replicas/crossReplicaChecks';
import {
  RECONCILE_EVERY_S,
  sagemakerBody,
  startReplicas,
} from './lib/replicas/startReplicas';
import { percentile } from './lib/stats';
import { openStream } from './lib/sseProbe';

/*
 * Several replicas of the backend on one PostgreSQL (issue 13): do they share
 * the work, and does what must happen once happen once?
 *
 * For 1, 2 and 4 replicas (BENCH_REPLICAS), each its own process running the
 * API (bench/lib/apiBackend.ts: this plugin, auth, permission) with its job
 * worker on, all on one fresh PostgreSQL database set and one SageMaker
 * sandbox in this process (so what any replica provisions lands in one place
 * and can be counted):
 *
 * 1. creates only, by autocannon spread over the replicas, for
 *    BENCH_SECONDS (default 10): accepted/s, p50, p99;
 * 2. a mix — create, list, get, estimate — on all replicas at once, with 50
 *    event streams open: per route req/s, p50, p99, non-2xx;
 * 3. an event written on one replica (a PATCH) timed until it reaches a
 *    stream open on another;
 * 4. a Terraform state lock taken on one replica and refused on the others;
 * then, once the workers have settled every deployment:
 * 5. no task ran twice: each endpoint was asked for exactly once, every
 *    deployment is active;
 * 6. scheduled work ran once: reconciliation (every 3 s) passes counted at
 *    the sandbox, against the number one scheduler would make.
 */

const COUNTS = (process.env.BENCH_REPLICAS ?? '1,2,4').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SETTLE_TIMEOUT_MS = Number(process.env.BENCH_SETTLE_MS ?? 240_000);

const api = '/api/cloud-deployments';

type Result = autocannon.Result;

const fmt = (r: Result) =>
  `${r.requests.average.toFixed(0).padStart(5)} req/s  p50 ${String(
    r.latency.p50,
  ).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  non-2xx ${
    r.non2xx
  }  errors ${r.errors + r.timeouts}`;

/** autocannon, which balances over several URLs (its types say one). */
function cannon(
  options: Omit<autocannon.Options, 'url'> & { url: string | string[] },
): Promise<Result> {
  return autocannon(
    options as autocannon.Options,
  ) as unknown as Promise<Result>;
}

async function run(n: number, pgUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-replicas-'));
  const sandbox = await SageMakerSandbox.start({ readyAfterMs: 500 });
  const replicas = await startReplicas(n, pgUrl, sandbox, dir);
  const urls = replicas.map(r => r.baseUrl);
  const runStarted = Date.now();
  try {
    const token = await guestToken(urls[0]);
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    const runId = Date.now().toString(36);
    let seq = 0;
    const createRequest: autocannon.Request = {
      method: 'POST',
      path: `${api}/deployments`,
      setupRequest: req => ({
        ...req,
        body: sagemakerBody(`r${n}-${runId}-${seq++}`),
      }),
    };
    console.log(
      `\n${n} replica(s) on one PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s a phase`,
    );

    // 1. Creates only.
    await cannon({
      url: urls.map(u => `${u}${api}/deployments`),
      connections: Math.min(20, CONNECTIONS),
      duration: 2,
      headers,
      requests: [createRequest],
    });
    const creates = await cannon({
      url: urls.map(u => `${u}${api}/deployments`),
      connections: CONNECTIONS,
      duration: SECONDS,
      headers,
      requests: [createRequest],
    });
    console.log(`  creates only          ${fmt(creates)}`);

    // 2. The mix, with event streams open.
    const listed = await (
      await fetch(`${urls[0]}${api}/deployments?limit=50`, {
        headers: { authorization: headers.authorization },
      })
    ).json();
    const ids: string[] = listed.items.map((d: { id: string }) => d.id);
    const streams = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        openStream(urls[i % urls.length], token, ids[i % ids.length]),
      ),
    );
    const share = Math.max(urls.length, Math.floor(CONNECTIONS / 4));
    let getIndex = 0;
    const [mixCreate, mixList, mixGet, mixEstimate] = await Promise.all([
      cannon({
        url: urls.map(u => `${u}${api}/deployments`),
        connections: share,
        duration: SECONDS,
        headers,
        requests: [createRequest],
      }),
      cannon({
        url: urls.map(u => `${u}${api}/deployments?limit=20`),
        connections: share,
        duration: SECONDS,
        headers,
      }),
      cannon({
        url: urls.map(u => `${u}${api}/deployments/${ids[0]}`),
        connections: share,
        duration: SECONDS,
        headers,
        requests: [
          {
            method: 'GET',
            setupRequest: req => ({
              ...req,
              path: `${api}/deployments/${ids[getIndex++ % ids.length]}`,
            }),
          },
        ],
      }),
      cannon({
        url: urls.map(u => `${u}${api}/estimates`),
        connections: share,
        duration: SECONDS,
        headers,
        method: 'POST',
        body: JSON.stringify({
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
        }),
      }),
    ]);
    console.log(`  mix: create           ${fmt(mixCreate)}`);
    console.log(`  mix: list             ${fmt(mixList)}`);
    console.log(`  mix: get              ${fmt(mixGet)}`);
    console.log(`  mix: estimate         ${fmt(mixEstimate)}`);
    streams.forEach(s => s.close());

    // 3. An event written on one replica, seen by a stream on another.
    const latencies = await streamLatency(urls, token, ids.slice(0, 20));
    console.log(
      `  event from replica 1 to a stream on replica ${
        urls.length > 1 ? 2 : 1
      }: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(
        latencies,
        99,
      ).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(
        0,
      )} ms over ${latencies.length} events${
        latencies[latencies.length - 1] < 1000 ? ' (all < 1 s)' : ' (OVER 1 s)'
      }`,
    );

    // 4. One Terraform lock across the replicas.
    console.log(`  terraform lock: ${await lockAcrossReplicas(urls, token)}`);

    // 5. and 6., once everything created has settled.
    const settled = await settle(urls[0], token, SETTLE_TIMEOUT_MS);
    const total = settled.total;
    const endpointAsks = new Map<string, number>();
    for (const r of sandbox.requests) {
      if (r.operation !== 'CreateEndpoint') continue;
      const name = (r.body as { EndpointName?: string }).EndpointName ?? '';
      endpointAsks.set(name, (endpointAsks.get(name) ?? 0) + 1);
    }
    const twice = [...endpointAsks.values()].filter(c => c > 1).length;
    console.log(
      `  tasks: ${total} deployments, ${settled.active} active, ${
        settled.other
      } not (after ${(settled.ms / 1000).toFixed(0)} s); CreateEndpoint asked ${
        endpointAsks.size
      } times for ${endpointAsks.size} endpoints, twice for ${twice}`,
    );
    const seconds = (Date.now() - runStarted) / 1000;
    const passes = sandbox.requests.filter(
      r =>
        r.operation === 'ListEndpoints' &&
        !(r.body as { NextToken?: string }).NextToken,
    ).length;
    console.log(
      `  reconciliation: ${passes} passes in ${seconds.toFixed(
        0,
      )} s with a ${RECONCILE_EVERY_S} s schedule (one scheduler: at most ${Math.ceil(
        seconds / RECONCILE_EVERY_S,
      )}; one per replica would be ~${Math.floor(
        (seconds / RECONCILE_EVERY_S) * n,
      )})`,
    );
    return {
      n,
      creates: creates.requests.average,
      createsP99: creates.latency.p99,
      twice,
      passes,
      maxEventMs: latencies[latencies.length - 1],
    };
  } finally {
    for (const r of replicas) await stopBenchBackend(r);
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pgUrl)
    throw new Error('needs PostgreSQL: run it as `yarn bench:replicas`');
  const results = [];
  for (const n of COUNTS) results.push(await run(n, pgUrl));
  const one = results.find(r => r.n === 1);
  console.log('\nSummary');
  for (const r of results) {
    console.log(
      `  ${r.n} replica(s): ${r.creates.toFixed(0)} creates/s (p99 ${
        r.createsP99
      } ms)${one ? `, ${(r.creates / one.creates).toFixed(2)} × one` : ''}; ${
        r.twice
      } tasks ran twice; ${
        r.passes
      } reconciliation passes; slowest event across replicas ${r.maxEventMs.toFixed(
        0,
      )} ms`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
