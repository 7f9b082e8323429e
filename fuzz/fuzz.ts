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
import fc from 'fast-check';
import { guestToken } from '../packages/backend/src/__testUtils__/backendProcess';
import { changes, DatabaseRows } from './lib/databaseRows';
import { FuzzRequest } from './lib/fuzzRequest';
import { Histogram } from './lib/histogram';
import { check } from './lib/oracle';
import { createBodies } from './lib/realisticBodies';
import { unfuzzedRoutes } from './lib/routeCoverage';
import { apiRoutes, fuzzRequest } from './lib/routes';
import { send } from './lib/send';
import { startFuzzBackend } from './lib/startFuzzBackend';
import { World } from './lib/world';

/*
 * `yarn fuzz`: generated requests against the real backend, run as its own
 * process on loopback (see README.md). Exits non-zero on any 5xx, an error
 * without a message naming the problem, a stack trace or path in an error
 * body, a row written by a refused request, or a backend that stops answering.
 */

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, not ${process.env[name]}`);
  }
  return value;
};

const REQUESTS = env('FUZZ_REQUESTS', 10_000);
const SEED = env('FUZZ_SEED', Date.now() % 2 ** 31);
const SECONDS = env('FUZZ_SECONDS', 900);
const TIMEOUT_MS = env('FUZZ_TIMEOUT_MS', 20_000);
const HEALTH_EVERY = env('FUZZ_HEALTH_EVERY', 250);
const DATABASE = process.env.FUZZ_DATABASE ?? 'sqlite';
const BATCH = 100;

type Problem = { index: number; route: string; what: string; detail: string };

const short = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

/** Requests that give the fuzzer deployments, workspaces, a state and a lock. */
function setupRequests(): FuzzRequest[] {
  const json = { kind: 'json' as const, contentType: 'application/json' };
  const post = (
    route: string,
    path: FuzzRequest['path'],
    body?: unknown,
  ): FuzzRequest => ({
    route,
    method: 'POST',
    path,
    auth: 'user',
    body,
    encoding: json,
  });
  const known = (index: number) => ({
    ref: 'workspace' as const,
    target: { kind: 'known' as const, index, upperCase: false },
  });
  return [
    ...[0, 1, 2, 3, 0, 3].map(i =>
      post('POST /deployments', ['deployments'], createBodies[i]),
    ),
    post('POST /terraform/workspaces', ['terraform', 'workspaces'], {
      name: '$fresh-workspace',
    }),
    post('POST /terraform/workspaces', ['terraform', 'workspaces'], {
      name: '$fresh-workspace',
    }),
    post('POST /terraform/workspaces', ['terraform', 'workspaces'], {
      deploymentId: '$deployment-id',
    }),
    {
      route: 'POST /terraform/state/:workspace',
      method: 'POST',
      path: ['terraform', 'state', known(0)],
      auth: 'workspace',
      rawBody:
        '{"version":4,"serial":"$next-serial","lineage":"$lineage","outputs":{},"resources":[]}',
    },
    {
      route: 'LOCK /terraform/state/:workspace',
      method: 'LOCK',
      path: ['terraform', 'state', known(1)],
      auth: 'workspace',
      rawBody:
        '{"ID":"$new-lock-id","Operation":"OperationTypeApply","Who":"fuzz"}',
    },
  ];
}

async function main() {
  const unfuzzed = unfuzzedRoutes(apiRoutes.map(r => r.label));
  if (unfuzzed.length) {
    throw new Error(
      `No generator in fuzz/lib/routes.ts for ${unfuzzed.join(', ')}`,
    );
  }
  console.log(
    `fuzz: seed ${SEED}, ${REQUESTS} requests, at most ${SECONDS} s, on ${DATABASE} (FUZZ_SEED, FUZZ_REQUESTS, FUZZ_SECONDS, FUZZ_DATABASE)`,
  );
  const postgresUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (DATABASE === 'postgres' && !postgresUrl) {
    throw new Error(
      'FUZZ_DATABASE=postgres needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (yarn fuzz:postgres starts a PostgreSQL)',
    );
  }
  const runId = SEED.toString(36);
  const backend = await startFuzzBackend(
    DATABASE === 'postgres'
      ? { kind: 'postgres', url: postgresUrl! }
      : { kind: 'sqlite' },
    `${runId}_${Date.now().toString(36)}`,
  );
  const histogram = new Histogram();
  const problems: Problem[] = [];
  const started = Date.now();
  let sent = 0;
  let rows: DatabaseRows | undefined;
  try {
    const world = new World(
      `${backend.baseUrl}/api/cloud-deployments`,
      await guestToken(backend.baseUrl),
      runId,
    );
    rows = backend.rows();

    const health = async () => {
      const answer = await send(
        {
          method: 'GET',
          url: `${backend.baseUrl}/.backstage/health/v1/readiness`,
          headers: {},
          sentText: '',
        },
        10_000,
      );
      if (answer.status !== 200 || backend.process.exitCode !== null) {
        problems.push({
          index: sent,
          route: 'GET /.backstage/health/v1/readiness',
          what: 'the backend stopped answering its readiness check',
          detail: `${answer.failure ?? answer.status}; process exit code ${
            backend.process.exitCode
          }`,
        });
        return false;
      }
      return true;
    };

    const run = async (request: FuzzRequest, mustSucceed = false) => {
      const concrete = world.resolve(request);
      const before = await rows!.fingerprint();
      const answer = await send(concrete, TIMEOUT_MS);
      const after = await rows!.fingerprint();
      sent += 1;
      histogram.add(request.route, answer.failure ? 'none' : answer.status);
      const found = check(concrete, answer);
      const refused = answer.failure || answer.status >= 400;
      const written = changes(before, after);
      if (refused && written.length) {
        found.push(`refused, yet wrote ${written.join(', ')}`);
      }
      if (mustSucceed && refused) {
        found.push(`set-up request refused: ${short(answer.text)}`);
      }
      for (const what of found) {
        problems.push({
          index: sent,
          route: request.route,
          // Grouped by the problem, not by the text each answer quoted.
          what: what.replace(/: ".*$/s, ''),
          detail: `${what}\n      ${concrete.method} ${short(
            concrete.url,
            200,
          )}\n      sent: ${short(
            concrete.body?.toString('utf8') ?? '',
          )}\n      got ${answer.status}: ${short(answer.text)}`,
        });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        parsed = undefined;
      }
      world.learn(request, concrete, answer.status, parsed);
    };

    for (const request of setupRequests()) await run(request, true);

    const deadline = started + SECONDS * 1000;
    for (let batch = 0; sent < REQUESTS && Date.now() < deadline; batch++) {
      const requests = fc.sample(fuzzRequest, {
        seed: (SEED * 7919 + batch) | 0,
        numRuns: Math.min(BATCH, REQUESTS - sent),
      });
      for (const request of requests) {
        if (Date.now() >= deadline) break;
        await run(request);
        if (sent % HEALTH_EVERY === 0 && !(await health())) break;
      }
      if (problems.some(p => p.route.includes('readiness'))) break;
    }
    await health();
  } finally {
    await rows?.close();
    await backend.stop();
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\n${sent} requests in ${seconds.toFixed(0)} s (seed ${SEED}${
      sent < REQUESTS ? `; stopped by FUZZ_SECONDS before ${REQUESTS}` : ''
    }):\n`,
  );
  console.log(histogram.format());
  if (!problems.length) {
    console.log('\nNo problem found.');
    return;
  }
  const kinds = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.route}: ${p.what}`;
    kinds.set(key, [...(kinds.get(key) ?? []), p]);
  }
  console.log(`\n${problems.length} problem(s), ${kinds.size} kind(s):`);
  for (const [key, list] of kinds) {
    console.log(
      `\n  ${list.length} × ${key}\n    first, request #${list[0].index}: ${list[0].detail}`,
    );
  }
  if (problems.some(p => p.route.includes('readiness'))) {
    console.log(
      `\nThe backend's last output:\n${short(
        backend.output().slice(-4000),
        4000,
      )}`,
    );
  }
  process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
