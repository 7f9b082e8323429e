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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { AZURE_REGION_PATTERN } from '../azureRegion';
import { memoryInGB } from './containerGroup';
import { AciSubscription } from './readAciConfig';

/** The largest Linux container group ACI runs in most regions. */
const MAX_CPU = 4;
const MAX_MEMORY_GB = 16;

/**
 * The subscription a spec deploys into: `spec.account`, or the first
 * configured one.
 */
export function subscriptionFor(
  spec: Pick<DeploymentSpec, 'account'>,
  subscriptions: AciSubscription[],
): AciSubscription | undefined {
  return spec.account === undefined
    ? subscriptions[0]
    : subscriptions.find(s => s.id === spec.account);
}

/**
 * Checks of a spec that Azure Container Instances would refuse, or that the
 * configuration rules out, as `field: message`.
 */
export function validateAciSpec(
  spec: DeploymentSpec,
  subscriptions: AciSubscription[],
): string[] {
  const problems: string[] = [];
  const subscription = subscriptionFor(spec, subscriptions);
  if (!subscription) {
    problems.push(
      `account: '${
        spec.account
      }' is not a configured Azure subscription; use one of ${subscriptions
        .map(s => s.id)
        .join(', ')}`,
    );
  }
  if (!AZURE_REGION_PATTERN.test(spec.region)) {
    problems.push(
      `region: '${spec.region}' is not an Azure region name such as eastus`,
    );
  } else if (
    subscription?.regions &&
    !subscription.regions.includes(spec.region)
  ) {
    problems.push(
      `region: subscription '${
        subscription.id
      }' allows ${subscription.regions.join(', ')}, not ${spec.region}`,
    );
  }
  if (!spec.artifact.image) {
    problems.push(
      'artifact.image: Azure Container Instances runs a container image; set one',
    );
  }
  const { cpu, memoryMiB, gpu, instanceCount } = spec.compute;
  if (cpu !== undefined && !(cpu > 0 && cpu <= MAX_CPU)) {
    problems.push(
      `compute.cpu: Azure Container Instances takes more than 0 and at most ${MAX_CPU} vCPUs, not ${cpu}`,
    );
  }
  if (memoryMiB !== undefined) {
    if (!(memoryMiB > 0) || memoryInGB(memoryMiB) > MAX_MEMORY_GB) {
      problems.push(
        `compute.memoryMiB: Azure Container Instances takes more than 0 and at most ${
          MAX_MEMORY_GB * 1024
        } MiB, not ${memoryMiB}`,
      );
    }
  }
  if (gpu) {
    problems.push(
      'compute.gpu: GPUs are not offered for Azure Container Instances deployments',
    );
  }
  if (instanceCount !== undefined && instanceCount > 1) {
    problems.push(
      'compute.instanceCount: Azure Container Instances runs one container group per deployment; use 1',
    );
  }
  return problems;
}
