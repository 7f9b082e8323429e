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
import { Answer, JOBS, sageMakerRequest, sleep } from '../lib/cluster';
import {
  allFinal,
  Check,
  noDuplicateResources,
  noLostDeployment,
  nothingStuck,
  oneTaskAtATime,
} from '../lib/invariants';
import { startPostgres, stopPostgres } from '../lib/postgres';
import { check, ScenarioResult, Suite } from '../lib/suite';

/*
 * PostgreSQL stopped and started again (3 s away) while two clients create
 * deployments, two list and read them, and the worker provisions: requests
 * during the outage must get an answer (an error is fine, hanging is not),
 * and afterwards everything resumes with nothing lost, run twice or stuck.
 */

/** How long the database is away, and when. */
const OUTAGE_MS = 3000;
const LOAD_BEFORE_MS = 3000;
const LOAD_AFTER_MS = 5000;
/** A request taking longer than this counts as hanging. */
const CLIENT_TIMEOUT_MS = 30_000;

type Sample = Answer & {
  at: number;
  kind: 'create' | 'list' | 'get';
  name?: string;
};

export async function postgresRestart(suite: Suite): Promise<ScenarioResult> {
  const api = await suite.api('a');
  const samples: Sample[] = [];
  const accepted: string[] = [];
  let running = true;
  let n = 0;

  const creator = async () => {
    while (running) {
      const name = `pg-${String(n++).padStart(3, '0')}`;
      const at = Date.now();
      const answer = await api.request(
        'POST',
        '/deployments',
        sageMakerRequest(name),
        CLIENT_TIMEOUT_MS,
      );
      samples.push({ ...answer, at, kind: 'create', name });
      if (answer.status === 202) accepted.push(answer.body.id);
      await sleep(250);
    }
  };
  const reader = async () => {
    while (running) {
      const at = Date.now();
      const list = await api.request(
        'GET',
        '/deployments?limit=20',
        undefined,
        CLIENT_TIMEOUT_MS,
      );
      samples.push({ ...list, at, kind: 'list' });
      const first = list.body?.items?.[0]?.id;
      if (first) {
        const got = await api.request(
          'GET',
          `/deployments/${first}`,
          undefined,
          CLIENT_TIMEOUT_MS,
        );
        samples.push({ ...got, at: Date.now(), kind: 'get' });
      }
      await sleep(100);
    }
  };

  const load = Promise.all([creator(), creator(), reader(), reader()]);
  await sleep(LOAD_BEFORE_MS);
  const downAt = Date.now();
  await stopPostgres();
  suite.mark('postgres: stopped');
  await sleep(OUTAGE_MS);
  await startPostgres();
  const upAt = Date.now();
  suite.mark(`postgres: started again after ${upAt - downAt} ms`);
  await sleep(LOAD_AFTER_MS);
  running = false;
  await load;

  // The first create and list answered 2xx after the database came back.
  const firstOk = (kind: Sample['kind']) =>
    samples
      .filter(
        s =>
          s.kind === kind &&
          s.at + s.ms >= upAt &&
          s.status >= 200 &&
          s.status < 300,
      )
      .map(s => s.at + s.ms)
      .sort((a, b) => a - b)[0];
  const resumedAt = Math.max(
    firstOk('create') ?? Infinity,
    firstOk('list') ?? Infinity,
  );
  const during = samples.filter(s => s.at + s.ms >= downAt && s.at <= upAt);
  const histogram = new Map<string, number>();
  for (const s of during) {
    const key = s.status ? String(s.status) : 'no answer';
    histogram.set(key, (histogram.get(key) ?? 0) + 1);
  }
  const slowest = Math.max(...samples.map(s => s.ms));
  const hung = samples.filter(s => s.status === 0);

  // Every accepted deployment gets provisioned.
  const settled = Date.now();
  const names = (
    await suite.db('deployments').whereIn('id', accepted).select('name')
  ).map(r => r.name);
  for (const id of accepted)
    await suite.until(api, id, ['active', 'failed'], 120_000);
  suite.mark(`postgres: ${accepted.length} deployments provisioned`);
  // A deployment can reach active while its task's own "finished" was lost
  // with the database: that task is still `running` until its lease runs
  // out and a worker takes it over, finds the work done and finishes it.
  const openTasks = () =>
    suite
      .db('tasks')
      .whereIn('deployment_id', accepted)
      .whereIn('state', ['queued', 'running'])
      .count({ n: '*' })
      .then(([{ n }]) => Number(n));
  const openAtSettle = await openTasks();
  const tasksDeadline = Date.now() + 3 * JOBS.leaseMs;
  while ((await openTasks()) > 0 && Date.now() < tasksDeadline) {
    await new Promise(r => setTimeout(r, 200));
  }
  // Refused creates (5xx) wrote nothing that is left half-done.
  const refused = samples
    .filter(s => s.kind === 'create' && s.status !== 202)
    .map(s => s.name!);
  const refusedRows = await suite
    .db('deployments')
    .whereIn('name', refused)
    .select('id', 'status');

  const checks: Check[] = [
    check(
      'no request hung during the outage',
      hung.length === 0 && slowest < CLIENT_TIMEOUT_MS,
      `${during.length} requests during the outage: ${[...histogram]
        .map(([s, c]) => `${c} × ${s}`)
        .join(', ')}; slowest ${slowest} ms`,
    ),
    check(
      'creates and lists resume once the database is back',
      Number.isFinite(resumedAt),
      Number.isFinite(resumedAt)
        ? `${resumedAt - upAt} ms after the restart`
        : 'never',
    ),
    check(
      'a refused create left nothing behind, or a whole deployment',
      refusedRows.every(r => ['active', 'failed'].includes(r.status)),
      `${refused.length} refused, ${refusedRows.length} of them committed anyway`,
    ),
    await noLostDeployment(suite.db, accepted),
    await allFinal(suite.db, accepted),
    await nothingStuck(suite.db),
    await oneTaskAtATime(suite.db),
    noDuplicateResources(suite.sandbox, names),
    await (async () => {
      const tasks = await suite
        .db('tasks')
        .whereIn('deployment_id', accepted)
        .select('deployment_id', 'kind', 'state', 'attempts', 'last_error');
      const perDeployment = new Map<string, number>();
      for (const t of tasks) {
        perDeployment.set(
          t.deployment_id,
          (perDeployment.get(t.deployment_id) ?? 0) + 1,
        );
      }
      const extra = [...perDeployment.values()].filter(n => n > 1).length;
      const unfinished = tasks.filter(t => t.state !== 'succeeded');
      return check(
        'no task ran twice',
        extra === 0 && unfinished.length === 0,
        extra || unfinished.length
          ? `${extra} deployments with more than one task; not succeeded: ${unfinished
              .map(
                t =>
                  `${t.kind} ${t.state} (attempts ${t.attempts}${
                    t.last_error
                      ? `: ${String(t.last_error).slice(0, 200)}`
                      : ''
                  })`,
              )
              .join('; ')}`
          : `one provision task per deployment, succeeded (${tasks.length})`,
      );
    })(),
  ];
  return {
    scenario: 'PostgreSQL restarted under load',
    injected: `pg_ctl stop -m fast, ${
      OUTAGE_MS / 1000
    } s away, start; 2 creators, 2 readers, the worker`,
    outcome: `during the outage: ${[...histogram]
      .map(([s, c]) => `${c}×${s}`)
      .join(' ')}; ${accepted.length} created, all provisioned`,
    checks,
    recoveryMs: Number.isFinite(resumedAt) ? resumedAt - upAt : undefined,
    notes: [
      `${openAtSettle} task(s) still open when every deployment had settled (their finish lost with the database), finished by lease takeover`,
      `provisioning of the ${accepted.length} accepted deployments took ${
        Date.now() - settled
      } ms after the load stopped`,
      ...[
        ...new Set(
          during
            .filter(s => s.status >= 500)
            .map(
              s =>
                `${s.status} ${s.kind}: ${s.body?.error?.name}: ${s.body?.error?.message}`,
            ),
        ),
      ].slice(0, 4),
    ],
  };
}
