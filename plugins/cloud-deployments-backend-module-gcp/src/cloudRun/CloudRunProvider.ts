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
import { InputError } from '@backstage/errors';
import { protos, ServicesClient } from '@google-cloud/run';
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
import { GCP_REGION_PATTERN } from '../gcpRegion';
import { renderCloudRunTerraform } from '../terraform/cloudRunTerraform';
import { cloudRunService, isServiceOf } from './cloudRunService';
import { createServicesClient } from './createServicesClient';
import { observeService, ServiceLocation } from './observeService';
import { CloudRunAccount } from './readCloudRunConfig';
import {
  isAlreadyExists,
  isNotFound,
  toProviderError,
} from './toProviderError';
import { serviceIdProblem, validateCloudRunSpec } from './validateCloudRunSpec';

type IService = protos.google.cloud.run.v2.IService;

/** The fields of credentials JSON that are secret. */
const SECRET_FIELDS = [
  'private_key',
  'private_key_id',
  'client_secret',
  'refresh_token',
];

/** The gax call options every request gets. */
type CallOptions = { timeout: number; retry: null; signal: AbortSignal };

/**
 * Options of {@link CloudRunProvider}.
 *
 * @public
 */
export type CloudRunProviderOptions = {
  /** The projects to deploy into; the first is the default. */
  accounts: CloudRunAccount[];
  /** Time limit of one API request. Default 30000 ms. */
  timeoutMs?: number;
  /** The sandbox's URL; every account then talks to it with a fake token. */
  sandboxUrl?: string;
  /** Services per list request in `describeMany`. Default 100. */
  pageSize?: number;
  /** Makes the API clients; for tests. */
  createClient?: (account: CloudRunAccount) => ServicesClient;
};

/** A deployment's service: where it lives and which client reaches it. */
type Target = {
  account: CloudRunAccount;
  client: ServicesClient;
  location: ServiceLocation;
  parent: string;
  serviceId: string;
  name: string;
};

/**
 * Deploys a container to Google Cloud Run (Admin API v2): one service per
 * deployment, named after it, labelled with the deployment id, in
 * `projects/<projectId>/locations/<region>`. Changes start the service's
 * long-running operation and return; `describe` reads the service's
 * reconciling flag and Ready condition.
 *
 * @public
 */
export class CloudRunProvider implements CloudDeploymentProvider {
  readonly id = 'gcp-cloud-run';
  readonly title = 'Google Cloud Run';
  readonly sandbox: boolean;
  readonly #accounts: CloudRunAccount[];
  readonly #clients = new Map<string, ServicesClient>();
  readonly #createClient: (account: CloudRunAccount) => ServicesClient;
  readonly #timeoutMs: number;
  readonly #pageSize: number;
  /** Values that must never reach a message: credential fields. */
  readonly #secrets: string[];

