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
  ObservedState,
  ProviderContext,
  ProviderError,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Target } from './aciTargets';
import { containerGroupFor } from './containerGroup';
import { observeContainerGroup } from './observeContainerGroup';
import { AciSubscription } from './readAciConfig';
import { isNotFound, toProviderError } from './toProviderError';

/**
 * The Azure Resource Manager calls the provider makes on container groups:
 * each bounded in time and cancelled with the context; "not found" is an
 * answer, every other error a classified `ProviderError`. Changes are
 * started, never awaited.
 */
export class ContainerGroupCalls {
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** The container group, or undefined when it (or its resource group) is absent. */
  async get(
    target: Target,
    ctx: ProviderContext,
  ): Promise<ContainerGroup | undefined> {
    try {
      return await target.client.containerGroups.get(
        target.resourceGroup,
        target.name,
        this.#options(ctx),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.#error(error, ctx);
    }
  }

  /**
   * Starts a create or update; answers with what the PUT (or the first
   * poll of its operation, when already done) shows, without waiting.
   * When the PUT was accepted but its operation failed or could not be
   * polled, answers what `lookAgain` sees.
   */
  async put(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
    lookAgain: () => Promise<ObservedState>,
  ): Promise<ObservedState> {
    let accepted: ContainerGroup | undefined;
    try {
      const poller = await target.client.containerGroups.beginCreateOrUpdate(
        target.resourceGroup,
        target.name,
        containerGroupFor(deployment),
        {
          ...this.#options(ctx),
          onResponse: (response, flat) => {
            if (response.request.method === 'PUT' && response.status < 300) {
              accepted = flat as ContainerGroup;
            }
          },
        },
      );
      const group = (poller.isDone() && poller.getResult()) || accepted;
      return group
        ? observeContainerGroup(group, target.subscription)
        : { state: 'in-progress' };
    } catch (error) {
      if (!accepted) throw this.#error(error, ctx);
      return lookAgain();
    }
  }

  /** Starts a delete; true when the container group is already gone. */
  async delete(target: Target, ctx: ProviderContext): Promise<boolean> {
    try {
      const poller = await target.client.containerGroups.beginDelete(
        target.resourceGroup,
        target.name,
        this.#options(ctx),
      );
      return poller.isDone();
    } catch (error) {
      if (isNotFound(error)) return true;
      throw this.#error(error, ctx);
    }
  }

  /**
   * The stop action, which Azure does at once; false when the container
   * group is absent.
   */
  async stop(target: Target, ctx: ProviderContext): Promise<boolean> {
    try {
      await target.client.containerGroups.stop(
        target.resourceGroup,
        target.name,
        this.#options(ctx),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.#error(error, ctx);
    }
  }

  /**
   * Starts the start action, a long-running operation, without waiting;
   * false when the container group is absent.
   */
  async start(target: Target, ctx: ProviderContext): Promise<boolean> {
    try {
      await target.client.containerGroups.beginStart(
        target.resourceGroup,
        target.name,
        this.#options(ctx),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.#error(error, ctx);
    }
  }

  /**
   * Visits every container group of the subscription's resource group, a
   * page at a time; a resource group that does not exist has none.
   */
  async forEachGroup(
    subscription: AciSubscription,
    client: ContainerInstanceManagementClient,
    ctx: Pick<ProviderContext, 'signal'>,
    visit: (group: ContainerGroup) => void,
  ): Promise<void> {
    try {
      const pages = client.containerGroups
        .listByResourceGroup(subscription.resourceGroup, this.#options(ctx))
        .byPage();
      for await (const page of pages) {
        for (const group of page) visit(group);
      }
    } catch (error) {
      // No resource group: none of its container groups exist.
      if (!isNotFound(error)) throw this.#error(error, ctx);
    }
  }

  #options(ctx: Pick<ProviderContext, 'signal'>) {
    return {
      abortSignal: ctx.signal,
      requestOptions: { timeout: this.#timeoutMs },
    };
  }

  #error(error: unknown, ctx: Pick<ProviderContext, 'signal'>): ProviderError {
    return toProviderError(error, {
      signal: ctx.signal,
      timeoutMs: this.#timeoutMs,
    });
  }
}
