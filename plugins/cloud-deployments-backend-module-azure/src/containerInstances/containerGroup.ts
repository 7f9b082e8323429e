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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { createHash } from 'crypto';
import { resourceNameOf } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The port the container listens on and the group exposes: 8080, the port
 * Cloud Run and SageMaker containers serve on too, so one image runs on all
 * three. `PORT` tells the container.
 */
export const CONTAINER_PORT = 8080;

/** Default vCPUs and memory, as `az container create` has them. */
export const DEFAULT_CPU = 1;
export const DEFAULT_MEMORY_GB = 1.5;

/** Tags that mark a container group as a deployment's. */
export const MANAGED_BY_TAG = 'managed-by';
export const MANAGED_BY = 'backstage-cloud-deployments';
export const DEPLOYMENT_ID_TAG = 'cloud-deployments-id';

/** The container's name inside the group. */
export const CONTAINER_NAME = 'app';

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why ACI would refuse `name` as a container group name, if it would. */
export function containerGroupNameProblem(name: string): string | undefined {
  if (!NAME.test(name) || name.includes('--')) {
    return `'${name}' is not a valid Azure container group name: at most 63 lowercase letters, digits and single hyphens, not starting or ending with a hyphen`;
  }
  return undefined;
}

/**
 * The group's DNS name label: the name and a short hash of the deployment
 * id, since labels are shared by everyone in a region (the FQDN is
 * `<label>.<region>.azurecontainer.io`) and a deployment made again under
 * the same name must not inherit the old one's. Labels start with a letter.
 */
export function dnsNameLabel(
  deployment: Pick<Deployment, 'id' | 'name' | 'resourceName'>,
) {
  const hash = createHash('sha256')
    .update(deployment.id)
    .digest('hex')
    .slice(0, 8);
  const base = /^[a-z]/.test(resourceNameOf(deployment))
    ? resourceNameOf(deployment)
    : `d${resourceNameOf(deployment)}`;
  return `${base.slice(0, 63 - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** Memory in GB, to the 0.1 GB that ACI accepts. */
export function memoryInGB(memoryMiB: number | undefined): number {
  if (memoryMiB === undefined) return DEFAULT_MEMORY_GB;
  return Math.max(0.1, Math.round((memoryMiB / 1024) * 10) / 10);
}

/** The container group a deployment's spec describes. */
export function containerGroupFor(deployment: Deployment): ContainerGroup {
  const { spec } = deployment;
  return {
    location: spec.region,
    tags: {
      [MANAGED_BY_TAG]: MANAGED_BY,
      [DEPLOYMENT_ID_TAG]: deployment.id,
    },
    osType: 'Linux',
    restartPolicy: 'Always',
    sku: 'Standard',
    containers: [
      {
        name: CONTAINER_NAME,
        image: spec.artifact.image!,
        resources: {
          requests: {
            cpu: spec.compute.cpu ?? DEFAULT_CPU,
            memoryInGB: memoryInGB(spec.compute.memoryMiB),
          },
        },
        ports: [{ port: CONTAINER_PORT, protocol: 'TCP' }],
        // PORT is the portal's (the spec may not set it on this target).
        environmentVariables: [
          { name: 'PORT', value: String(CONTAINER_PORT) },
          ...Object.entries(spec.env ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        ],
      },
    ],
    ipAddress: {
      type: 'Public',
      dnsNameLabel: dnsNameLabel(deployment),
      ports: [{ port: CONTAINER_PORT, protocol: 'TCP' }],
    },
  };
}

/** Whether the container group was made for this deployment. */
export function isGroupOf(group: ContainerGroup, deployment: Deployment) {
  return group.tags?.[DEPLOYMENT_ID_TAG] === deployment.id;
}

/**
 * What ACI cannot change in place, as a phrase, when `next` changes it:
 * the group must then be deleted and created again.
 */
export function needsRecreate(
  current: ContainerGroup,
  next: ContainerGroup,
): string | undefined {
  const region = (location?: string) =>
    location?.toLowerCase().replace(/\s/g, '');
  if (region(current.location) !== region(next.location)) {
    return `region (${current.location} to ${next.location})`;
  }
  if (current.osType !== next.osType) return 'OS type';
  if ((current.restartPolicy ?? 'Always') !== next.restartPolicy) {
    return 'restart policy';
  }
  const before = current.containers.find(c => c.name === CONTAINER_NAME)
    ?.resources.requests;
  const after = next.containers[0].resources.requests;
  if (
    before &&
    (before.cpu !== after.cpu || before.memoryInGB !== after.memoryInGB)
  ) {
    return `CPU or memory (${before.cpu} vCPU ${before.memoryInGB} GB to ${after.cpu} vCPU ${after.memoryInGB} GB)`;
  }
  return undefined;
}
