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
import { armError, ArmError } from './armErrors';

/** A container of a container group as ARM sends and receives it. */
export type WireContainer = {
  name?: string;
  properties?: {
    image?: string;
    ports?: Array<{ port?: number; protocol?: string }>;
    resources?: { requests?: { cpu?: number; memoryInGB?: number } };
    [key: string]: unknown;
  };
};

/** The body of a container group PUT, as ARM receives it. */
export type ContainerGroupBody = {
  location?: string;
  tags?: Record<string, string>;
  properties?: {
    osType?: string;
    restartPolicy?: string;
    containers?: WireContainer[];
    ipAddress?: {
      type?: string;
      ports?: Array<{ port?: number; protocol?: string }>;
      dnsNameLabel?: string;
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
};

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_NAME_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Whether Azure Container Instances accepts a container group name. */
export function isValidContainerGroupName(name: string): boolean {
  return NAME.test(name) && !name.includes('--');
}

/**
 * The checks Azure Container Instances makes on a container group PUT, with
 * its error codes: the first problem, or undefined.
 */
export function validateContainerGroup(
  name: string,
  body: ContainerGroupBody,
): ArmError | undefined {
  if (!isValidContainerGroupName(name)) {
    return armError(
      400,
      'InvalidContainerGroupName',
      `The container group name '${name}' is invalid. The container group name must contain no more than 63 characters and only lowercase alphanumeric characters and '-', and can not start or end with '-', and '-' can not be consecutive.`,
    );
  }
  if (!body.location) {
    return armError(
      400,
      'LocationRequired',
      'The location property is required for this definition.',
    );
  }
  const properties = body.properties ?? {};
  if (properties.osType !== 'Linux' && properties.osType !== 'Windows') {
    return armError(
      400,
      'InvalidOsType',
      `The 'osType' for container group '${name}' is invalid. The value must be one of 'Windows,Linux'.`,
    );
  }
  const containers = properties.containers ?? [];
  if (containers.length === 0) {
    return armError(
      400,
      'ContainerGroupContainersRequired',
      `The container group '${name}' must have at least one container.`,
    );
  }
  for (const container of containers) {
    if (!container.name || !container.properties?.image) {
      return armError(
        400,
        'InvalidContainerImage',
        `The container '${
          container.name ?? ''
        }' of container group '${name}' has no image.`,
      );
    }
    const requests = container.properties.resources?.requests;
    if (!requests?.cpu || !requests?.memoryInGB) {
      return armError(
        400,
        'ResourceRequestsNotSpecified',
        `The resource requests are not specified in container '${container.name}' of container group '${name}'. Both memory and CPU requests are required.`,
      );
    }
    if (requests.cpu > 4 || requests.memoryInGB > 16) {
      return armError(
        400,
        'ResourceRequestsExceedLimit',
        `The requested resource of container '${container.name}' in container group '${name}' exceeds the available quota: at most 4 CPUs and 16 GB of memory.`,
      );
    }
  }
  const label = properties.ipAddress?.dnsNameLabel;
  if (
    label !== undefined &&
    (!DNS_NAME_LABEL.test(label) || label.length < 5)
  ) {
    return armError(
      400,
      'InvalidDnsNameLabel',
      `The DNS name label '${label}' of container group '${name}' is invalid. It must be 5 to 63 lowercase letters, digits and '-', start with a letter and end with a letter or digit.`,
    );
  }
  return undefined;
}

/**
 * The properties Azure Container Instances cannot change in place (the group
 * must be deleted and created again), when the PUT changes one.
 */
export function immutableChange(
  current: ContainerGroupBody,
  next: ContainerGroupBody,
): string | undefined {
  const a = current.properties ?? {};
  const b = next.properties ?? {};
  if (a.osType !== b.osType) return 'os type';
  if ((a.restartPolicy ?? 'Always') !== (b.restartPolicy ?? 'Always')) {
    return 'restart policy';
  }
  const requests = new Map(
    (a.containers ?? []).map(c => [c.name, c.properties?.resources?.requests]),
  );
  for (const container of b.containers ?? []) {
    const before = requests.get(container.name);
    const after = container.properties?.resources?.requests;
    if (
      before &&
      (before.cpu !== after?.cpu || before.memoryInGB !== after?.memoryInGB)
    ) {
      return 'CPU or memory';
    }
  }
  return undefined;
}
