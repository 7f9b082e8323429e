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
import { postgresDatabase, startApiReplicas } from './lib/apiReplicas';
import { BenchBackend, stopBenchBackend } from './lib/backendProcess';
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
const RECONCILE_EVERY_S = 3;
const SETTLE_TIMEOUT_MS = Number(process.env.BENCH_SETTLE_MS ?? 240_000);

const api = '/api/cloud-deployments';

type Replica = BenchBackend;

function sagemakerBody(name: string) {
  return JSON.stringify({
    name,
    owner: 'group:default/guests',
    component: 'component:default/example-website',
    environment: 'development',
    provider: 'aws-sagemaker',
    region: 'us-east-1',
    account: 'bench',
    engine: 'sdk',
    artifact: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1' },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  });
}

async function startReplicas(
  n: number,
  pgUrl: string,
  sandbox: SageMakerSandbox,
  dir: string,
): Promise<Replica[]> {
  return startApiReplicas({
    count: n,
    dir,
    database: postgresDatabase(pgUrl, `replicas_${n}`),
    cloudDeployments: {
      providers: {
        aws: {
          accounts: [
            {
              id: 'bench',
              executionRoleArn:
                'arn:aws:iam::000000000000:role/SageMakerExecution',
              endpoint: sandbox.url,
              accessKeyId: 'AKIDBENCH',
              secretAccessKey: 'bench-secret',
            },
          ],
        },
      },
      jobs: {
        lease: { seconds: 10 },
        pollInterval: { milliseconds: 250 },
        idlePollInterval: { milliseconds: 250 },
      },
      reconciliation: {
        schedule: {
          frequency: { seconds: RECONCILE_EVERY_S },
          initialDelay: { seconds: RECONCILE_EVERY_S },
          timeout: { seconds: 60 },
        },
      },
    },
  });
}

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
    const settled = await settle(urls[0], token);
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

/** PATCHes on replica 1, timed until streams on replica 2 see them. */
async function streamLatency(
  urls: string[],
  token: string,
  ids: string[],
): Promise<number[]> {
  const auth = { authorization: `Bearer ${token}` };
  const reader = urls[urls.length > 1 ? 1 : 0];
  const latencies: number[] = [];
  for (const id of ids) {
    const stream = await openStream(reader, token, id);
    const current = await (
      await fetch(`${urls[0]}${api}/deployments/${id}`, { headers: auth })
    ).json();
    const last = await (
      await fetch(`${urls[0]}${api}/deployments/${id}/events?limit=1000`, {
        headers: auth,
      })
    ).json();
    const lastId = Math.max(0, ...last.items.map((e: { id: number }) => e.id));
    await stream.seen(lastId);
    let arrived = 0;
    stream.onEvent = event => {
      if (event.type === 'updated' && !arrived) arrived = performance.now();
    };
    const started = performance.now();
    const res = await fetch(`${urls[0]}${api}/deployments/${id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: current.version,
        title: `Touched ${Date.now()}`,
      }),
    });
    await res.arrayBuffer();
    if (res.ok) {
      const deadline = Date.now() + 5000;
      while (!arrived && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 2));
      }
      latencies.push(arrived ? arrived - started : Infinity);
    }
    stream.close();
  }
  return latencies.sort((a, b) => a - b);
}

/** Takes a state lock through replica 1 and tries it through every replica. */
async function lockAcrossReplicas(urls: string[], token: string) {
  const created = await fetch(`${urls[0]}${api}/terraform/workspaces`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: `bench-${Date.now().toString(36)}` }),
  });
  const workspace = await created.json();
  const basic = `Basic ${Buffer.from(
    `${workspace.name}:${workspace.token}`,
  ).toString('base64')}`;
  const lock = (url: string, id: string, method = 'LOCK') =>
    fetch(`${url}${api}/terraform/state/${workspace.name}`, {
      method,
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({
        ID: id,
        Operation: 'OperationTypeApply',
        Who: `bench@${id}`,
        Version: '1.11.4',
        Created: new Date().toISOString(),
        Path: '',
      }),
    });
  // Every replica at once: exactly one may win.
  const racers = await Promise.all(
    urls.flatMap((u, i) =>
      [0, 1, 2, 3, 4].map(j => lock(u, `racer-${i}-${j}`)),
    ),
  );
  const winners = racers.filter(r => r.status === 200).length;
  const refused = racers.filter(r => r.status === 423).length;
  const holder = racers.findIndex(r => r.status === 200);
  const holderId = `racer-${Math.floor(holder / 5)}-${holder % 5}`;
  const released = await lock(urls[urls.length - 1], holderId, 'UNLOCK');
  const again = await lock(urls[urls.length - 1], 'after');
  const ok =
    winners === 1 && refused === racers.length - 1 && released.ok && again.ok;
  return `${racers.length} LOCKs at once over ${
    urls.length
  } replica(s): ${winners} granted, ${refused} refused with the holder; released through another replica: ${
    released.status
  }; taken again: ${again.status} — ${ok ? 'held across replicas' : 'FAILED'}`;
}

/** Waits until no deployment is pending or provisioning (bounded). */
async function settle(url: string, token: string) {
  const started = Date.now();
  const auth = { authorization: `Bearer ${token}` };
  for (;;) {
    const summary = async (status: string) =>
      (
        await (
          await fetch(`${url}${api}/deployments/summary?status=${status}`, {
            headers: auth,
          })
        ).json()
      ).count as number;
    const inFlight =
      (await summary('pending')) + (await summary('provisioning'));
    if (!inFlight || Date.now() - started > SETTLE_TIMEOUT_MS) {
      const active = await summary('active');
      const all = (
        await (
          await fetch(
            `${url}${api}/deployments/summary?${[
              'pending',
              'provisioning',
              'active',
              'failed',
            ]
              .map(s => `status=${s}`)
              .join('&')}`,
            { headers: auth },
          )
        ).json()
      ).count as number;
      return {
        total: all,
        active,
        other: all - active,
        ms: Date.now() - started,
      };
    }
    await new Promise(r => setTimeout(r, 1000));
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
