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
import { ObservedState } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { observeEndpoint, observeEndpointSummary } from './observeEndpoint';
import { SageMakerTarget } from './sageMakerTarget';

// How many endpoints describeMany looks up at once for their failure reason.
const DESCRIBE_CONCURRENCY = 4;

/**
 * Observes the endpoints of targets in one account and region with one
 * listing, made with the first target's calls. Reports each target's state
 * as soon as it is known; a failed endpoint's again once described.
 */
export async function observeEndpoints(
  targets: SageMakerTarget[],
  report: (target: SageMakerTarget, state: ObservedState) => void,
): Promise<void> {
  const { calls } = targets[0];
  const summaries = await calls.listEndpoints();
  const byName = new Map(summaries.map(s => [s.EndpointName, s]));
  const failed: SageMakerTarget[] = [];
  for (const target of targets) {
    const summary = byName.get(target.endpointName);
    const state = summary
      ? observeEndpointSummary(summary, target)
      : ({ state: 'absent' } as const);
    if (state.state === 'failed') failed.push(target);
    report(target, state);
  }
  // The list has no failure reasons; the few failed ones are worth a look.
  for (let i = 0; i < failed.length; i += DESCRIBE_CONCURRENCY) {
    await Promise.all(
      failed.slice(i, i + DESCRIBE_CONCURRENCY).map(async target => {
        const endpoint = await calls.describeEndpoint(target.endpointName);
        report(target, observeEndpoint(endpoint, target));
      }),
    );
  }
}
