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
import { validationError } from './awsErrors';
import {
  endpointView,
  EndpointRecord,
  settleEndpoint,
} from './endpointLifecycle';
import { RegionResources } from './RegionResources';
import { ResourceTags, SageMakerTag } from './resourceTags';
import {
  SandboxEndpoint,
  SandboxEndpointConfig,
  SandboxModel,
} from './sandboxResourceTypes';

/** Options of {@link SandboxResources}. */
export type SandboxResourcesOptions = {
  accountId: string;
  /** How long creates and updates take. */
  readyAfterMs: number;
  /** How long a delete takes. */
  deleteAfterMs: number;
  now: () => number;
};

/**
 * The models, endpoint configurations and endpoints of the sandbox, per
 * region, with SageMaker's rules for them. An endpoint's status moves on
 * with time and is worked out when it is read, so that nothing needs a
 * timer.
 */
export class SandboxResources {
  readonly #regions = new Map<string, RegionResources>();
  /** The tags of every resource, by ARN. */
  readonly tags = new ResourceTags();
  readonly #options: SandboxResourcesOptions;

  constructor(options: SandboxResourcesOptions) {
    this.#options = options;
  }

  arn(region: string, kind: string, name: string): string {
    return `arn:aws:sagemaker:${region}:${
      this.#options.accountId
    }:${kind}/${name.toLowerCase()}`;
  }

