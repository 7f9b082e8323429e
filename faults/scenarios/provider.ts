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
import { JOBS, sleep, until } from '../lib/cluster';
import {
  everyRequest,
  FaultAction,
  forDeployment,
  nextRequests,
} from '../lib/faultProxy';
import {
  allFinal,
  Check,
  followsBackoff,
  noDuplicateResources,
  noLostDeployment,
  noSecretsInLog,
  nothingStuck,
  oneTaskAtATime,
} from '../lib/invariants';
import { check, ScenarioResult, Suite } from '../lib/suite';

/*
 * Faults of the SageMaker endpoint, injected by the proxy between the
 * backend's real AWS SDK and the SageMaker sandbox. Each scenario ends with
 * the fault cleared and the invariants checked.
 */

const SECRETS = ['AKIDFAULTSUITE', 'faults-suite-secret'];

const HANG: FaultAction = { type: 'hang' };
const ERROR_PAGE: FaultAction = {
  type: 'status',
  status: 500,
  body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
};
const NOT_JSON: FaultAction = {
  type: 'garbage',
  body: '<html><body>Service Unavailable</body></html>',
  contentType: 'text/html',
};
const WRONG_SHAPE: FaultAction = { type: 'garbage', body: '{}' };
const RESET: FaultAction = { type: 'reset' };

/** The invariants every scenario ends with. */
async function invariants(
  suite: Suite,
  ids: string[],
  names: string[],
): Promise<Check[]> {
  return [
    await noLostDeployment(suite.db, ids),
    await allFinal(suite.db, ids),
    await nothingStuck(suite.db),
    await oneTaskAtATime(suite.db),
    noDuplicateResources(suite.sandbox, names),
    await noSecretsInLog(suite.db, ids, SECRETS),
  ];
}

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
  const v1 = await api.deployment(id);
  await api.expect(200, 'PATCH', `/deployments/${id}`, {
    version: v1.version,
    artifact: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/model:2' },
  });
  const held = suite.proxy.count('hang', { text: `"${name}` });
  suite.proxy.set(everyRequest(HANG));
  await api.expect(202, 'POST', `/deployments/${id}/redeploy`);
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

export async function providerErrors(suite: Suite): Promise<ScenarioResult> {
  const api = await suite.api('a');
  const checks: Check[] = [];
  const notes: string[] = [];

  // Three error pages in a row, then the service is well again.
  suite.proxy.set(
    forDeployment('errors-transient', nextRequests(3, ERROR_PAGE)),
  );
  const transient = await suite.create(api, 'errors-transient');
  const active = await suite.until(api, transient, ['active', 'failed']);
  const retries = await suite.retries(api, transient);
  checks.push(
    check(
      'three 500s retried with backoff, in the log, then active',
      active.status === 'active' &&
        retries.length === 3 &&
        followsBackoff(retries),
      `${retries.length} retries, waits ${retries
        .map(r => r.data.retry.delayMs)
        .join(', ')} ms`,
    ),
  );
  notes.push(`log line: "${retries[0]?.message}"`);

  // A deployment whose requests always fail: it ends failed, saying why.
  suite.proxy.set(forDeployment('errors-permanent', everyRequest(ERROR_PAGE)));
  const permanent = await suite.create(api, 'errors-permanent');
  const failed = await suite.until(
    api,
    permanent,
    ['active', 'failed'],
    90_000,
  );
  const attempts = (await suite.retries(api, permanent)).length;
  checks.push(
    check(
      'endless 500s end failed with a clear reason after the last attempt',
      failed.status === 'failed' &&
        failed.statusReason.startsWith(
          `Provisioning failed after ${JOBS.maxAttempts} attempts: AWS SageMaker`,
        ) &&
        attempts === JOBS.maxAttempts - 1,
      failed.statusReason,
    ),
  );
  // Once the service is well, redeploy brings it up.
  suite.proxy.clear();
  const cleared = Date.now();
  await api.expect(202, 'POST', `/deployments/${permanent}/redeploy`);
  const redeployed = await suite.until(api, permanent, ['active', 'failed']);
  const recoveryMs = Date.now() - cleared;
  checks.push(
    check(
      'redeploy after the fault cleared: active',
      redeployed.status === 'active',
    ),
  );
  checks.push(
    ...(await invariants(
      suite,
      [transient, permanent],
      ['errors-transient', 'errors-permanent'],
    )),
  );
  return {
    scenario: 'provider answers 500',
    injected: `HTML error pages: 3 in a row; always, for one deployment (${JOBS.maxAttempts} attempts)`,
    outcome: `${retries.length} retries, then ${active.status}; always 500: ${
      failed.status
    } after ${attempts + 1} attempts, then redeploy: ${redeployed.status}`,
    checks,
    recoveryMs,
    notes,
  };
}

