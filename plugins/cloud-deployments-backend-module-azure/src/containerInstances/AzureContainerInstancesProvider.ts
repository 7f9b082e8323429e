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
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ConnectionCheck,
  ObservedState,
  ProviderContext,
  RenderedFiles,
  resourceNameOf,
  TaggedCloudResource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { renderContainerGroupTerraform } from '../terraform/containerGroupTerraform';
import { AciReaders } from './aciPermissions';
import {
  AciTargets,
  assertOwned,
  Target,
  unknownSubscription,
} from './aciTargets';
import {
  containerGroupFor,
  containerGroupNameProblem,
  isGroupOf,
  needsRecreate,
} from './containerGroup';
import { ContainerGroupCalls } from './ContainerGroupCalls';
import { listTaggedContainerGroups } from './listTaggedContainerGroups';
import { AciSandboxConnection } from './createAciClient';
import { observeContainerGroup } from './observeContainerGroup';
import { AciSubscription } from './readAciConfig';
import { testAciConnection } from './testAciConnection';
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
  /**
   * The readers of metrics and costs the module runs against the
   * subscriptions, whose permissions the connection test checks too.
   * Default none.
   */
  readers?: AciReaders;
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
  readonly #targets: AciTargets;
  readonly #calls: ContainerGroupCalls;
  readonly #timeoutMs: number;
  readonly #readers: AciReaders;
  readonly #secrets: string[];

  constructor(options: AzureContainerInstancesProviderOptions) {
    if (options.subscriptions.length === 0) {
      throw new Error('Azure Container Instances needs a subscription');
    }
    this.#subscriptions = options.subscriptions;
    this.#timeoutMs = options.timeoutMs ?? 30000;
    this.#calls = new ContainerGroupCalls(this.#timeoutMs);
    this.#readers = options.readers ?? {};
    this.#secrets = options.subscriptions.flatMap(s =>
      s.clientSecret ? [s.clientSecret] : [],
    );
    this.sandbox = Boolean(options.sandbox);
    this.#targets = new AciTargets(options.subscriptions, options.sandbox);
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
    const nameProblem = containerGroupNameProblem(resourceNameOf(deployment));
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
    if (containerGroupNameProblem(resourceNameOf(deployment)))
      return { state: 'absent' };
    const target = this.#targets.target(deployment);
    const group = await this.#calls.get(target, ctx);
    if (!group || !isGroupOf(group, deployment)) return { state: 'absent' };
    return observeContainerGroup(group, target.subscription, deployment.spec);
  }

  async provision(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#targets.target(deployment, { checkSpec: true });
    const current = await this.#calls.get(target, ctx);
    if (current) {
      // Made by an earlier attempt: never a second one.
      assertOwned(current, deployment, target);
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
    const target = this.#targets.target(deployment, { checkSpec: true });
    const current = await this.#calls.get(target, ctx);
    if (current) {
      assertOwned(current, deployment, target);
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
        await this.#calls.delete(target, ctx);
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
    if (containerGroupNameProblem(resourceNameOf(deployment)))
      return { state: 'absent' };
    const target = this.#targets.target(deployment);
    const current = await this.#calls.get(target, ctx);
    if (!current || !isGroupOf(current, deployment)) return { state: 'absent' };
    await ctx.log(
      `Deleting container group ${target.name} in resource group ${target.resourceGroup}`,
    );
    const done = await this.#calls.delete(target, ctx);
    return done
      ? { state: 'absent' }
      : {
          state: 'in-progress',
          detail: 'The container group is being deleted',
        };
  }

  /**
   * The container group's stop action, which Azure does at once: its
   * containers stop, its IP address is released and it no longer bills,
   * while the group and its spec stay for `start`. Azure refuses to stop a
   * group that is being created or updated: that 409 is a transient
   * `ProviderError`, retried once the group has settled.
   */
  async stop(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    if (containerGroupNameProblem(resourceNameOf(deployment)))
      return { state: 'absent' };
    const target = this.#targets.target(deployment);
    const current = await this.#calls.get(target, ctx);
    if (!current || !isGroupOf(current, deployment)) return { state: 'absent' };
    const seen = observeContainerGroup(
      current,
      target.subscription,
      deployment.spec,
    );
    if (seen.state === 'stopped') return seen;
    await ctx.log(
      `Stopping container group ${target.name} in resource group ${target.resourceGroup}`,
    );
    if (!(await this.#calls.stop(target, ctx))) return { state: 'absent' };
    return this.describe(deployment, ctx);
  }

  /**
   * Starts the container group's start action (a long-running operation
   * the engine follows with `describe`); a group that is not stopped is
   * left as it is.
   */
  async start(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    if (containerGroupNameProblem(resourceNameOf(deployment)))
      return { state: 'absent' };
    const target = this.#targets.target(deployment);
    const current = await this.#calls.get(target, ctx);
    if (!current || !isGroupOf(current, deployment)) return { state: 'absent' };
    const seen = observeContainerGroup(
      current,
      target.subscription,
      deployment.spec,
    );
    if (seen.state !== 'stopped') return seen;
    await ctx.log(
      `Starting container group ${target.name} in resource group ${target.resourceGroup}`,
    );
    if (!(await this.#calls.start(target, ctx))) return { state: 'absent' };
    return this.describe(deployment, ctx);
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
          reason: unknownSubscription(deployment).message,
        });
        continue;
      }
      result.set(deployment.id, { state: 'absent' });
      let byName = bySubscription.get(subscription);
      if (!byName) {
        byName = new Map();
        bySubscription.set(subscription, byName);
      }
      byName.set(resourceNameOf(deployment), [
        ...(byName.get(resourceNameOf(deployment)) ?? []),
        deployment,
      ]);
    }
    await Promise.all(
      [...bySubscription].map(async ([subscription, byName]) => {
        const client = this.#targets.client(subscription);
        await this.#calls.forEachGroup(subscription, client, ctx, group => {
          for (const deployment of byName.get(group.name ?? '') ?? []) {
            if (isGroupOf(group, deployment)) {
              result.set(
                deployment.id,
                observeContainerGroup(group, subscription, deployment.spec),
              );
            }
          }
        });
      }),
    );
    return result;
  }

  /**
   * The container groups carrying the `cloud-deployments-id` tag in the
   * resource group of every configured subscription (the only place the
   * provider creates them), whatever their region: one list per resource
   * group, following its `nextLink`s. One that fails fails the whole call,
   * naming the subscription and resource group; a resource group that does
   * not exist has none. Two accounts naming the same resource group are
   * listed once.
   */
  async listTaggedResources(
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<TaggedCloudResource[]> {
    const scopes = new Map<string, AciSubscription>();
    for (const subscription of this.#subscriptions) {
      const key =
        `${subscription.subscriptionId}/${subscription.resourceGroup}`.toLowerCase();
      if (!scopes.has(key)) scopes.set(key, subscription);
    }
    const found = await Promise.allSettled(
      [...scopes.values()].map(subscription =>
        listTaggedContainerGroups(
          this.#calls,
          subscription,
          this.#targets.client(subscription),
          ctx,
        ),
      ),
    );
    const failed = found.find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failed) throw failed.reason;
    return found.flatMap(r => (r.status === 'fulfilled' ? r.value : []));
  }

  get accounts(): readonly string[] {
    return this.#subscriptions.map(s => s.id);
  }

  /**
   * Who the portal is (the claims of its Azure Resource Manager token) and,
   * from the resource group's permissions listing, whether it may do every
   * action of the container groups and of the configured readers.
   */
  async testConnection(
    account: string,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ConnectionCheck> {
    const subscription = this.#subscriptions.find(s => s.id === account);
    if (!subscription) {
      throw new NotFoundError(
        `No Azure subscription '${account}' is configured`,
      );
    }
    const check = await testAciConnection(
      { subscription, sandbox: this.#targets.sandbox },
      {
        readers: this.#readers,
        signal: ctx.signal,
        timeoutMs: this.#timeoutMs,
      },
    );
    // Azure's messages quote no secret; this makes sure of it.
    const redact = (text: string) =>
      this.#secrets.reduce((t, secret) => t.split(secret).join('***'), text);
    return {
      identity: check.identity,
      permissions: check.permissions.map(p =>
        p.reason ? { ...p, reason: redact(p.reason) } : p,
      ),
      problems: check.problems.map(redact),
    };
  }

  /** Drops the connections kept open to the sandbox. */
  async close(): Promise<void> {
    this.#targets.close();
  }

  #put(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    // Accepted, but its operation failed or could not be polled: look.
    return this.#calls.put(target, deployment, ctx, () =>
      this.describe(deployment, ctx),
    );
  }
}
