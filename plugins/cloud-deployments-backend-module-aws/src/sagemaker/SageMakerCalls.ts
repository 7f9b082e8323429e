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
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateEndpointConfigInput,
  CreateModelCommand,
  CreateModelInput,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  EndpointSummary,
  SageMakerClient,
  Tag,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import {
  listEndpointConfigNames,
  listEndpoints,
  listModelNames,
  listTags,
  Send,
} from './sageMakerListings';
import {
  isAlreadyExisting,
  isNotFound,
  malformedResponse,
  toProviderError,
} from './toProviderError';

/**
 * The SageMaker calls the provider makes, for one client and one provider
 * call: each passes the abort signal, treats "not found" and "already
 * existing" as answers rather than errors, and throws classified
 * {@link @cloud-deployments-for-backstage/plugin-cloud-deployments-node#ProviderError}s.
 */
export class SageMakerCalls {
  readonly #client: SageMakerClient;
  readonly #signal: AbortSignal;
  readonly #redact: (text: string) => string;
  /** `#send` without a tolerated error: how the listings send. */
  readonly #sendOnce: Send = (operation, call) => this.#send(operation, call);

  constructor(
    client: SageMakerClient,
    signal: AbortSignal,
    redact: (text: string) => string,
  ) {
    this.#client = client;
    this.#signal = signal;
    this.#redact = redact;
  }

  async #send<T>(
    operation: string,
    call: (options: { abortSignal: AbortSignal }) => Promise<T>,
    tolerate?: (error: unknown) => boolean,
  ): Promise<T | undefined> {
    try {
      return await call({ abortSignal: this.#signal });
    } catch (error) {
      if (tolerate?.(error) && !this.#signal.aborted) return undefined;
      throw toProviderError(error, operation, this.#redact);
    }
  }

  /** The endpoint, or undefined when it does not exist. */
  async describeEndpoint(
    name: string,
  ): Promise<DescribeEndpointCommandOutput | undefined> {
    const endpoint = await this.#send(
      'DescribeEndpoint',
      options =>
        this.#client.send(
          new DescribeEndpointCommand({ EndpointName: name }),
          options,
        ),
      isNotFound,
    );
    if (endpoint && typeof endpoint.EndpointStatus !== 'string') {
      throw malformedResponse('DescribeEndpoint', 'it has no EndpointStatus');
    }
    return endpoint;
  }

  async modelExists(name: string): Promise<boolean> {
    return (await this.describeModel(name)) !== undefined;
  }

  /** The model, or undefined when it does not exist. */
  describeModel(name: string) {
    return this.#send(
      'DescribeModel',
      options =>
        this.#client.send(
          new DescribeModelCommand({ ModelName: name }),
          options,
        ),
      isNotFound,
    );
  }

  async endpointConfigExists(name: string): Promise<boolean> {
    return (await this.describeEndpointConfig(name)) !== undefined;
  }

  /** The endpoint configuration, or undefined when it does not exist. */
  describeEndpointConfig(name: string) {
    return this.#send(
      'DescribeEndpointConfig',
      options =>
        this.#client.send(
          new DescribeEndpointConfigCommand({ EndpointConfigName: name }),
          options,
        ),
      isNotFound,
    );
  }

  /** False when it already existed (a concurrent attempt made it). */
  async createModel(input: CreateModelInput): Promise<boolean> {
    const created = await this.#send(
      'CreateModel',
      options => this.#client.send(new CreateModelCommand(input), options),
      isAlreadyExisting,
    );
    return created !== undefined;
  }

  /** False when it already existed. */
  async createEndpointConfig(
    input: CreateEndpointConfigInput,
  ): Promise<boolean> {
    const created = await this.#send(
      'CreateEndpointConfig',
      options =>
        this.#client.send(new CreateEndpointConfigCommand(input), options),
      isAlreadyExisting,
    );
    return created !== undefined;
  }

  /** False when it already existed. */
  async createEndpoint(
    name: string,
    configName: string,
    tags: Tag[],
  ): Promise<boolean> {
    const created = await this.#send(
      'CreateEndpoint',
      options =>
        this.#client.send(
          new CreateEndpointCommand({
            EndpointName: name,
            EndpointConfigName: configName,
            Tags: tags,
          }),
          options,
        ),
      isAlreadyExisting,
    );
    return created !== undefined;
  }

  async updateEndpoint(name: string, configName: string): Promise<void> {
    await this.#send('UpdateEndpoint', options =>
      this.#client.send(
        new UpdateEndpointCommand({
          EndpointName: name,
          EndpointConfigName: configName,
        }),
        options,
      ),
    );
  }

  /** False when there was nothing to delete. */
  async deleteEndpoint(name: string): Promise<boolean> {
    const deleted = await this.#send(
      'DeleteEndpoint',
      options =>
        this.#client.send(
          new DeleteEndpointCommand({ EndpointName: name }),
          options,
        ),
      isNotFound,
    );
    return deleted !== undefined;
  }

  /** False when there was nothing to delete. */
  async deleteEndpointConfig(name: string): Promise<boolean> {
    const deleted = await this.#send(
      'DeleteEndpointConfig',
      options =>
        this.#client.send(
          new DeleteEndpointConfigCommand({ EndpointConfigName: name }),
          options,
        ),
      isNotFound,
    );
    return deleted !== undefined;
  }

  /** False when there was nothing to delete. */
  async deleteModel(name: string): Promise<boolean> {
    const deleted = await this.#send(
      'DeleteModel',
      options =>
        this.#client.send(new DeleteModelCommand({ ModelName: name }), options),
      isNotFound,
    );
    return deleted !== undefined;
  }

  /** Every endpoint of the account and region, page by page. */
  async listEndpoints(): Promise<EndpointSummary[]> {
    return listEndpoints(this.#client, this.#sendOnce);
  }

  /** The tags of a resource, by its ARN. */
  async listTags(arn: string): Promise<Tag[]> {
    return listTags(this.#client, this.#sendOnce, arn);
  }

  /** Adds (or overwrites) tags of a resource, by its ARN. */
  async addTags(arn: string, tags: Tag[]): Promise<void> {
    await this.#send('AddTags', options =>
      this.#client.send(
        new AddTagsCommand({ ResourceArn: arn, Tags: tags }),
        options,
      ),
    );
  }

  /** Removes tags of a resource by key; keys it does not carry are no error. */
  async deleteTags(arn: string, keys: string[]): Promise<void> {
    await this.#send('DeleteTags', options =>
      this.#client.send(
        new DeleteTagsCommand({ ResourceArn: arn, TagKeys: keys }),
        options,
      ),
    );
  }

  /** The names of the endpoint configurations that start with `prefix`. */
  async listEndpointConfigNames(prefix: string): Promise<string[]> {
    return listEndpointConfigNames(this.#client, this.#sendOnce, prefix);
  }

  /** The names of the models that start with `prefix`. */
  async listModelNames(prefix: string): Promise<string[]> {
    return listModelNames(this.#client, this.#sendOnce, prefix);
  }
}