  constructor(options: CloudRunProviderOptions) {
    if (options.accounts.length === 0) {
      throw new Error('CloudRunProvider needs at least one account');
    }
    this.sandbox = Boolean(options.sandboxUrl);
    this.#accounts = options.accounts;
    this.#timeoutMs = options.timeoutMs ?? 30000;
    this.#pageSize = options.pageSize ?? 100;
    this.#createClient =
      options.createClient ??
      (account => createServicesClient(account, options.sandboxUrl));
    this.#secrets = options.accounts.flatMap(a =>
      SECRET_FIELDS.map(field => a.credentials?.[field]).filter(
        (v): v is string => typeof v === 'string' && v.length >= 8,
      ),
    );
  }

  /**
   * Checks the account and region against the config, and what Cloud Run
   * would refuse. Pass the deployment name to check it as a service id
   * (at most 49 characters).
   */
  validate(spec: DeploymentSpec, name?: string): string[] {
    const problems: string[] = [];
    const account = this.#findAccount(spec.account);
    if (!account) {
      problems.push(`account: ${this.#unknownAccount(spec.account)}`);
    }
    if (!GCP_REGION_PATTERN.test(spec.region)) {
      problems.push(
        `region: '${spec.region}' is not a Google Cloud region such as us-central1`,
      );
    } else if (account?.regions && !account.regions.includes(spec.region)) {
      problems.push(
        `region: ${spec.region} is not allowed in Google Cloud project ${
          account.id
        } (allowed: ${account.regions.join(', ')})`,
      );
    }
    problems.push(...validateCloudRunSpec(spec, name));
    return problems;
  }

  /**
   * Terraform JSON for the deployment's Cloud Run service; throws an
   * `InputError` when Cloud Run or the config would refuse the spec.
   */
  async render(deployment: Deployment): Promise<RenderedFiles> {
    const problems = this.validate(deployment.spec, deployment.name);
    const account = this.#findAccount(deployment.spec.account);
    if (problems.length || !account) {
      throw new InputError(
        `Cannot render Terraform for Google Cloud Run: ${problems.join('; ')}`,
      );
    }
    return renderCloudRunTerraform(deployment, account);
  }

  async provision(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#validTarget(deployment);
    const existing = await this.#get(target, ctx);
    if (existing) {
      this.#assertOwned(existing, deployment, target);
      return observeService(existing, target.location);
    }
    return this.#create(target, deployment, ctx);
  }

  async describe(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    // No service can have a name Cloud Run refuses.
    if (serviceIdProblem(deployment.name)) return { state: 'absent' };
    const target = this.#target(deployment);
    const service = await this.#get(target, ctx);
    if (!service || !isServiceOf(service, deployment)) {
      return { state: 'absent' };
    }
    return observeService(service, target.location);
  }

  async update(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#validTarget(deployment);
    const existing = await this.#get(target, ctx);
    if (!existing || existing.deleteTime) {
      // Gone behind the portal's back: applying the spec brings it back.
      return this.#create(target, deployment, ctx);
    }
    this.#assertOwned(existing, deployment, target);
    const [operation] = await this.#call(
      `update of service ${target.name}`,
      ctx,
      options =>
        target.client.updateService(
          { service: cloudRunService(deployment, target.name) },
          options,
        ),
    );
    await ctx.log(
      `Deploying a new revision of Cloud Run service ${target.serviceId}`,
      {
        service: target.name,
        operation: operation.name,
      },
    );
    return this.describe(deployment, ctx);
  }

  async destroy(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    if (serviceIdProblem(deployment.name)) return { state: 'absent' };
    const target = this.#target(deployment);
    const existing = await this.#get(target, ctx);
    if (!existing) return { state: 'absent' };
    if (!isServiceOf(existing, deployment)) {
      await ctx.log(
        `Left Cloud Run service ${target.name} alone: it does not belong to this deployment`,
      );
      return { state: 'absent' };
    }
    if (existing.deleteTime) {
      return observeService(existing, target.location);
    }
    try {
      const [operation] = await target.client.deleteService(
        { name: target.name },
        this.#callOptions(ctx),
      );
      await ctx.log(`Deleting Cloud Run service ${target.serviceId}`, {
        service: target.name,
        operation: operation.name,
      });
    } catch (error) {
      if (isNotFound(error)) return { state: 'absent' };
      throw toProviderError(
        error,
        `delete of service ${target.name}`,
        this.#secrets,
      );
    }
    return this.describe(deployment, ctx);
  }

  /**
   * Lists the services of every project and region the deployments use, a
   * page of `pageSize` at a time, and matches them by name and label. A
   * listing that fails fails the whole call, so that nothing is reported
   * absent by mistake.
   */
  async describeMany(
    deployments: Deployment[],
    ctx: ProviderContext,
  ): Promise<Map<string, ObservedState>> {
    const groups = new Map<
      string,
      { target: Target; deployments: Deployment[] }
    >();
    const result = new Map<string, ObservedState>();
    for (const deployment of deployments) {
      if (serviceIdProblem(deployment.name)) {
        result.set(deployment.id, { state: 'absent' });
        continue;
      }
      const target = this.#target(deployment);
      const key = `${target.account.id} ${target.parent}`;
      const group = groups.get(key);
      if (group) group.deployments.push(deployment);
      else groups.set(key, { target, deployments: [deployment] });
    }
    await Promise.all(
      [...groups.values()].map(async ({ target, deployments: group }) => {
        const services = await this.#listAll(target, ctx);
        for (const deployment of group) {
          const service = services.get(deployment.name);
          result.set(
            deployment.id,
            service && isServiceOf(service, deployment)
              ? observeService(service, target.location)
              : { state: 'absent' },
          );
        }
      }),
    );
    return result;
  }

  /** Closes the API clients. */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(client => client.close()));
  }

  async #create(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    try {
      const [operation] = await target.client.createService(
        {
          parent: target.parent,
          serviceId: target.serviceId,
          service: cloudRunService(deployment),
        },
        this.#callOptions(ctx),
      );
      await ctx.log(
        `Creating Cloud Run service ${target.serviceId} in project ${target.location.projectId}, region ${target.location.region}`,
        { service: target.name, operation: operation.name },
      );
    } catch (error) {
      // A create that got through before a crash or timeout: look again.
      if (!isAlreadyExists(error)) {
        throw toProviderError(
          error,
          `create of service ${target.name}`,
          this.#secrets,
        );
      }
      const existing = await this.#get(target, ctx);
      if (existing) {
        this.#assertOwned(existing, deployment, target);
        return observeService(existing, target.location);
      }
    }
    return this.describe(deployment, ctx);
  }

  async #get(
    target: Target,
    ctx: ProviderContext,
  ): Promise<IService | undefined> {
    try {
      const [service] = await target.client.getService(
        { name: target.name },
        this.#callOptions(ctx),
      );
      return service;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toProviderError(
        error,
        `get of service ${target.name}`,
        this.#secrets,
      );
    }
  }

  async #listAll(
    target: Target,
    ctx: ProviderContext,
  ): Promise<Map<string, IService>> {
    const services = new Map<string, IService>();
    let pageToken: string | undefined;
    do {
      const request = {
        parent: target.parent,
        pageSize: this.#pageSize,
        pageToken,
      };
      const [page, , response] = await this.#call(
        `list of services in ${target.parent}`,
        ctx,
        options =>
          target.client.listServices(request, {
            ...options,
            autoPaginate: false,
          }),
      );
      for (const service of page) {
        if (service.name) services.set(service.name.split('/').pop()!, service);
      }
      pageToken = response?.nextPageToken || undefined;
    } while (pageToken);
    return services;
  }

  async #call<T>(
    action: string,
    ctx: ProviderContext,
    fn: (options: CallOptions) => Promise<T>,
  ): Promise<T> {
    try {
      return await fn(this.#callOptions(ctx));
    } catch (error) {
      throw toProviderError(error, action, this.#secrets);
    }
  }

  /**
   * One attempt per call, bounded in time and cancelled with the context:
   * the job engine owns retries, with backoff, so the SDK's own retries
   * (up to 10 minutes for reads) are off.
   */
  #callOptions(ctx: ProviderContext): CallOptions {
    return { timeout: this.#timeoutMs, retry: null, signal: ctx.signal };
  }

  #target(deployment: Deployment): Target {
    const { spec } = deployment;
    const account = this.#findAccount(spec.account);
    if (!account) {
      throw new ProviderError(this.#unknownAccount(spec.account), {
        kind: 'permanent',
        code: 'UNKNOWN_ACCOUNT',
      });
    }
    if (!GCP_REGION_PATTERN.test(spec.region)) {
      throw new ProviderError(
        `'${spec.region}' is not a Google Cloud region such as us-central1`,
        { kind: 'permanent', code: 'INVALID_REGION' },
      );
    }
    let client = this.#clients.get(account.id);
    if (!client) {
      client = this.#createClient(account);
      this.#clients.set(account.id, client);
    }
    const parent = `projects/${account.projectId}/locations/${spec.region}`;
    return {
      account,
      client,
      location: {
        account: account.id,
        projectId: account.projectId,
        region: spec.region,
      },
      parent,
      serviceId: deployment.name,
      name: `${parent}/services/${deployment.name}`,
    };
  }

  /** The target of a change, after the checks `validate` makes. */
  #validTarget(deployment: Deployment): Target {
    const problems = this.validate(deployment.spec, deployment.name);
    if (problems.length) {
      throw new ProviderError(
        `Invalid Cloud Run deployment: ${problems.join('; ')}`,
        { kind: 'permanent', code: 'INVALID_SPEC' },
      );
    }
    return this.#target(deployment);
  }

  #assertOwned(service: IService, deployment: Deployment, target: Target) {
    if (!isServiceOf(service, deployment)) {
      throw new ProviderError(
        `A Cloud Run service named ${target.serviceId} already exists in project ${target.location.projectId}, region ${target.location.region}, and does not belong to this deployment; choose another name or delete that service`,
        { kind: 'permanent', code: 'ALREADY_EXISTS' },
      );
    }
  }

  #findAccount(id?: string): CloudRunAccount | undefined {
    return id === undefined
      ? this.#accounts[0]
      : this.#accounts.find(a => a.id === id);
  }

  #unknownAccount(id?: string): string {
    return `no Google Cloud project '${id}' is configured for Cloud Run (configured: ${this.#accounts
      .map(a => a.id)
      .join(', ')})`;
  }
}
