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
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentProvider,
  ObservedState,
  ConnectionCheck,
  ProviderContext,
  ProviderError,
  QuotaQuery,
  QuotaReading,
  RenderedFiles,
  resourceNameOf,
  TaggedCloudResource,
  mapConcurrently,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { renderSageMakerTerraform } from '../terraform/sageMakerTerraform';
import { convergeEndpoint, removeRevisions } from './convergeEndpoint';
import { withEndpointConfig } from './observeEndpointConfig';
import { createSageMakerClient } from './createSageMakerClient';
import { observeEndpoint } from './observeEndpoint';
import { observeEndpoints } from './observeEndpoints';
import { markStopped, observeStopped, unmarkStopped } from './stoppedRevision';
import { SageMakerAccount } from './readSageMakerConfig';
import { resourceNames } from './resourceNames';
import { SageMakerCalls } from './SageMakerCalls';
import { SageMakerTarget as Target } from './sageMakerTarget';
import { testSageMakerConnection } from './testSageMakerConnection';
import { accountOf, validateSageMakerSpec } from './validateSageMakerSpec';
import {
  AWS_PARTITION_REGIONS,
  OPT_IN_REGIONS,
  partitionOf,
} from './awsRegions';
import { listTaggedEndpoints, locationError } from './listTaggedEndpoints';
import {
  createServiceQuotasClient,
  readEndpointQuotas,
} from './endpointQuotas';

// How many regions listTaggedResources lists at once.
const REGION_CONCURRENCY = 8;
// What SageMaker answers in a region the account has not enabled.
const REGION_NOT_ENABLED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);

/**
 * Options of {@link SageMakerProvider}.
 *
 * @public
 */
export type SageMakerProviderOptions = {
  /** The accounts to deploy into; the first is the default. */
  accounts: SageMakerAccount[];
  /** Time limit of one SageMaker API request, in milliseconds. Default 30000. */
  timeoutMs?: number;
  /**
   * The URL of a SageMaker sandbox (the sandbox module's `SageMakerSandbox`)
   * to talk to instead of AWS; the accounts' credentials and endpoints are
   * not used then.
   */
  sandboxUrl?: string;
};

/**
 * Deploys models to Amazon SageMaker real-time endpoints: a model (the
 * container image and model data) and an endpoint configuration (instance
 * type and count) per revision of the spec, behind one endpoint named after
 * the deployment. Changes start here and settle in SageMaker; the job engine
 * polls {@link SageMakerProvider.describe}.
 *
 * @public
 */
export class SageMakerProvider implements CloudDeploymentProvider {
  readonly id = 'aws-sagemaker';
  readonly title = 'AWS SageMaker';
  readonly sandbox: boolean;
  /** Its Terraform runs against the sandbox too (see `renderSageMakerTerraform`). */
  readonly sandboxTerraform = true;
  readonly #accounts: SageMakerAccount[];
  readonly #timeoutMs: number;
  readonly #sandboxUrl?: string;
  readonly #clients = new Map<string, SageMakerClient>();
  readonly #quotaClients = new Map<string, ServiceQuotasClient>();
  readonly #secrets: string[];

  constructor(options: SageMakerProviderOptions) {
    if (options.accounts.length === 0) {
      throw new Error('SageMakerProvider needs at least one account');
    }
    this.#accounts = options.accounts;
    this.#timeoutMs = options.timeoutMs ?? 30000;
    this.#sandboxUrl = options.sandboxUrl;
    this.sandbox = options.sandboxUrl !== undefined;
    this.#secrets = options.accounts
      .flatMap(a =>
        a.credentials
          ? [
              a.credentials.accessKeyId,
              a.credentials.secretAccessKey,
              a.credentials.sessionToken,
            ]
          : [],
      )
      .filter((s): s is string => Boolean(s));
  }

