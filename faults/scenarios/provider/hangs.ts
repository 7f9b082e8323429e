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
import { JOBS, sleep, until } from '../../lib/cluster';
import { everyRequest, FaultAction } from '../../lib/faultProxy';
import { Check, followsBackoff } from '../../lib/invariants';
import { check, ScenarioResult, Suite } from '../../lib/suite';
import { invariants } from './providerInvariants';

const HANG: FaultAction = { type: 'hang' };

/** The container image the deployment's endpoint serves now. */
function servedImage(suite: Suite, endpointName: string): string | undefined {
  const endpoint = suite.sandbox.endpoints().find(e => e.name === endpointName);
  const config = suite.sandbox
    .endpointConfigs()
    .find(c => c.name === endpoint?.configName);
  const model = suite.sandbox
    .models()
    .find(m => m.name === config?.variants[0]?.modelName);
  return model?.image;
}

async function latestTask(suite: Suite, id: string) {
  return suite
    .db('tasks')
    .where({ deployment_id: id })
    .orderBy('id', 'desc')
    .first();
}

export async function providerHangs(suite: Suite): Promise<ScenarioResult> {
  const api = await suite.api('a');
  const checks: Check[] = [];
  const notes: string[] = [];
  const name = 'hang';

  // Provisioning while every request hangs; the fault clears after two retries.
  suite.proxy.set(everyRequest(HANG));
  const id = await suite.create(api, name);
  await until(
    'two retries',
    async () => (await suite.retries(api, id)).length >= 2,
    30_000,
  );
  suite.proxy.clear();
  let cleared = Date.now();
  suite.mark('hang: cleared after two retries of provisioning');
  const provisioned = await suite.until(api, id, ['active', 'failed']);
  const firstRecovery = Date.now() - cleared;
  const retries = await suite.retries(api, id);
  checks.push(
    check(
      'hang cut by the request timeout, retried with backoff, in the log',
      provisioned.status === 'active' &&
        retries.every(r => / timed out: /.test(r.message)) &&
        followsBackoff(retries),
      `${retries.length} retries after ${
        JOBS.requestTimeoutMs
      } ms each, waits ${retries.map(r => r.data.retry.delayMs).join(', ')} ms`,
    ),
  );
  notes.push(`provisioning active ${firstRecovery} ms after the hang cleared`);
  notes.push(`log line: "${retries[0]?.message}"`);

  // An update that hangs: cancelled while its request is held, then rolled back.
  // The change applies at once: hang every request first.
  const v1 = await api.deployment(id);
  const held = suite.proxy.count('hang', { text: `"${name}` });
  suite.proxy.set(everyRequest(HANG));
  await api.expect(200, 'PATCH', `/deployments/${id}`, {
    version: v1.version,
    artifact: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/model:2' },
  });
  await until(
    'the update to hang',
    async () => suite.proxy.count('hang', { text: `"${name}` }) > held,
    10_000,
    10,
  );
  await sleep(100);
  const cancelAt = Date.now();
  const cancelled = await api.expect(202, 'POST', `/deployments/${id}/cancel`);
  await until(
    'the update task to stop',
    async () => (await latestTask(suite, id))?.state === 'cancelled',
    10_000,
    10,
  );
  const stopMs = Date.now() - cancelAt;
  suite.mark(`hang: update cancelled, its task stopped after ${stopMs} ms`);
  const log = await api.events(id);
  const cancelLine = log.find(
    e =>
      e.type === 'status' &&
      e.data.from === 'updating' &&
      e.data.to === 'failed',
  );
  checks.push(
    check(
      'cancel stops a hanging update before its request times out',
      cancelled.status === 'failed' && stopMs < JOBS.requestTimeoutMs,
      `task stopped ${stopMs} ms after the cancel (request timeout ${JOBS.requestTimeoutMs} ms)`,
    ),
    check(
      'the log says who cancelled, what the cloud may hold, and that the work stopped',
      /^Update cancelled by user:.+; the cloud may be part-way/.test(
        cancelLine?.data.reason ?? '',
      ) &&
        log.some(
          e =>
            e.message ===
            'Update in flight stopped: it was cancelled or superseded',
        ),
      cancelLine?.message,
    ),
  );

  // Rollback while the endpoint still hangs, then the fault clears.
  const before = (await suite.retries(api, id)).length;
  await api.expect(202, 'POST', `/deployments/${id}/rollback`);
  await until(
    'a retry of the rollback',
    async () => (await suite.retries(api, id)).length > before,
    20_000,
  );
  suite.proxy.clear();
  cleared = Date.now();
  const rolledBack = await suite.until(api, id, ['active', 'failed']);
  const recoveryMs = Date.now() - cleared;
  checks.push(
    check(
      'rollback after the cancel brings the last good spec back',
      rolledBack.status === 'active' &&
        servedImage(suite, name)?.endsWith('/model:1') === true,
      `serves ${servedImage(suite, name)}`,
    ),
  );
  checks.push(...(await invariants(suite, [id], [name])));
  return {
    scenario: 'provider hangs',
    injected:
      'every SageMaker request held unanswered (provisioning; an update, cancelled, then rolled back)',
    outcome: `cut at ${JOBS.requestTimeoutMs / 1000} s, ${
      retries.length
    } retries, then ${
      provisioned.status
    }; cancel stopped the hanging update in ${stopMs} ms; rollback: ${
      rolledBack.status
    }`,
    checks,
    recoveryMs,
    notes,
  };
}