export async function providerGarbage(suite: Suite): Promise<ScenarioResult> {
  const api = await suite.api('a');
  const checks: Check[] = [];
  const notes: string[] = [];

  // Not JSON at all.
  suite.proxy.set(forDeployment('garbage-html', nextRequests(2, NOT_JSON)));
  const html = await suite.create(api, 'garbage-html');
  const first = await suite.until(api, html, ['active', 'failed']);
  const htmlRetries = await suite.retries(api, html);
  checks.push(
    check(
      'answers that are not JSON are retried, then active',
      first.status === 'active' && htmlRetries.length === 2,
      htmlRetries[0]?.message,
    ),
  );

  // JSON of the wrong shape while the endpoint is being created.
  const id = await suite.create(api, 'garbage-shape');
  await until(
    'the endpoint to be asked for',
    async () =>
      suite.sandbox.requests.some(
        r =>
          r.operation === 'CreateEndpoint' &&
          (r.body as any)?.EndpointName === 'garbage-shape',
      ),
    30_000,
    20,
  );
  suite.proxy.set(
    forDeployment(
      'garbage-shape',
      nextRequests(3, WRONG_SHAPE, 'DescribeEndpoint'),
    ),
  );
  const shaped = await suite.until(api, id, ['active', 'failed']);
  const shapeRetries = await suite.retries(api, id);
  const lastGarbled = suite.proxy.log
    .filter(r => r.action === 'garbage')
    .at(-1)!.at;
  const activeEvent = (await api.events(id)).find(
    e => e.type === 'status' && e.data.to === 'active',
  );
  const recoveryMs = activeEvent
    ? Date.parse(activeEvent.createdAt) - lastGarbled
    : undefined;
  checks.push(
    check(
      'a DescribeEndpoint of the wrong shape is retried, not taken for a failed endpoint',
      shaped.status === 'active' && shapeRetries.length === 3,
      shaped.status === 'active'
        ? shapeRetries[0]?.message
        : shaped.statusReason,
    ),
  );
  notes.push(`log line: "${shapeRetries[0]?.message}"`);

  // Reconciliation while ListEndpoints answers {}: nothing counts as deleted.
  const activeBefore = Number(
    (
      await suite
        .db('deployments')
        .where({ status: 'active' })
        .count({ n: '*' })
    )[0].n,
  );
  const garbled = suite.proxy.count('garbage', { operation: 'ListEndpoints' });
  suite.proxy.set(everyRequest(WRONG_SHAPE, 'ListEndpoints'));
  await api.reconcile();
  await until(
    'a garbled ListEndpoints',
    async () =>
      suite.proxy.count('garbage', { operation: 'ListEndpoints' }) > garbled,
    20_000,
    20,
  );
  await sleep(1500);
  suite.proxy.clear();
  const activeAfter = Number(
    (
      await suite
        .db('deployments')
        .where({ status: 'active' })
        .count({ n: '*' })
    )[0].n,
  );
  const drifted = await suite
    .db('deployment_events')
    .where('message', 'like', '%Drift%')
    .count({ n: '*' });
  checks.push(
    check(
      'reconciliation reads a ListEndpoints of {} as an error, not as every endpoint deleted',
      activeAfter === activeBefore && Number(drifted[0].n) === 0,
      `${activeAfter} of ${activeBefore} active deployments still active`,
    ),
  );
  checks.push(
    ...(await invariants(suite, [html, id], ['garbage-html', 'garbage-shape'])),
  );
  return {
    scenario: 'provider answers garbage',
    injected:
      'HTML with 200 (2 requests); {} for DescribeEndpoint (3) and for ListEndpoints during reconciliation',
    outcome: `${htmlRetries.length} + ${shapeRetries.length} retries, then ${first.status} and ${shaped.status}; ${activeAfter} of ${activeBefore} active after a garbled reconciliation`,
    checks,
    recoveryMs,
    notes,
  };
}

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