  #region(region: string): RegionResources {
    let found = this.#regions.get(region);
    if (!found) {
      found = new RegionResources();
      this.#regions.set(region, found);
    }
    return found;
  }

  // Models

  createModel(
    model: Omit<SandboxModel, 'arn' | 'createdAt'>,
    tags: SageMakerTag[] = [],
  ): SandboxModel {
    const { models } = this.#region(model.region);
    const arn = this.arn(model.region, 'model', model.name);
    if (models.has(model.name)) {
      throw validationError(`Cannot create already existing model "${arn}".`);
    }
    const created = { ...model, arn, createdAt: this.#options.now() };
    models.set(model.name, created);
    this.tags.created(arn, tags);
    return created;
  }

  getModel(region: string, name: string): SandboxModel {
    const model = this.#region(region).models.get(name);
    if (!model) {
      throw validationError(
        `Could not find model "${this.arn(region, 'model', name)}".`,
      );
    }
    return model;
  }

  deleteModel(region: string, name: string): void {
    const { arn } = this.getModel(region, name);
    this.#region(region).models.delete(name);
    this.tags.deleted(arn);
  }

  listModels(region: string): SandboxModel[] {
    return [...this.#region(region).models.values()];
  }

  // Endpoint configurations

  createEndpointConfig(
    config: Omit<SandboxEndpointConfig, 'arn' | 'createdAt'>,
    tags: SageMakerTag[] = [],
  ): SandboxEndpointConfig {
    const { configs } = this.#region(config.region);
    const arn = this.arn(config.region, 'endpoint-config', config.name);
    if (configs.has(config.name)) {
      throw validationError(
        `Cannot create already existing endpoint configuration "${arn}".`,
      );
    }
    for (const variant of config.variants) {
      this.getModel(config.region, variant.modelName);
    }
    const created = { ...config, arn, createdAt: this.#options.now() };
    configs.set(config.name, created);
    this.tags.created(arn, tags);
    return created;
  }

  getEndpointConfig(region: string, name: string): SandboxEndpointConfig {
    const config = this.#region(region).configs.get(name);
    if (!config) {
      throw validationError(
        `Could not find endpoint configuration "${this.arn(
          region,
          'endpoint-config',
          name,
        )}".`,
      );
    }
    return config;
  }

  deleteEndpointConfig(region: string, name: string): void {
    const { arn } = this.getEndpointConfig(region, name);
    this.#region(region).configs.delete(name);
    this.tags.deleted(arn);
  }

  listEndpointConfigs(region: string): SandboxEndpointConfig[] {
    return [...this.#region(region).configs.values()];
  }

  // Endpoints

  /**
   * Starts creating an endpoint; with `failWith` it ends up `Failed` with
   * that reason.
   */
  createEndpoint(
    region: string,
    name: string,
    configName: string,
    options: {
      failWith?: string;
      readyAfterMs?: number;
      tags?: SageMakerTag[];
    } = {},
  ): SandboxEndpoint {
    const now = this.#options.now();
    const existing = this.#find(region, name, now);
    const arn = this.arn(region, 'endpoint', name);
    if (existing) {
      throw validationError(
        `Cannot create already existing endpoint "${arn}".`,
      );
    }
    this.getEndpointConfig(region, configName);
    const record: EndpointRecord = {
      name,
      arn,
      region,
      configName,
      settled: 'InService',
      createdAt: now,
      lastModifiedAt: now,
      change: {
        kind: 'create',
        endsAt: now + (options.readyAfterMs ?? this.#options.readyAfterMs),
        failWith: options.failWith,
      },
    };
    this.#add(record);
    this.tags.created(arn, options.tags ?? []);
    return endpointView(record);
  }

  getEndpoint(region: string, name: string): SandboxEndpoint {
    const record = this.#find(region, name, this.#options.now());
    if (!record) {
      throw validationError(
        `Could not find endpoint "${this.arn(region, 'endpoint', name)}".`,
      );
    }
    return endpointView(record);
  }

  /**
   * Starts rolling out another configuration; with `failWith` the update
   * fails and the endpoint stays on its configuration, with that reason.
   */
  updateEndpoint(
    region: string,
    name: string,
    configName: string,
    options: { failWith?: string } = {},
  ): SandboxEndpoint {
    const now = this.#options.now();
    const record = this.#find(region, name, now);
    if (!record) {
      throw validationError(
        `Could not find endpoint "${this.arn(region, 'endpoint', name)}".`,
      );
    }
    if (record.change || record.settled !== 'InService') {
      throw validationError(
        `Cannot update in-progress endpoint "${record.arn}".`,
      );
    }
    this.getEndpointConfig(region, configName);
    record.lastModifiedAt = now;
    record.change = {
      kind: 'update',
      endsAt: now + this.#options.readyAfterMs,
      configName,
      failWith: options.failWith,
    };
    return endpointView(record);
  }

  /** Starts deleting an endpoint. */
  deleteEndpoint(region: string, name: string): void {
    const now = this.#options.now();
    const record = this.#find(region, name, now);
    if (!record) {
      throw validationError(
        `Could not find endpoint "${this.arn(region, 'endpoint', name)}".`,
      );
    }
    if (record.change?.kind === 'delete') return;
    record.lastModifiedAt = now;
    record.change = {
      kind: 'delete',
      endsAt: now + this.#options.deleteAfterMs,
    };
  }

  /**
   * Sets the instances of an endpoint in service at once, as
   * UpdateEndpointWeightsAndCapacities outside the portal would. False when
   * there is no such endpoint.
   */
  scaleEndpoint(region: string, name: string, count: number): boolean {
    const record = this.#find(region, name, this.#options.now());
    if (!record || record.change) return false;
    record.instanceCount = count;
    record.lastModifiedAt = this.#options.now();
    return true;
  }

  /** Removes an endpoint at once, as if deleted outside the portal. */
  removeEndpoint(region: string, name: string): boolean {
    const record = this.#region(region).endpoints.get(name);
    if (record) this.#remove(record);
    return Boolean(record);
  }

  /**
   * The endpoints of a region in the order SageMaker lists them: by name or
   * by creation time, ascending or descending.
   */
  listEndpoints(
    region: string,
    sortBy: 'Name' | 'CreationTime' | 'Status',
    descending: boolean,
  ): SandboxEndpoint[] {
    const now = this.#options.now();
    const records = this.#region(region).sortedEndpoints(sortBy, descending);
    const views: SandboxEndpoint[] = [];
    for (const record of records) {
      const current = this.#settle(record, now);
      if (current) views.push(endpointView(current));
    }
    return views;
  }

  /** Every endpoint of every region, for inspection. */
  allEndpoints(): SandboxEndpoint[] {
    return [...this.#regions.keys()].flatMap(region =>
      this.listEndpoints(region, 'Name', false),
    );
  }

  /** Every model of every region, for inspection. */
  allModels(): SandboxModel[] {
    return [...this.#regions.values()].flatMap(r => [...r.models.values()]);
  }

  /** Every endpoint configuration of every region, for inspection. */
  allEndpointConfigs(): SandboxEndpointConfig[] {
    return [...this.#regions.values()].flatMap(r => [...r.configs.values()]);
  }

  #find(region: string, name: string, now: number) {
    const record = this.#region(region).endpoints.get(name);
    return record && this.#settle(record, now);
  }

  /** Applies a change whose time has come; undefined once deleted. */
  #settle(record: EndpointRecord, now: number): EndpointRecord | undefined {
    const settled = settleEndpoint(record, now);
    if (!settled) this.#remove(record);
    return settled;
  }

  #add(record: EndpointRecord) {
    this.#region(record.region).addEndpoint(record);
  }

  #remove(record: EndpointRecord) {
    this.#region(record.region).removeEndpoint(record);
    this.tags.deleted(record.arn);
  }
}
