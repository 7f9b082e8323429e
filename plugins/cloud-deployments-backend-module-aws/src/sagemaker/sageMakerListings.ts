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
  EndpointSummary,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListTagsCommand,
  SageMakerClient,
  Tag,
} from '@aws-sdk/client-sagemaker';
import { malformedResponse } from './toProviderError';

const PAGE_SIZE = 100;

/**
 * How `SageMakerCalls` sends a request: with the call's abort signal,
 * and errors thrown as classified `ProviderError`s.
 */
export type Send = <T>(
  operation: string,
  call: (options: { abortSignal: AbortSignal }) => Promise<T>,
) => Promise<T | undefined>;

/** Every endpoint of the account and region, page by page. */
export async function listEndpoints(
  client: SageMakerClient,
  send: Send,
): Promise<EndpointSummary[]> {
  const all: EndpointSummary[] = [];
  let token: string | undefined;
  do {
    const next = token;
    const page = await send('ListEndpoints', options =>
      client.send(
        new ListEndpointsCommand({
          MaxResults: PAGE_SIZE,
          NextToken: next,
          SortBy: 'Name',
          SortOrder: 'Ascending',
        }),
        options,
      ),
    );
    // Read as "no endpoints", a malformed page would make reconciliation
    // report every deployment of the region as deleted.
    const endpoints = page?.Endpoints;
    if (
      !Array.isArray(endpoints) ||
      endpoints.some(
        e =>
          typeof e?.EndpointName !== 'string' ||
          typeof e?.EndpointStatus !== 'string',
      )
    ) {
      throw malformedResponse(
        'ListEndpoints',
        'it has no Endpoints list of names and statuses',
      );
    }
    all.push(...endpoints);
    token = page?.NextToken;
  } while (token);
  return all;
}

/** The tags of a resource, page by page (at most 50 a resource). */
export async function listTags(
  client: SageMakerClient,
  send: Send,
  arn: string,
): Promise<Tag[]> {
  const all: Tag[] = [];
  let token: string | undefined;
  do {
    const next = token;
    const page = await send('ListTags', options =>
      client.send(
        new ListTagsCommand({
          ResourceArn: arn,
          MaxResults: PAGE_SIZE,
          NextToken: next,
        }),
        options,
      ),
    );
    // Read as "no tags", a malformed page would hide an orphan.
    const tags = page?.Tags;
    if (!Array.isArray(tags)) {
      throw malformedResponse('ListTags', 'it has no Tags list');
    }
    all.push(...tags);
    token = page?.NextToken;
  } while (token);
  return all;
}

/** The names of the endpoint configurations that start with `prefix`. */
export async function listEndpointConfigNames(
  client: SageMakerClient,
  send: Send,
  prefix: string,
): Promise<string[]> {
  return namesWithPrefix(prefix, async next => {
    const page = await send('ListEndpointConfigs', options =>
      client.send(
        new ListEndpointConfigsCommand({
          MaxResults: PAGE_SIZE,
          NextToken: next,
          NameContains: prefix,
        }),
        options,
      ),
    );
    return {
      names: (page?.EndpointConfigs ?? []).map(c => c.EndpointConfigName),
      token: page?.NextToken,
    };
  });
}

/** The names of the models that start with `prefix`. */
export async function listModelNames(
  client: SageMakerClient,
  send: Send,
  prefix: string,
): Promise<string[]> {
  return namesWithPrefix(prefix, async next => {
    const page = await send('ListModels', options =>
      client.send(
        new ListModelsCommand({
          MaxResults: PAGE_SIZE,
          NextToken: next,
          NameContains: prefix,
        }),
        options,
      ),
    );
    return {
      names: (page?.Models ?? []).map(m => m.ModelName),
      token: page?.NextToken,
    };
  });
}

/**
 * Reads a listing page by page, keeping the names that start with `prefix`
 * (`NameContains` also matches in the middle of a name).
 */
async function namesWithPrefix(
  prefix: string,
  readPage: (
    token: string | undefined,
  ) => Promise<{ names: Array<string | undefined>; token?: string }>,
): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await readPage(token);
    for (const name of page.names) {
      if (name?.startsWith(prefix)) names.push(name);
    }
    token = page.token;
  } while (token);
  return names;
}
