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
import { InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ProviderContext,
  ProviderError,
  RenderedFiles,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Agent } from 'https';
import { renderContainerGroupTerraform } from '../terraform/containerGroupTerraform';
import {
  containerGroupFor,
  containerGroupNameProblem,
  isGroupOf,
  needsRecreate,
} from './containerGroup';
import {
  AciSandboxConnection,
  createAciClient,
  createSandboxAgent,
} from './createAciClient';
import { observeContainerGroup } from './observeContainerGroup';
import { AciSubscription } from './readAciConfig';
import { isNotFound, toProviderError } from './toProviderError';
import { subscriptionFor, validateAciSpec } from './validateAciSpec';

/**
 * Options of {@link AzureContainerInstancesProvider}.
 *
 * @public
 */
export type AzureContainerInstancesProviderOptions = {
  /** The subscriptions to deploy into; the first is the default. */
  subscriptions: AciSubscription[];
  /** Time limit of one Azure Resource Manager request. Default 30000 ms. */
  timeoutMs?: number;
  /** The sandbox to talk to instead of Azure, e.g. an `AciSandbox`. */
  sandbox?: AciSandboxConnection;
};

/** A deployment's container group: where it lives and which client reaches it. */
type Target = {
  subscription: AciSubscription;
  client: ContainerInstanceManagementClient;
  resourceGroup: string;
  name: string;
};

/**
 * Deploys container images to Azure Container Instances: one container
 * group per deployment, named after it, in the resource group of the
 * deployment's subscription, with a public IP and DNS name label serving
 * port 8080. Changes are started and not awaited; the job engine polls
 * {@link AzureContainerInstancesProvider.describe}.
 *
 * @public
 */
