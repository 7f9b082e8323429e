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
import { until } from '../../lib/cluster';
import { FaultAction, forDeployment, nextRequests } from '../../lib/faultProxy';
import { Check, followsBackoff } from '../../lib/invariants';
import { check, ScenarioResult, Suite } from '../../lib/suite';
import { invariants } from './providerInvariants';

const RESET: FaultAction = { type: 'reset' };

export async function providerResets(suite: Suite): Promise<ScenarioResult> {
  const api = await suite.api('a');
  const checks: Check[] = [];
  const notes: string[] = [];

  // Connections reset before the request reaches SageMaker.
  suite.proxy.set(forDeployment('reset', nextRequests(3, RESET)));
  const reset = await suite.create(api, 'reset');
  const active = await suite.until(api, reset, ['active', 'failed']);
  const retries = await suite.retries(api, reset);
  checks.push(
    check(
      'reset connections retried with backoff, then active',
      active.status === 'active' &&
        retries.length === 3 &&
        retries.every(r => /ECONNRESET/.test(r.message)) &&
        followsBackoff(retries),
      retries[0]?.message,
    ),
  );
  notes.push(`log line: "${retries[0]?.message}"`);

  // Connections reset after SageMaker did the work: the answer is lost.
  suite.proxy.set(
    forDeployment('reset-lost', request =>
      ['CreateModel', 'CreateEndpointConfig', 'CreateEndpoint'].includes(
        request.operation ?? '',
      )
        ? { type: 'lose-answer' }
        : undefined,
    ),
  );
  const lost = await suite.create(api, 'reset-lost');
  await until(
    'the endpoint to be created',
    async () => suite.sandbox.endpoints().some(e => e.name === 'reset-lost'),
    30_000,
    20,
  );
  suite.proxy.clear();
  const cleared = Date.now();
  const done = await suite.until(api, lost, ['active', 'failed']);
  const recoveryMs = Date.now() - cleared;
  checks.push(
    check(
      'lost answers to creates: retried, nothing created twice',
      done.status === 'active' && (await suite.retries(api, lost)).length >= 3,
      `${(await suite.retries(api, lost)).length} retries`,
    ),
  );
  const after = await invariants(suite, [reset, lost], ['reset', 'reset-lost']);
  checks.push(...after);
  const once = after.find(c => c.name === 'no duplicate cloud resource')!.ok;
  return {
    scenario: 'provider resets connections',
    injected:
      'TCP RST before 3 requests; RST instead of the answer to every create (the work was done)',
    outcome: `${retries.length} retries, then ${active.status}; lost answers: ${
      done.status
    }, ${once ? 'each resource created once' : 'DUPLICATES'}`,
    checks,
    recoveryMs,
    notes,
  };
}
