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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  mapConcurrently,
  ObservedState,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { observeEndpoint, observeEndpointSummary } from './observeEndpoint';
import { withEndpointConfig } from './observeEndpointConfig';
import { observeStopped } from './stoppedRevision';
import { SageMakerTarget } from './sageMakerTarget';

// How many endpoints describeMany describes at once.
const DESCRIBE_CONCURRENCY = 8;

/**
 * Observes the endpoints of targets in one account and region with one
 * listing, made with the first target's calls. Reports each target's state
 * as soon as it is known; then, for endpoints in service or failed, again
 * once described: the list carries neither the configuration an endpoint
 * serves nor its instance count (drift) nor a failure reason. A target
 * without an endpoint is looked at again for what `stop` keeps (see
 * `observeStopped`).
 */
export async function observeEndpoints(
  targets: SageMakerTarget[],
  deploymentOf: (target: SageMakerTarget) => Deployment,
  report: (target: SageMakerTarget, state: ObservedState) => void,
): Promise<void> {
  const { calls } = targets[0];
  const summaries = await calls.listEndpoints();
  const byName = new Map(summaries.map(s => [s.EndpointName, s]));
  const settled: SageMakerTarget[] = [];
  const missing: SageMakerTarget[] = [];
  for (const target of targets) {
    const summary = byName.get(target.endpointName);
    const state = summary
      ? observeEndpointSummary(summary, target)
      : ({ state: 'absent' } as const);
    if (state.state === 'failed' || state.state === 'ready') {
      settled.push(target);
    }
    if (state.state === 'absent') missing.push(target);
    report(target, state);
  }
  for (let i = 0; i < settled.length; i += DESCRIBE_CONCURRENCY) {
    await Promise.all(
      settled.slice(i, i + DESCRIBE_CONCURRENCY).map(async target => {
        const endpoint = await calls.describeEndpoint(target.endpointName);
        report(
          target,
          await withEndpointConfig(
            observeEndpoint(endpoint, target),
            endpoint,
            target,
            deploymentOf(target),
          ),
        );
      }),
    );
  }
  await mapConcurrently(missing, DESCRIBE_CONCURRENCY, async target =>
    report(target, await observeStopped(target, deploymentOf(target))),
  );
}
