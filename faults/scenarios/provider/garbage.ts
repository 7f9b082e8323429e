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
import { sleep, until } from '../../lib/cluster';
import {
  everyRequest,
  FaultAction,
  forDeployment,
  nextRequests,
} from '../../lib/faultProxy';
import { Check } from '../../lib/invariants';
import { check, ScenarioResult, Suite } from '../../lib/suite';
import { invariants } from './providerInvariants';

const NOT_JSON: FaultAction = {
  type: 'garbage',
  body: '<html><body>Service Unavailable</body></html>',
  contentType: 'text/html',
};
const WRONG_SHAPE: FaultAction = { type: 'garbage', body: '{}' };

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
