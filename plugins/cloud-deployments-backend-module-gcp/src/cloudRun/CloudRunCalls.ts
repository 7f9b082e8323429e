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
import { protos, ServicesClient } from '@google-cloud/run';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ProviderContext } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { cloudRunService } from './cloudRunService';
import { Target } from './cloudRunTargets';
import {
  isAlreadyExists,
  isNotFound,
  toProviderError,
} from './toProviderError';

type IService = protos.google.cloud.run.v2.IService;

/** The gax call options every request gets. */
type CallOptions = { timeout: number; retry: null; signal: AbortSignal };

/**
 * The Cloud Run Admin API calls the provider makes on a deployment's
 * service: "not found" and "already exists" are answers, every other error
 * a classified `ProviderError` with the credentials' secrets redacted.
 * Changes start the service's long-running operation and log it.
 */
export class CloudRunCalls {
  readonly #timeoutMs: number;
  readonly #pageSize: number;
  readonly #secrets: string[];

  constructor(options: {
    timeoutMs: number;
    pageSize: number;
    secrets: string[];
  }) {
    this.#timeoutMs = options.timeoutMs;
    this.#pageSize = options.pageSize;
    this.#secrets = options.secrets;
  }

  /** The service, or undefined when there is none. */
  async get(
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

  /**
   * Starts creating the deployment's service. When it already exists (a
   * create that got through before a crash or timeout), answers the service
   * found there instead.
   */
  async create(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<IService | undefined> {
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
      if (!isAlreadyExists(error)) {
        throw toProviderError(
          error,
          `create of service ${target.name}`,
          this.#secrets,
        );
      }
      return this.get(target, ctx);
    }
    return undefined;
  }

  /** Starts deploying a new revision of the deployment's spec. */
  async update(
    target: Target,
    deployment: Deployment,
    ctx: ProviderContext,
  ): Promise<void> {
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
  }

  /**
   * Starts replacing the service with `service`: the service as read, with
   * the caller's change (Cloud Run's update replaces the whole service).
   */
  async replace(
    target: Target,
    service: IService,
    ctx: ProviderContext,
    message: string,
  ): Promise<void> {
    const [operation] = await this.#call(
      `update of service ${target.name}`,
      ctx,
      options => target.client.updateService({ service }, options),
    );
    await ctx.log(message, {
      service: target.name,
      operation: operation.name,
    });
  }

  /** Starts deleting the service; false when there was none. */
  async delete(target: Target, ctx: ProviderContext): Promise<boolean> {
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
      if (isNotFound(error)) return false;
      throw toProviderError(
        error,
        `delete of service ${target.name}`,
        this.#secrets,
      );
    }
    return true;
  }

  /** Every service of the target's project and region, by service id. */
  async listAll(
    target: Target,
    ctx: ProviderContext,
  ): Promise<Map<string, IService>> {
    const services = new Map<string, IService>();
    for (const service of await this.list(target.client, target.parent, ctx)) {
      if (service.name) services.set(service.name.split('/').pop()!, service);
    }
    return services;
  }

  /** Every service of a parent (`projects/<p>/locations/<region>`), page by page. */
  async list(
    client: ServicesClient,
    parent: string,
    ctx: Pick<ProviderContext, 'signal'>,
  ): Promise<IService[]> {
    const services: IService[] = [];
    let pageToken: string | undefined;
    do {
      const request = { parent, pageSize: this.#pageSize, pageToken };
      const [page, , response] = await this.#call(
        `list of services in ${parent}`,
        ctx,
        options =>
          client.listServices(request, { ...options, autoPaginate: false }),
      );
      services.push(...page);
      pageToken = response?.nextPageToken || undefined;
    } while (pageToken);
    return services;
  }

  async #call<T>(
    action: string,
    ctx: Pick<ProviderContext, 'signal'>,
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
  #callOptions(ctx: Pick<ProviderContext, 'signal'>): CallOptions {
    return { timeout: this.#timeoutMs, retry: null, signal: ctx.signal };
  }
}