  validate(spec: DeploymentSpec, name?: string): string[] {
    return validateSageMakerSpec(spec, this.#accounts, name);
  }

  /**
   * Terraform JSON for the deployment's model, endpoint configuration and
   * endpoint; throws an `InputError` when SageMaker would refuse the spec.
   */
  async render(deployment: Deployment): Promise<RenderedFiles> {
    const problems = this.validate(deployment.spec, resourceNameOf(deployment));
    if (problems.length) {
      throw new InputError(
        `Cannot render Terraform for AWS SageMaker: ${problems.join('; ')}`,
      );
    }
    return renderSageMakerTerraform(
      deployment,
      this.#account(deployment.spec),
      {
        sandboxUrl: this.#sandboxUrl,
      },
    );
  }

  async provision(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    return this.#converge(deployment, ctx);
  }

  async update(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    return this.#converge(deployment, ctx);
  }

  async describe(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#target(deployment, ctx);
    const endpoint = await target.calls.describeEndpoint(target.endpointName);
    if (!endpoint) return observeStopped(target, deployment);
    return withEndpointConfig(
      observeEndpoint(endpoint, target),
      endpoint,
      target,
      deployment,
    );
  }

  async destroy(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#target(deployment, ctx);
    const { calls, endpointName } = target;
    const endpoint = await calls.describeEndpoint(endpointName);
    if (endpoint && endpoint.EndpointStatus !== 'Deleting') {
      if (await calls.deleteEndpoint(endpointName)) {
        await ctx.log(`Deleting SageMaker endpoint ${endpointName}`);
      }
    }
    // Configurations and models can go while the endpoint is deleting.
    await removeRevisions(target, ctx, []);
    return endpoint
      ? { state: 'in-progress', detail: 'Endpoint Deleting' }
      : { state: 'absent' };
  }

  /**
   * Deletes the endpoint, which is what bills, and keeps the model and
   * endpoint configuration of the current revision for `start`, tagged
   * `cloud-deployments-stopped` (see `observeStopped`); `stopped` once the
   * endpoint is gone. A second call while SageMaker deletes it
   * finds it `Deleting` and waits with the engine. SageMaker refuses to
   * delete an endpoint it is creating or updating: a transient error,
   * retried once it has settled.
   */
  async stop(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#target(deployment, ctx);
    const { calls, endpointName } = target;
    const endpoint = await calls.describeEndpoint(endpointName);
    if (!endpoint) return observeStopped(target, deployment);
    if (endpoint.EndpointStatus !== 'Deleting') {
      // Marked first: after a crash between the two, stop runs again.
      await markStopped(target);
      if (await calls.deleteEndpoint(endpointName)) {
        await ctx.log(
          `Deleting SageMaker endpoint ${endpointName}; its model and endpoint configuration ${target.revision} are kept to start it again`,
        );
      }
    }
    return { state: 'in-progress', detail: 'Endpoint Deleting' };
  }

  /**
   * Creates the endpoint again from the kept endpoint configuration (and
   * the model and configuration from the spec, if they are gone too), as
   * provision does; an endpoint that exists is left as it is.
   */
  async start(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const target = this.#target(deployment, ctx);
    const endpoint = await target.calls.describeEndpoint(target.endpointName);
    if (endpoint) {
      return withEndpointConfig(
        observeEndpoint(endpoint, target),
        endpoint,
        target,
        deployment,
      );
    }
    // Unmarked first: after a crash between the two, the deployment is
    // absent, which a start (or provision) creates.
    await unmarkStopped(target);
    return this.#converge(deployment, ctx);
  }

  async describeMany(
    deployments: Deployment[],
    ctx: ProviderContext,
  ): Promise<Map<string, ObservedState>> {
    const observed = new Map<string, ObservedState>();
    const groups = new Map<string, Target[]>();
    const byTarget = new Map<Target, Deployment>();
    for (const deployment of deployments) {
      let target: Target;
      try {
        target = this.#target(deployment, ctx);
      } catch (error) {
        observed.set(deployment.id, {
          state: 'failed',
          reason: (error as Error).message,
        });
        continue;
      }
      const key = `${target.account}\u0000${target.region}`;
      const group = groups.get(key);
      if (group) group.push(target);
      else groups.set(key, [target]);
      byTarget.set(target, deployment);
    }

    await Promise.all(
      [...groups.values()].map(targets =>
        observeEndpoints(
          targets,
          target => byTarget.get(target)!,
          (target, state) => observed.set(byTarget.get(target)!.id, state),
        ),
      ),
    );
    return observed;
  }

  /**
   * The endpoints carrying the `cloud-deployments-id` tag in every
   * configured account: in the account's `regions`, or, for an account
   * without them, in every region of its partition the portal accepts
   * (`AWS_PARTITION_REGIONS`, by the partition of its execution role). Of
   * those, an opt-in region that refuses the account's credentials is one the
   * account has not enabled, where nothing can run: it is skipped (logged).
   * A listed region that fails fails the whole call, naming the account and
   * region. Endpoint configurations and models left without an endpoint are
   * not listed: they cost nothing. An endpoint is reported once even when
   * two configured accounts reach the same AWS account.
   */
  async listTaggedResources(
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<TaggedCloudResource[]> {
    const locations = this.#accounts.flatMap(account => {
      const configured = account.regions !== undefined;
      const regions =
        account.regions ??
        AWS_PARTITION_REGIONS[partitionOf(account.executionRoleArn)];
      return regions.map(region => ({ account, region, configured }));
    });
    const found = await mapConcurrently(
      locations,
      REGION_CONCURRENCY,
      async ({ account, region, configured }) => {
        const calls = new SageMakerCalls(
          this.#client(account, region),
          ctx.signal,
          this.#redact,
        );
        try {
          return await listTaggedEndpoints({
            account: account.id,
            region,
            calls,
          });
        } catch (error) {
          if (
            !configured &&
            OPT_IN_REGIONS.has(region) &&
            error instanceof ProviderError &&
            REGION_NOT_ENABLED.has(error.code ?? '') &&
            !ctx.signal.aborted
          ) {
            ctx.logger.info(
              `Skipped AWS region ${region} of account '${account.id}' while looking for tagged SageMaker endpoints: it refuses the account's credentials (${error.code}), so the account has not enabled this opt-in region`,
            );
            return [];
          }
          throw locationError(
            error,
            `AWS SageMaker in account '${account.id}', region ${region}`,
          );
        }
      },
    );
    const byArn = new Map<string, TaggedCloudResource>();
    for (const resource of found.flat()) {
      if (!byArn.has(resource.resourceId)) {
        byArn.set(resource.resourceId, resource);
      }
    }
    return [...byArn.values()];
  }

