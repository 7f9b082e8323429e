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
import { JOBS } from '../../lib/cluster';
import {
  everyRequest,
  FaultAction,
  forDeployment,
  nextRequests,
} from '../../lib/faultProxy';
import { Check, followsBackoff } from '../../lib/invariants';
import { check, ScenarioResult, Suite } from '../../lib/suite';
import { invariants } from './providerInvariants';

const ERROR_PAGE: FaultAction = {
  type: 'status',
  status: 500,
  body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
};

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