export class AzureContainerInstancesProvider
  implements CloudDeploymentProvider
{
  readonly id = 'azure-container-instances';
  readonly title = 'Azure Container Instances';
  readonly sandbox: boolean;
  readonly #subscriptions: AciSubscription[];
  readonly #timeoutMs: number;
  readonly #sandbox?: AciSandboxConnection & { agent: Agent };
  readonly #clients = new Map<string, ContainerInstanceManagementClient>();

  constructor(options: AzureContainerInstancesProviderOptions) {
    if (options.subscriptions.length === 0) {
      throw new Error('Azure Container Instances needs a subscription');
    }
    this.#subscriptions = options.subscriptions;
    this.#timeoutMs = options.timeoutMs ?? 30000;
    this.sandbox = Boolean(options.sandbox);
    if (options.sandbox) {
      this.#sandbox = {
        ...options.sandbox,
        agent: createSandboxAgent(options.sandbox),
      };
    }
  }

  validate(spec: DeploymentSpec): string[] {
    return validateAciSpec(spec, this.#subscriptions);
  }

  /**
   * Terraform JSON for the deployment's container group; throws an
   * `InputError` when Azure Container Instances or the config would refuse
   * the spec or the name.
   */
  async render(deployment: Deployment): Promise<RenderedFiles> {
    const nameProblem = containerGroupNameProblem(deployment.name);
    const problems = [
      ...(nameProblem ? [`name: ${nameProblem}`] : []),
      ...this.validate(deployment.spec),
    ];
    const subscription = subscriptionFor(deployment.spec, this.#subscriptions);
    if (problems.length || !subscription) {
      throw new InputError(
        `Cannot render Terraform for Azure Container Instances: ${problems.join(
          '; ',
        )}`,
      );
    }
    return renderContainerGroupTerraform(deployment, subscription);
  }

  async describe(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    if (containerGroupNameProblem(deployment.name)) return { state: 'absent' };
    const target = this.#target(deployment);
    const group = await this.#get(target, ctx);
    if (!group || !isGroupOf(group, deployment)) return { state: 'absent' };
    return observeContainerGroup(group, target.subscription);
  }

  async provision(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#target(deployment, { checkSpec: true });
    const current = await this.#get(target, ctx);
    if (current) {
      // Made by an earlier attempt: never a second one.
      this.#assertOwned(current, deployment, target);
      return observeContainerGroup(current, target.subscription);
    }
    await ctx.log(
      `Creating container group ${target.name} in resource group ${target.resourceGroup} (${deployment.spec.region})`,
    );
    return this.#put(target, deployment, ctx);
  }

  async update(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#target(deployment, { checkSpec: true });
    const current = await this.#get(target, ctx);
    if (current) {
      this.#assertOwned(current, deployment, target);
      if (current.provisioningState === 'Deleting') {
        // Recreating: the engine provisions again once it is gone.
        return {
          state: 'in-progress',
          detail: 'The container group is being deleted',
        };
      }
      const change = needsRecreate(current, containerGroupFor(deployment));
      if (change) {
        await ctx.log(
          `Azure Container Instances cannot change the ${change} of a container group in place; deleting ${target.name} to create it again with the new spec`,
        );
        await this.#delete(target, ctx);
        return {
          state: 'in-progress',
          detail:
            'Deleting the container group to create it again with the new spec',
        };
      }
    }
    await ctx.log(
      `Applying the spec to container group ${target.name} in resource group ${target.resourceGroup}`,
    );
    return this.#put(target, deployment, ctx);
  }

  async destroy(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    // A name ACI refuses never made a container group.
    if (containerGroupNameProblem(deployment.name)) return { state: 'absent' };
    const target = this.#target(deployment);
    const current = await this.#get(target, ctx);
    if (!current || !isGroupOf(current, deployment)) return { state: 'absent' };
    await ctx.log(
      `Deleting container group ${target.name} in resource group ${target.resourceGroup}`,
    );
    const done = await this.#delete(target, ctx);
    return done
      ? { state: 'absent' }
      : {
          state: 'in-progress',
          detail: 'The container group is being deleted',
        };
  }

  /**
   * One paginated list per subscription (of its resource group), whatever
   * the number of deployments.
   */
  async describeMany(
    deployments: Deployment[],
    ctx: ProviderContext,
  ): Promise<Map<string, ObservedState>> {
    const result = new Map<string, ObservedState>();
    const bySubscription = new Map<
      AciSubscription,
      Map<string, Deployment[]>
    >();
    for (const deployment of deployments) {
      const subscription = subscriptionFor(
        deployment.spec,
        this.#subscriptions,
      );
      if (!subscription) {
        result.set(deployment.id, {
          state: 'failed',
          reason: this.#unknownSubscription(deployment).message,
        });
        continue;
      }
      result.set(deployment.id, { state: 'absent' });
      let byName = bySubscription.get(subscription);
      if (!byName) {
        byName = new Map();
        bySubscription.set(subscription, byName);
      }
      byName.set(deployment.name, [
        ...(byName.get(deployment.name) ?? []),
        deployment,
      ]);
    }
    await Promise.all(
      [...bySubscription].map(async ([subscription, byName]) => {
        const client = this.#client(subscription);
        try {
          const pages = client.containerGroups
            .listByResourceGroup(subscription.resourceGroup, this.#options(ctx))
            .byPage();
          for await (const page of pages) {
            for (const group of page) {
              for (const deployment of byName.get(group.name ?? '') ?? []) {
                if (isGroupOf(group, deployment)) {
                  result.set(
                    deployment.id,
                    observeContainerGroup(group, subscription),
                  );
                }
              }
            }
          }
        } catch (error) {
          // No resource group: none of its container groups exist.
          if (!isNotFound(error)) throw this.#error(error, ctx);
        }
      }),
    );
    return result;
  }

  /** Drops the connections kept open to the sandbox. */
  async close(): Promise<void> {
    this.#sandbox?.agent.destroy();
  }

  #target(
    deployment: Deployment,
    options: { checkSpec?: boolean } = {},
  ): Target {
    const subscription = subscriptionFor(deployment.spec, this.#subscriptions);
    if (!subscription) throw this.#unknownSubscription(deployment);
    const problem = containerGroupNameProblem(deployment.name);
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
      client: this.#client(subscription),
      resourceGroup: subscription.resourceGroup,
      name: deployment.name,
    };
  }

  #unknownSubscription(deployment: Deployment): ProviderError {
    return new ProviderError(
      `No Azure subscription '${deployment.spec.account}' is configured`,
      { kind: 'permanent', code: 'UnknownAccount' },
    );
  }

  #client(subscription: AciSubscription): ContainerInstanceManagementClient {
    let client = this.#clients.get(subscription.id);
    if (!client) {
      client = createAciClient(subscription, this.#sandbox);
      this.#clients.set(subscription.id, client);
    }
    return client;
  }

  #options(ctx: ProviderContext) {
    return {
      abortSignal: ctx.signal,
      requestOptions: { timeout: this.#timeoutMs },
    };
  }

  #error(error: unknown, ctx: ProviderContext): ProviderError {
    return toProviderError(error, {
      signal: ctx.signal,
      timeoutMs: this.#timeoutMs,
    });
  }

  /** The container group, or undefined when it (or its resource group) is absent. */
  async #get(
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

  #assertOwned(group: ContainerGroup, deployment: Deployment, target: Target) {
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

  /**
   * Starts a create or update; answers with what the PUT (or the first
   * poll of its operation, when already done) shows, without waiting.
   */
  async #put(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
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
      // Accepted, but its operation failed or could not be polled: look.
      return this.describe(deployment, ctx);
    }
  }

  /** Starts a delete; true when the container group is already gone. */
  async #delete(target: Target, ctx: ProviderContext): Promise<boolean> {
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
}
