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
import { until } from '../lib/cluster';
import { everyRequest } from '../lib/faultProxy';
import { Check, nothingStuck, oneTaskAtATime } from '../lib/invariants';
import { check, ScenarioResult, Suite } from '../lib/suite';

/*
 * A DR failover whose replica dies half-way. On replicas a and b, a
 * SageMaker deployment gets a pilot-light plan in us-west-2; once the
 * standby is ready, SageMaker is slowed down, a failover is asked of a, and
 * whichever replica claimed the dr-failover task is killed with SIGKILL while
 * it holds the task's lease. The other must take the task over once the
 * lease expires, resume its
 * durable steps and finish: the standby serves, the deployment's endpoint is
 * the standby's, the run records its recovery time, and the standby's
 * endpoint was created once. A failback then returns the primary.
 */

const NAME = 'dr-kill';
const STANDBY = `${NAME}-dr`;
const SLOW_MS = 600;
const PLAN = {
  standbyRegion: 'us-west-2',
  mode: 'pilot-light',
  rtoMinutes: 15,
};

export async function drFailoverKilled(suite: Suite): Promise<ScenarioResult> {
  if (!suite.replicas.has('a')) await suite.start('a');
  if (!suite.replicas.has('b')) await suite.start('b');
  const a = suite.replicas.get('a')!;
  const b = suite.replicas.get('b')!;
  const apiA = await suite.api('a');
  const apiB = await suite.api('b');
  const dr = `/deployments/:id/dr`;

  const id = await suite.create(apiA, NAME);
  const created = await suite.until(apiA, id, ['active'], 90_000);
  const url = dr.replace(':id', id);
  await apiA.expect(202, 'PUT', url, PLAN);
  const ready = await until(
    'the standby to be ready',
    async () => {
      const plan = await apiA.request<any>('GET', url);
      return plan.status === 200 && plan.body.standbyState === 'ready'
        ? plan.body
        : undefined;
    },
    90_000,
  );

  suite.proxy.set(everyRequest({ type: 'delay', ms: SLOW_MS }));
  await apiA.expect(202, 'POST', `${url}/failover`, {
    version: ready.version,
  });
  // Both replicas poll the queue, so either may claim the task: the one that
  // holds its lease is killed and the other must take it over.
  const held = await until(
    'a replica to hold the dr-failover lease',
    async () =>
      (await suite
        .db('tasks')
        .where({ deployment_id: id, kind: 'dr-failover', state: 'running' })
        .whereNotNull('lease_owner')
        .first('id', 'lease_owner', 'lease_expires_at')) as
        | { id: number; lease_owner: string; lease_expires_at: string }
        | undefined,
    60_000,
    20,
  );
  const victim = held.lease_owner.includes(`:${a.pid}:`) ? 'a' : 'b';
  const survivor = victim === 'a' ? b : a;
  const api = victim === 'a' ? apiB : apiA;
  await suite.kill(victim);
  const killedAt = Date.now();
  suite.proxy.clear();
  const leaseExpiry = new Date(held.lease_expires_at).getTime();

  const served = await until(
    'the standby to serve',
    async () => {
      const plan = await api.request<any>('GET', url);
      return plan.status === 200 &&
        ['serving', 'failed'].includes(plan.body.standbyState)
        ? plan.body
        : undefined;
    },
    120_000,
  );
  const recoveryMs = Date.now() - killedAt;
  suite.mark(`dr: failover finished ${recoveryMs} ms after the kill`);
  const deployment = await api.deployment(id);
  const run = (served.runs ?? []).find((r: any) => r.kind === 'failover');
  const task = await suite.db('tasks').where({ id: held.id }).first();
  const takeover = (await api.events(id)).find(
    e => e.data?.takeover && e.data.task === Number(held.id),
  );
  const standbyCreates = suite.sandbox.requests.filter(
    r =>
      r.operation === 'CreateEndpoint' &&
      (r.body as Record<string, string>)?.EndpointName === STANDBY,
  ).length;

  const checks: Check[] = [
    check(
      'the other replica took the dr-failover task over, after its lease expired',
      Boolean(takeover) &&
        Date.parse(takeover.createdAt) >= leaseExpiry &&
        String(takeover.data.takeover.workerId).includes(`:${survivor.pid}:`),
      takeover
        ? `"${takeover.message}" at ${
            takeover.createdAt
          }, lease until ${new Date(leaseExpiry).toISOString()}`
        : 'no takeover line',
    ),
    check(
      'the task ended done',
      task?.state === 'succeeded' || task?.state === 'done',
      `task ${held.id}: ${task?.state} ${task?.last_error ?? ''}`,
    ),
    check(
      'the standby serves',
      served.activeSide === 'standby' && served.standbyState === 'serving',
      `activeSide ${served.activeSide}, standbyState ${served.standbyState} ${
        served.statusReason ?? ''
      }`,
    ),
    check(
      "the deployment's endpoint is the standby's",
      Boolean(served.standbyEndpoint) &&
        deployment.endpoint === served.standbyEndpoint &&
        deployment.endpoint !== created.endpoint,
      `endpoint ${deployment.endpoint}, standby ${served.standbyEndpoint}, primary ${created.endpoint}`,
    ),
    check(
      'the failover run is met or missed, with its recovery time',
      ['met', 'missed'].includes(run?.outcome) &&
        typeof run?.recoverySeconds === 'number',
      JSON.stringify(run),
    ),
    check(
      "the standby's endpoint was created once",
      standbyCreates === 1,
      `${standbyCreates} CreateEndpoint of ${STANDBY}`,
    ),
    await nothingStuck(suite.db),
    await oneTaskAtATime(suite.db),
  ];

  // Back to the primary, on the survivor.
  await api.expect(202, 'POST', `${url}/failback`, {});
  const back = await until(
    'the primary to serve again',
    async () => {
      const plan = await api.request<any>('GET', url);
      return plan.status === 200 &&
        plan.body.activeSide === 'primary' &&
        ['ready', 'failed'].includes(plan.body.standbyState)
        ? plan.body
        : undefined;
    },
    120_000,
  );
  const afterFailback = await api.deployment(id);
  checks.push(
    check(
      'the failback returns the primary',
      back.standbyState === 'ready' &&
        afterFailback.endpoint === created.endpoint,
      `standbyState ${back.standbyState}, endpoint ${afterFailback.endpoint} (primary ${created.endpoint})`,
    ),
    await nothingStuck(suite.db),
  );

  await suite.start(victim);
  return {
    scenario: 'replica SIGKILLed during a DR failover',
    injected: `SIGKILL of replica ${victim} while it held the dr-failover lease; SageMaker ${SLOW_MS} ms a request`,
    outcome: `standby ${served.standbyState} on ${served.activeSide}; run ${run?.outcome} in ${run?.recoverySeconds} s; failback to ${back.activeSide}`,
    checks,
    recoveryMs,
    notes: takeover ? [`takeover line: "${takeover.message}"`] : [],
  };
}
