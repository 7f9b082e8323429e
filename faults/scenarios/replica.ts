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
import {
  allFinal,
  Check,
  noDuplicateResources,
  noLostDeployment,
  nothingStuck,
  oneTaskAtATime,
} from '../lib/invariants';
import { check, ScenarioResult, Suite } from '../lib/suite';

/*
 * Two replicas on one PostgreSQL; replica a is killed with SIGKILL while its
 * worker holds task leases. SageMaker answers slowly (600 ms a request), so
 * steps hold their lease for seconds. Replica b must take the tasks over once
 * their leases expire, and not before; every deployment must end active with
 * each cloud resource made once. Afterwards a comes back.
 */

const DEPLOYMENTS = 10;
const SLOW_MS = 600;

export async function replicaKilled(suite: Suite): Promise<ScenarioResult> {
  if (!suite.replicas.has('b')) await suite.start('b');
  const a = suite.replicas.get('a')!;
  const b = suite.replicas.get('b')!;
  const apiA = await suite.api('a');
  const apiB = await suite.api('b');

  suite.proxy.set(everyRequest({ type: 'delay', ms: SLOW_MS }));
  const names = Array.from(
    { length: DEPLOYMENTS },
    (_, i) => `kill-${String(i).padStart(2, '0')}`,
  );
  const ids: string[] = [];
  for (const name of names) ids.push(await suite.create(apiA, name));

  const ofA = `%:${a.pid}:%`;
  await until(
    'replica a to hold three leases',
    async () => {
      const rows = await suite
        .db('tasks')
        .where({ state: 'running' })
        .where('lease_owner', 'like', ofA)
        .whereIn('deployment_id', ids)
        .select('id', 'deployment_id', 'lease_expires_at');
      return rows.length >= 3 ? rows : undefined;
    },
    60_000,
    20,
  );
  await suite.kill('a');
  const killedAt = Date.now();
  suite.proxy.clear();
  // The leases as a left them: nobody renews them any more, and b may only
  // claim them once they expire.
  const held = await suite
    .db('tasks')
    .where({ state: 'running' })
    .where('lease_owner', 'like', ofA)
    .select('id', 'deployment_id', 'lease_expires_at');
  const leases = new Map(
    held.map(r => [Number(r.id), new Date(r.lease_expires_at).getTime()]),
  );

  for (const id of ids)
    await suite.until(apiB, id, ['active', 'failed'], 90_000);
  const recoveryMs = Date.now() - killedAt;
  suite.mark(
    `replica: all ${DEPLOYMENTS} final ${recoveryMs} ms after the kill`,
  );

  // Each task a held was continued by b, only after its lease had expired.
  const takeovers: string[] = [];
  const early: string[] = [];
  for (const row of held) {
    const events = await apiB.events(row.deployment_id);
    const takeover = events.find(
      e => e.data?.takeover && e.data.task === Number(row.id),
    );
    if (!takeover) continue;
    takeovers.push(takeover.message);
    if (
      Date.parse(takeover.createdAt) < leases.get(Number(row.id))! ||
      !String(takeover.data.takeover.workerId).includes(`:${b.pid}:`)
    ) {
      early.push(row.deployment_id);
    }
  }

  const checks: Check[] = [
    check(
      'b took over every task a held, after its lease expired',
      takeovers.length === held.length && early.length === 0,
      `${held.length} leases held at the kill, ${takeovers.length} taken over, ${early.length} too early`,
    ),
    await noLostDeployment(suite.db, ids),
    await allFinal(suite.db, ids),
    check(
      'every deployment active',
      (
        await suite
          .db('deployments')
          .whereIn('id', ids)
          .where({ status: 'active' })
      ).length === DEPLOYMENTS,
    ),
    noDuplicateResources(suite.sandbox, names),
    await nothingStuck(suite.db),
    await oneTaskAtATime(suite.db),
  ];

  // The killed replica comes back and serves again.
  await suite.start('a');
  const back = await (
    await suite.api('a')
  ).request('GET', `/deployments/${ids[0]}`);
  checks.push(
    check('the killed replica restarts and serves', back.status === 200),
  );

  return {
    scenario: 'replica SIGKILLed holding leases',
    injected: `SIGKILL of replica a (of 2) while it held ${held.length} task leases; SageMaker ${SLOW_MS} ms a request`,
    outcome: `b took over ${takeovers.length} tasks after lease expiry; ${DEPLOYMENTS}/${DEPLOYMENTS} active`,
    checks,
    recoveryMs,
    notes: [`takeover line: "${takeovers[0]}"`],
  };
}
