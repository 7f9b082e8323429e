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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ProviderError,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Agent } from 'https';
import { containerGroupNameProblem, isGroupOf } from './containerGroup';
import {
  AciSandboxConnection,
  createAciClient,
  createSandboxAgent,
} from './createAciClient';
import { AciSubscription } from './readAciConfig';
import { subscriptionFor, validateAciSpec } from './validateAciSpec';

/** A deployment's container group: where it lives and which client reaches it. */
export type Target = {
  subscription: AciSubscription;
  client: ContainerInstanceManagementClient;
  resourceGroup: string;
  name: string;
};

/**
 * The configured subscriptions of the Azure Container Instances provider,
 * one client per subscription, and the sandbox's connections: where a
 * deployment's container group lives, and which client reaches it.
 */
export class AciTargets {
  readonly #subscriptions: AciSubscription[];
  readonly #sandbox?: AciSandboxConnection & { agent: Agent };
  readonly #clients = new Map<string, ContainerInstanceManagementClient>();

  constructor(
    subscriptions: AciSubscription[],
    sandbox?: AciSandboxConnection,
  ) {
    this.#subscriptions = subscriptions;
    if (sandbox) {
      this.#sandbox = { ...sandbox, agent: createSandboxAgent(sandbox) };
    }
  }

  /**
   * Where the deployment's container group lives; throws when the config
   * has no subscription for it, ACI would refuse its name, or (with
   * `checkSpec`) its spec.
   */
  target(
    deployment: Deployment,
    options: { checkSpec?: boolean } = {},
  ): Target {
    const subscription = subscriptionFor(deployment.spec, this.#subscriptions);
    if (!subscription) throw unknownSubscription(deployment);
    const problem = containerGroupNameProblem(resourceNameOf(deployment));
    if (problem) {
      throw new ProviderError(problem, {
        kind: 'permanent',
        code: 'InvalidContainerGroupName',
      });
    }
    if (options.checkSpec) {
      const problems = validateAciSpec(deployment.spec, this.#subscriptions);
      if (problems.length) {
        throw new ProviderError(
          `The spec does not suit Azure Container Instances: ${problems.join(
            '; ',
          )}`,
          { kind: 'permanent', code: 'InvalidSpec' },
        );
      }
    }
    return {
      subscription,
      client: this.client(subscription),
      resourceGroup: subscription.resourceGroup,
      name: resourceNameOf(deployment),
    };
  }

  client(subscription: AciSubscription): ContainerInstanceManagementClient {
    let client = this.#clients.get(subscription.id);
    if (!client) {
      client = createAciClient(subscription, this.#sandbox);
      this.#clients.set(subscription.id, client);
    }
    return client;
  }

  /** How to reach the sandbox, when the provider talks to it. */
  get sandbox(): (AciSandboxConnection & { agent: Agent }) | undefined {
    return this.#sandbox;
  }

  /** Drops the connections kept open to the sandbox. */
  close(): void {
    this.#sandbox?.agent.destroy();
  }
}

export function unknownSubscription(deployment: Deployment): ProviderError {
  return new ProviderError(
    `No Azure subscription '${deployment.spec.account}' is configured`,
    { kind: 'permanent', code: 'UnknownAccount' },
  );
}

/** Throws unless the container group of the target's name is the deployment's. */
export function assertOwned(
  group: ContainerGroup,
  deployment: Deployment,
  target: Target,
): void {
  if (isGroupOf(group, deployment)) return;
  if (group.provisioningState === 'Deleting') {
    // An earlier deployment of the same name is still going away.
    throw new ProviderError(
      `Container group ${target.name} of an earlier deployment is still being deleted`,
      { kind: 'transient', code: 'ContainerGroupDeleting' },
    );
  }
  throw new ProviderError(
    `A container group named ${target.name} already exists in resource group ${target.resourceGroup} and does not belong to this deployment; delete it or choose another deployment name`,
    { kind: 'permanent', code: 'ContainerGroupNameTaken' },
  );
}
