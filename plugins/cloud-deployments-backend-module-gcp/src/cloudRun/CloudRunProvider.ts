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
import { CloudQuotasClient } from '@google-cloud/cloudquotas';
import { ProjectsClient } from '@google-cloud/resource-manager';
import { protos, ServicesClient } from '@google-cloud/run';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ConnectionCheck,
  ObservedState,
  ProviderContext,
  ProviderError,
  QuotaQuery,
  QuotaReading,
  RenderedFiles,
  resourceNameOf,
  TaggedCloudResource,
  mapConcurrently,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { renderCloudRunTerraform } from '../terraform/cloudRunTerraform';
import { CloudRunCalls } from './CloudRunCalls';
import { isServiceOf } from './cloudRunService';
import { assertOwned, CloudRunTargets, Target } from './cloudRunTargets';
import { createServicesClient } from './createServicesClient';
import {
  createCloudQuotasClient,
  createProjectsClient,
  identityReader,
} from './createGoogleClients';
import { readL4GpuQuota } from './gpuQuotas';
import { testCloudRunConnection } from './testCloudRunConnection';
import { observeService } from './observeService';
import {
  isScaledToZero,
  startedService,
  stoppedService,
} from './stoppedService';
import { CloudRunAccount } from './readCloudRunConfig';
import { serviceIdProblem, validateCloudRunSpec } from './validateCloudRunSpec';
import { CLOUD_RUN_REGIONS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { listTaggedServices, locationError } from './listTaggedServices';

type IService = protos.google.cloud.run.v2.IService;

// How many regions listTaggedResources lists at once.
const REGION_CONCURRENCY = 8;

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
  readonly #targets: CloudRunTargets;
  readonly #calls: CloudRunCalls;
  readonly #timeoutMs: number;
  readonly #sandboxUrl?: string;
  readonly #secrets: string[];
  readonly #quotaClients = new Map<string, CloudQuotasClient>();

  constructor(options: CloudRunProviderOptions) {
    if (options.accounts.length === 0) {
      throw new Error('CloudRunProvider needs at least one account');
    }
    this.sandbox = Boolean(options.sandboxUrl);
    this.#targets = new CloudRunTargets(
      options.accounts,
      options.createClient ??
        (account => createServicesClient(account, options.sandboxUrl)),
    );
    this.#timeoutMs = options.timeoutMs ?? 30000;
    this.#sandboxUrl = options.sandboxUrl;
    this.#secrets = this.#targets.secrets();
    this.#calls = new CloudRunCalls({
      timeoutMs: this.#timeoutMs,
      pageSize: options.pageSize ?? 100,
      secrets: this.#secrets,
    });
  }

  /**
   * Checks the account and region against the config, and what Cloud Run
   * would refuse. Pass the deployment name to check it as a service id
   * (at most 49 characters).
   */
  validate(spec: DeploymentSpec, name?: string): string[] {
    return [
      ...this.#targets.problems(spec),
      ...validateCloudRunSpec(spec, name),
    ];
  }

  /**
   * Terraform JSON for the deployment's Cloud Run service; throws an
   * `InputError` when Cloud Run or the config would refuse the spec.
   */
  async render(deployment: Deployment): Promise<RenderedFiles> {
    const problems = this.validate(deployment.spec, resourceNameOf(deployment));
    const account = this.#targets.find(deployment.spec.account);
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
    const existing = await this.#calls.get(target, ctx);
    if (existing) {
      assertOwned(existing, deployment, target);
      return observeService(existing, target.location);
    }
    return this.#create(target, deployment, ctx);
  }

  async describe(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    // No service can have a name Cloud Run refuses.
    if (serviceIdProblem(resourceNameOf(deployment)))
      return { state: 'absent' };
    const target = this.#targets.target(deployment);
    const service = await this.#calls.get(target, ctx);
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
    const existing = await this.#calls.get(target, ctx);
    if (!existing || existing.deleteTime) {
      // Gone behind the portal's back: applying the spec brings it back.
      return this.#create(target, deployment, ctx);
    }
    assertOwned(existing, deployment, target);
    await this.#calls.update(target, deployment, ctx);
    return this.describe(deployment, ctx);
  }

  async destroy(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    if (serviceIdProblem(resourceNameOf(deployment)))
      return { state: 'absent' };
    const target = this.#targets.target(deployment);
    const existing = await this.#calls.get(target, ctx);
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
    if (!(await this.#calls.delete(target, ctx))) return { state: 'absent' };
    return this.describe(deployment, ctx);
  }

  /**
   * Scales the service to zero with Cloud Run's manual scaling (see
   * `stoppedService`): nothing runs or bills, and the service keeps its URL
   * and revisions for `start`. Cloud Run applies it as an update the engine
   * follows with `describe`.
   */
  async stop(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const { target, existing } = await this.#owned(deployment, ctx);
    if (!target || !existing) return { state: 'absent' };
    if (existing.deleteTime || isScaledToZero(existing)) {
      return observeService(existing, target.location);
    }
    await this.#calls.replace(
      target,
      stoppedService(existing),
      ctx,
      `Scaling Cloud Run service ${target.serviceId} to zero`,
    );
    return this.describe(deployment, ctx);
  }

  /**
   * Drops the manual scaling `stop` set, so that the revisions' autoscaling
   * (the spec's min and max instances) applies again; a service that is not
   * scaled to zero is left as it is.
   */
  async start(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const { target, existing } = await this.#owned(deployment, ctx);
    if (!target || !existing) return { state: 'absent' };
    if (existing.deleteTime || !isScaledToZero(existing)) {
      return observeService(existing, target.location);
    }
    await this.#calls.replace(
      target,
      startedService(existing),
      ctx,
      `Scaling Cloud Run service ${target.serviceId} back to the spec's autoscaling`,
    );
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
      if (serviceIdProblem(resourceNameOf(deployment))) {
        result.set(deployment.id, { state: 'absent' });
        continue;
      }
      const target = this.#targets.target(deployment);
      const key = `${target.account.id} ${target.parent}`;
      const group = groups.get(key);
      if (group) group.deployments.push(deployment);
      else groups.set(key, { target, deployments: [deployment] });
    }
    await Promise.all(
      [...groups.values()].map(async ({ target, deployments: group }) => {
        const services = await this.#calls.listAll(target, ctx);
        for (const deployment of group) {
          const service = services.get(resourceNameOf(deployment));
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

  /**
   * The services carrying the `cloud-deployments-id` label in every
   * configured project: in the project's `regions`, or, for a project
   * without them, in every region the portal accepts for Cloud Run
   * (`CLOUD_RUN_REGIONS`). One paginated list per project and region; one
   * that fails fails the whole call, naming the project and region. A
   * service is reported once even when two configured accounts name the
   * same project.
   */
  async listTaggedResources(
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<TaggedCloudResource[]> {
    const locations = this.#targets.accounts().flatMap(account =>
      (account.regions ?? CLOUD_RUN_REGIONS).map(region => ({
        account,
        region,
      })),
    );
    const found = await mapConcurrently(
      locations,
      REGION_CONCURRENCY,
      async ({ account, region }) => {
        try {
          return await listTaggedServices(
            this.#calls,
            {
              account: account.id,
              projectId: account.projectId,
              region,
              client: this.#targets.client(account),
            },
            ctx,
          );
        } catch (error) {
          throw locationError(
            error,
            `Cloud Run in project ${account.projectId} (account '${account.id}'), region ${region}`,
          );
        }
      },
    );
    const byName = new Map<string, TaggedCloudResource>();
    for (const resource of found.flat()) {
      if (!byName.has(resource.resourceId)) {
        byName.set(resource.resourceId, resource);
      }
    }
    return [...byName.values()];
  }

  /**
   * The L4 GPU quota of the spec's project and region (with zonal
   * redundancy, as the provider deploys), keyed `*`: Cloud Run has no
   * instance types, and its quota is on GPUs of any service.
   */
  async readQuotas(
    query: QuotaQuery,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<Map<string, QuotaReading>> {
    const account = this.#targets.find(query.spec.account);
    if (!account) {
      throw new ProviderError(
        this.#targets.unknownAccount(query.spec.account),
        {
          kind: 'permanent',
          code: 'UNKNOWN_ACCOUNT',
        },
      );
    }
    let client = this.#quotaClients.get(account.id);
    if (!client) {
      client = createCloudQuotasClient(account, this.#sandboxUrl);
      this.#quotaClients.set(account.id, client);
    }
    const reading = await readL4GpuQuota(
      client,
      { projectId: account.projectId, region: query.spec.region },
      {
        signal: ctx.signal,
        timeoutMs: this.#timeoutMs,
        secrets: this.#secrets,
      },
    );
    return new Map(reading ? [['*', reading]] : []);
  }

  get accounts(): readonly string[] {
    return this.#targets.accounts().map(a => a.id);
  }

  /**
   * Who the portal is in the account's project (the token information of
   * its credentials) and which of the permissions the deploy path needs
   * Resource Manager's `testIamPermissions` grants it there.
   */
  async testConnection(
    account: string,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ConnectionCheck> {
    const found = this.#targets.find(account);
    if (!found) {
      throw new ProviderError(this.#targets.unknownAccount(account), {
        kind: 'permanent',
        code: 'UNKNOWN_ACCOUNT',
      });
    }
    // A test is rare: its clients are made for it and closed after it.
    const projects: ProjectsClient = createProjectsClient(
      found,
      this.#sandboxUrl,
    );
    try {
      return await testCloudRunConnection(
        found,
        { projects, identity: identityReader(found, this.#sandboxUrl) },
        {
          signal: ctx.signal,
          timeoutMs: this.#timeoutMs,
          secrets: this.#secrets,
        },
      );
    } finally {
      await projects.close();
    }
  }

  /** Closes the API clients. */
  async close(): Promise<void> {
    const quotas = [...this.#quotaClients.values()];
    this.#quotaClients.clear();
    await Promise.all([
      this.#targets.close(),
      ...quotas.map(client => client.close()),
    ]);
  }

  async #create(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const existing = await this.#calls.create(target, deployment, ctx);
    if (existing) {
      assertOwned(existing, deployment, target);
      return observeService(existing, target.location);
    }
    return this.describe(deployment, ctx);
  }

  /** The target of a change, after the checks `validate` makes. */
  /** The deployment's target and its service, if it exists and is the deployment's. */
  async #owned(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<{ target?: Target; existing?: IService }> {
    // No service can have a name Cloud Run refuses.
    if (serviceIdProblem(resourceNameOf(deployment))) return {};
    const target = this.#targets.target(deployment);
    const existing = await this.#calls.get(target, ctx);
    if (!existing || !isServiceOf(existing, deployment)) return { target };
    return { target, existing };
  }

  #validTarget(deployment: Deployment): Target {
    const problems = this.validate(deployment.spec, resourceNameOf(deployment));
    if (problems.length) {
      throw new ProviderError(
        `Invalid Cloud Run deployment: ${problems.join('; ')}`,
        { kind: 'permanent', code: 'INVALID_SPEC' },
      );
    }
    return this.#targets.target(deployment);
  }
}
