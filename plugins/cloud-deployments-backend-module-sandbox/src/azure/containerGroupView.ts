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
import {
  AciSandboxContainerGroup,
  containerGroupId,
  Operation,
  StoredGroup,
} from './containerGroupModel';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The resource as a GET answers it. Lists leave out the instance views'
 * events and the containers' instance views, as ARM does. A stopped group
 * is `Succeeded` with the instance view `Stopped`, without containers'
 * instance views or an IP address.
 */
export function containerGroupView(
  group: StoredGroup,
  now: number,
  detailed: boolean,
): AciSandboxContainerGroup {
  const { operation, body } = group;
  const provisioningState = provisioningStateOf(operation, now);
  const stopped = Boolean(group.stopped) && operation.kind !== 'delete';
  const running = provisioningState === 'Succeeded' && !stopped;
  const settled = (running || provisioningState === 'Failed') && !group.stopped;
  const containers = (body.properties?.containers ?? []).map(c => ({
    name: c.name,
    properties: {
      ...c.properties,
      ...(detailed && settled
        ? { instanceView: containerInstanceView(operation) }
        : {}),
    },
  }));
  let state = 'Pending';
  if (settled) state = running ? 'Running' : 'Stopped';
  if (stopped) state = 'Stopped';
  const ipAddress = body.properties?.ipAddress;
  return {
    id: containerGroupId(group.scope, group.name),
    name: group.name,
    type: 'Microsoft.ContainerInstance/containerGroups',
    location: body.location!,
    tags: body.tags ?? {},
    properties: {
      sku: 'Standard',
      ...body.properties,
      provisioningState,
      containers,
      ...(ipAddress
        ? {
            ipAddress: {
              ...ipAddress,
              ...(running || (operation.kind === 'update' && !stopped)
                ? { ip: group.ip }
                : {}),
              ...(ipAddress.dnsNameLabel
                ? {
                    fqdn: `${ipAddress.dnsNameLabel}.${body.location}.azurecontainer.io`,
                  }
                : {}),
            },
          }
        : {}),
      instanceView: detailed ? { events: [], state } : { state },
    },
  };
}

function provisioningStateOf(operation: Operation, now: number): string {
  if (operation.kind === 'delete') return 'Deleting';
  if (now < operation.doneAt) {
    if (operation.kind === 'start') return 'Pending';
    return operation.kind === 'create' ? 'Creating' : 'Updating';
  }
  return operation.failure ? 'Failed' : 'Succeeded';
}

/** A settled container's instance view: running, or failed with a reason. */
function containerInstanceView(operation: Operation) {
  const { failure } = operation;
  const events = [
    { name: 'Pulling', type: 'Normal', message: 'pulling image' },
    ...(failure === undefined
      ? [
          {
            name: 'Pulled',
            type: 'Normal',
            message: 'Successfully pulled image',
          },
          { name: 'Started', type: 'Normal', message: 'Started container' },
        ]
      : [{ name: 'Failed', type: 'Warning', message: failure }]),
  ];
  return {
    restartCount: 0,
    currentState:
      failure === undefined
        ? {
            state: 'Running',
            startTime: iso(operation.doneAt),
            detailStatus: '',
          }
        : { state: 'Waiting', detailStatus: 'Error' },
    events: events.map(e => ({
      count: 1,
      firstTimestamp: iso(operation.startedAt),
      lastTimestamp: iso(operation.doneAt),
      ...e,
    })),
  };
}