  /**
   * The endpoint-usage quotas (`<type> for endpoint usage`, in instances)
   * of the spec's account and region, from AWS Service Quotas.
   */
  async readQuotas(
    query: QuotaQuery,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<Map<string, QuotaReading>> {
    const account = this.#account(query.spec);
    const key = `${account.id}\u0000${query.spec.region}`;
    let client = this.#quotaClients.get(key);
    if (!client) {
      client = createServiceQuotasClient(account, query.spec.region, {
        timeoutMs: this.#timeoutMs,
        sandboxUrl: this.#sandboxUrl,
      });
      this.#quotaClients.set(key, client);
    }
    return readEndpointQuotas(client, query.instanceTypes, {
      signal: ctx.signal,
      redact: this.#redact,
    });
  }

  get accounts(): readonly string[] {
    return this.#accounts.map(a => a.id);
  }

  async testConnection(
    account: string,
    ctx: Pick<ProviderContext, 'signal' | 'logger'>,
  ): Promise<ConnectionCheck> {
    const check = await testSageMakerConnection(this.#account({ account }), {
      signal: ctx.signal,
      timeoutMs: this.#timeoutMs,
      sandboxUrl: this.#sandboxUrl,
    });
    // The SDK's messages quote no credentials; this makes sure of it.
    return {
      identity: check.identity,
      permissions: check.permissions.map(p =>
        p.reason ? { ...p, reason: this.#redact(p.reason) } : p,
      ),
      problems: check.problems.map(this.#redact),
    };
  }

  /** Releases the HTTP connections of the SageMaker and Service Quotas clients. */
  async close(): Promise<void> {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
    for (const client of this.#quotaClients.values()) client.destroy();
    this.#quotaClients.clear();
  }

  /** Checks the spec, then brings the endpoint to it. */
  async #converge(
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<ObservedState> {
    const problems = this.validate(deployment.spec);
    if (problems.length) {
      throw new ProviderError(
        `The spec cannot be deployed to AWS SageMaker: ${problems.join('; ')}`,
        { kind: 'permanent', code: 'InvalidSpec' },
      );
    }
    return convergeEndpoint(
      deployment,
      this.#target(deployment, ctx),
      this.#account(deployment.spec),
      ctx,
    );
  }

  #account(spec: Pick<DeploymentSpec, 'account'>): SageMakerAccount {
    const account = accountOf(spec, this.#accounts);
    if (!account) {
      throw new ProviderError(
        `No AWS account '${spec.account}' is configured for AWS SageMaker`,
        { kind: 'permanent', code: 'UnknownAccount' },
      );
    }
    return account;
  }

  #target(deployment: Deployment, ctx: ProviderContext): Target {
    const { spec } = deployment;
    const account = this.#account(spec);
    if (account.regions && !account.regions.includes(spec.region)) {
      throw new ProviderError(
        `AWS account '${account.id}' is not configured for region ${spec.region}`,
        { kind: 'permanent', code: 'RegionNotAllowed' },
      );
    }
    const names = resourceNames(deployment, {
      image: spec.artifact.image,
      modelDataUrl: spec.artifact.modelDataUrl,
      instanceType: spec.compute.instanceType,
      instanceCount: spec.compute.instanceCount,
      executionRoleArn: account.executionRoleArn,
      env: spec.env,
    });
    return {
      account: account.id,
      region: spec.region,
      endpointName: names.endpoint,
      revision: names.revision,
      names,
      calls: new SageMakerCalls(
        this.#client(account, spec.region),
        ctx.signal,
        this.#redact,
      ),
    };
  }

  #client(account: SageMakerAccount, region: string): SageMakerClient {
    const key = `${account.id}\u0000${region}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = createSageMakerClient(account, region, {
        timeoutMs: this.#timeoutMs,
        sandboxUrl: this.#sandboxUrl,
      });
      this.#clients.set(key, client);
    }
    return client;
  }

  readonly #redact = (text: string): string =>
    this.#secrets.reduce(
      (redacted, secret) => redacted.split(secret).join('***'),
      text,
    );
}
