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
  ContainerGroup,
  ContainerInstanceManagementClient,
} from '@azure/arm-containerinstance';
import {
  ObservedConfig,
  ProviderContext,
  ProviderError,
  TaggedCloudResource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { CONTAINER_NAME, DEPLOYMENT_ID_TAG } from './containerGroup';
import { ContainerGroupCalls } from './ContainerGroupCalls';
import { AciSubscription } from './readAciConfig';

/** The `kind` of the container groups `listTaggedResources` reports. */
export const CONTAINER_GROUP_KIND = 'Azure container group';

/**
 * The container groups of a subscription's resource group that carry the
 * deployment-id tag, from one list followed by its `nextLink`s (the list has
 * the tags and the containers' requests). Groups being deleted are left
 * out: they are going already. A resource group that does not exist has
 * none; any other failure is thrown, naming the subscription and resource
 * group.
 */
export async function listTaggedContainerGroups(
  calls: ContainerGroupCalls,
  subscription: AciSubscription,
  client: ContainerInstanceManagementClient,
  ctx: Pick<ProviderContext, 'signal'>,
): Promise<TaggedCloudResource[]> {
  const found: TaggedCloudResource[] = [];
  try {
    await calls.forEachGroup(subscription, client, ctx, group => {
      const resource = taggedGroup(group, subscription);
      if (resource) found.push(resource);
    });
  } catch (error) {
    throw locationError(
      error,
      `Azure Container Instances in subscription ${subscription.subscriptionId} (account '${subscription.id}'), resource group ${subscription.resourceGroup}`,
    );
  }
  return found;
}

function taggedGroup(
  group: ContainerGroup,
  subscription: AciSubscription,
): TaggedCloudResource | undefined {
  const deploymentId = group.tags?.[DEPLOYMENT_ID_TAG];
  // The portal never writes an empty id; an empty value names no deployment.
  if (typeof deploymentId !== 'string' || deploymentId.trim() === '') {
    return undefined;
  }
  if (!group.id || !group.name || group.provisioningState === 'Deleting') {
    return undefined;
  }
  return {
    deploymentId,
    kind: CONTAINER_GROUP_KIND,
    resourceId: group.id,
    name: group.name,
    ...(group.location ? { region: group.location } : {}),
    location: subscription.id,
    config: groupConfig(group),
  };
}

/**
 * What a container group runs, as ACI bills it: the vCPUs and memory all
 * its containers request (a group is billed for the sum), one instance,
 * none once stopped, and the image of the portal's container.
 */
export function groupConfig(group: ContainerGroup): ObservedConfig {
  const containers = group.containers ?? [];
  const config: ObservedConfig = {};
  const app = containers.find(c => c.name === CONTAINER_NAME) ?? containers[0];
  if (app?.image) config.image = app.image;
  let cpu = 0;
  let memoryGB = 0;
  let sized = false;
  for (const container of containers) {
    const requests = container.resources?.requests;
    if (typeof requests?.cpu === 'number') {
      cpu += requests.cpu;
      sized = true;
    }
    if (typeof requests?.memoryInGB === 'number') {
      memoryGB += requests.memoryInGB;
      sized = true;
    }
  }
  if (sized) {
    config.cpu = Math.round(cpu * 1000) / 1000;
    config.memoryMiB = Math.round(memoryGB * 1024);
  }
  config.instanceCount = group.instanceView?.state === 'Stopped' ? 0 : 1;
  return config;
}

/**
 * The error of a location's listing, naming it, with the kind and code of
 * the cloud's error (an unclassified one is retried).
 */
export function locationError(error: unknown, where: string): ProviderError {
  const inner =
    error instanceof ProviderError
      ? error
      : new ProviderError(String((error as Error)?.message ?? error), {
          kind: 'transient',
        });
  return new ProviderError(
    `Cannot list the tagged resources of ${where}: ${inner.message}`,
    { kind: inner.kind, code: inner.code },
  );
}
