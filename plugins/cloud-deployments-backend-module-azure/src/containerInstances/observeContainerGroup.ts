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
import { ContainerGroup } from '@azure/arm-containerinstance';
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ObservedConfig,
  ObservedState,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CONTAINER_NAME, CONTAINER_PORT, memoryInGB } from './containerGroup';
import { AciSubscription } from './readAciConfig';

type Event = NonNullable<
  NonNullable<ContainerGroup['instanceView']>['events']
>[number];

const IN_PROGRESS: Record<string, string> = {
  Pending: 'The container group is pending',
  Accepted: 'The container group is pending',
  Creating: 'The container group is being created',
  Updating: 'The container group is being updated',
  Repairing: 'The container group is being repaired',
  Deleting: 'The container group is being deleted',
};

function lastWarning(events: Event[] | undefined): Event | undefined {
  return [...(events ?? [])]
    .reverse()
    .find(e => e.type === 'Warning' && e.message);
}

/**
 * Why a container group failed, from the events Azure records: the
 * container's (e.g. an image that cannot be pulled) before the group's.
 */
export function failureReason(group: ContainerGroup): string {
  for (const container of group.containers ?? []) {
    const event = lastWarning(container.instanceView?.events);
    if (event) {
      return `Container '${container.name}': ${
        event.name ? `${event.name}: ` : ''
      }${event.message}`;
    }
    const state = container.instanceView?.currentState;
    if (state?.detailStatus && state.state !== 'Running') {
      return `Container '${container.name}' is ${state.state}: ${state.detailStatus}`;
    }
  }
  const event = lastWarning(group.instanceView?.events);
  if (event) {
    return `${event.name ? `${event.name}: ` : ''}${event.message}`;
  }
  return `Azure reports the container group ${group.name} as ${
    group.provisioningState === 'Failed'
      ? 'Failed'
      : `${group.provisioningState} and ${group.instanceView?.state}`
  }, without a reason; see its events in the Azure portal`;
}

/** The outputs of a deployment's container group. */
export function containerGroupOutputs(
  group: ContainerGroup,
  subscription: AciSubscription,
): Record<string, unknown> {
  return {
    containerGroupId: group.id,
    containerGroupName: group.name,
    resourceGroup: subscription.resourceGroup,
    subscriptionId: subscription.subscriptionId,
    account: subscription.id,
    region: group.location,
    ...(group.ipAddress?.ip ? { ip: group.ipAddress.ip } : {}),
    ...(group.ipAddress?.fqdn ? { fqdn: group.ipAddress.fqdn } : {}),
    port: CONTAINER_PORT,
  };
}

/**
 * What the group's container runs, in the spec's terms, for reconciliation;
 * `spec` is the deployment's. Memory is compared as ACI keeps it (GB to a
 * tenth): what the spec rounds to is reported as the spec's own MiB. The
 * portal sets only `PORT`; other variables were added outside it.
 */
export function observedGroupConfig(
  group: ContainerGroup,
  spec: Pick<DeploymentSpec, 'compute'>,
): ObservedConfig | undefined {
  const container =
    group.containers?.find(c => c.name === CONTAINER_NAME) ??
    group.containers?.[0];
  if (!container) return undefined;
  const config: ObservedConfig = {};
  if (container.image) config.image = container.image;
  const requests = container.resources?.requests;
  if (typeof requests?.cpu === 'number') config.cpu = requests.cpu;
  if (typeof requests?.memoryInGB === 'number') {
    config.memoryMiB =
      requests.memoryInGB === memoryInGB(spec.compute.memoryMiB) &&
      spec.compute.memoryMiB !== undefined
        ? spec.compute.memoryMiB
        : Math.round(requests.memoryInGB * 1024);
  }
  // Every variable but the PORT the portal sets itself (the spec may not);
  // none at all is an empty set, compared with the spec's.
  config.env = Object.fromEntries(
    (container.environmentVariables ?? [])
      .filter(v => v.name !== 'PORT')
      .map(v => [v.name, v.value ?? '(secure value)']),
  );
  return config;
}

/**
 * What a container group tells of its deployment's state; with the spec,
 * also what it runs (see {@link observedGroupConfig}). A group the stop
 * action stopped is `stopped`, with the config it keeps for its start (its
 * image, CPU and memory still apply: ACI has no instance count to scale).
 */
export function observeContainerGroup(
  group: ContainerGroup,
  subscription: AciSubscription,
  spec?: Pick<DeploymentSpec, 'compute'>,
): ObservedState {
  const config = spec ? observedGroupConfig(group, spec) : undefined;
  const withConfig = <T extends ObservedState>(state: T): T =>
    config && state.state !== 'absent' ? { ...state, config } : state;
  return withConfig(observeState(group, subscription));
}

function observeState(
  group: ContainerGroup,
  subscription: AciSubscription,
): ObservedState {
  const provisioningState = group.provisioningState ?? 'Pending';
  const instanceState = group.instanceView?.state;
  if (provisioningState === 'Succeeded') {
    // A list leaves instance views out; Succeeded then says enough.
    if (instanceState === undefined || instanceState === 'Running') {
      const host = group.ipAddress?.fqdn ?? group.ipAddress?.ip;
      return {
        state: 'ready',
        ...(host ? { endpoint: `http://${host}:${CONTAINER_PORT}` } : {}),
        outputs: containerGroupOutputs(group, subscription),
      };
    }
    // The portal's groups restart their containers always: only the stop
    // action leaves one Stopped.
    if (
      instanceState === 'Stopped' &&
      (group.restartPolicy ?? 'Always') === 'Always'
    ) {
      return {
        state: 'stopped',
        outputs: containerGroupOutputs(group, subscription),
      };
    }
    if (instanceState === 'Stopped' || instanceState === 'Failed') {
      return {
        state: 'failed',
        reason: failureReason(group),
        outputs: containerGroupOutputs(group, subscription),
      };
    }
    return {
      state: 'in-progress',
      detail: `The container group is starting (${instanceState})`,
    };
  }
  if (provisioningState === 'Failed' || provisioningState === 'Canceled') {
    return {
      state: 'failed',
      reason:
        provisioningState === 'Canceled'
          ? `The deployment of container group ${group.name} was canceled`
          : failureReason(group),
      outputs: containerGroupOutputs(group, subscription),
    };
  }
  return {
    state: 'in-progress',
    detail:
      IN_PROGRESS[provisioningState] ??
      `The container group is ${provisioningState}`,
  };
}
