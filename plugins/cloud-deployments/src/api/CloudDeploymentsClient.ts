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
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { NotImplementedError, ResponseError } from '@backstage/errors';
import {
  CostEstimate,
  CreateDeploymentRequest,
  Deployment,
  DeploymentEvent,
  DeploymentsSummary,
  EstimateRequest,
  ListDeploymentsQuery,
  Page,
  ProviderInfo,
  TerraformStateVersion,
  TerraformWorkspaceInfo,
  UpdateDeploymentRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentsApi,
  DeploymentEventList,
  DeploymentsFilter,
  ListDeploymentEventsOptions,
  StreamDeploymentEventsOptions,
} from './CloudDeploymentsApi';
import { readEventStream } from './sse';

type QueryValue = string | number | readonly (string | number)[] | undefined;

/** Builds `?a=1&b=x&b=y`, repeating the key of array values; `''` if empty. */
function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const queryString = params.toString();
  return queryString ? `?${queryString}` : '';
}

/** The message of an `error` event: `{ "message": ... }`, or its text. */
function errorMessage(data: string): string {
  try {
    const parsed = JSON.parse(data);
    if (typeof parsed?.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text is the message.
  }
  return data;
}

/**
 * The default {@link CloudDeploymentsApi}, talking to the cloud-deployments
 * backend over HTTP.
 *
 * @public
 */
export class CloudDeploymentsClient implements CloudDeploymentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDeployments(
    query: ListDeploymentsQuery = {},
  ): Promise<Page<Deployment>> {
    return this.request(`/deployments${toQueryString(query)}`);
  }

  async getDeployment(id: string): Promise<Deployment> {
    return this.request(`/deployments/${encodeURIComponent(id)}`);
  }

  async listEvents(
    id: string,
    options: ListDeploymentEventsOptions = {},
  ): Promise<DeploymentEventList> {
    return this.request(
      `/deployments/${encodeURIComponent(id)}/events${toQueryString({
        after: options.after,
        limit: options.limit,
      })}`,
    );
  }

  async streamEvents(
    id: string,
    options: StreamDeploymentEventsOptions,
  ): Promise<void> {
    const { after, onEvent, onOpen, onRetry, onError, signal } = options;
    if (
      typeof ReadableStream === 'undefined' ||
      typeof TextDecoder === 'undefined'
    ) {
      throw new NotImplementedError('This browser cannot read event streams');
    }
    const baseUrl = await this.discoveryApi.getBaseUrl('cloud-deployments');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/deployments/${encodeURIComponent(
        id,
      )}/events/stream${toQueryString({ after })}`,
      { headers: { Accept: 'text/event-stream' }, signal },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (
      !response.body ||
      typeof response.body.getReader !== 'function' ||
      !contentType.startsWith('text/event-stream')
    ) {
      throw new NotImplementedError(
        `The event stream cannot be read here: got ${
          contentType || 'no content type'
        }`,
      );
    }
    onOpen?.();
    await readEventStream(response.body, {
      signal,
      onRetry,
      onMessage: message => {
        if (message.event === 'deployment-event') {
          onEvent(JSON.parse(message.data) as DeploymentEvent);
        } else if (message.event === 'error') {
          onError?.(errorMessage(message.data));
        }
      },
    });
  }

  async createDeployment(
    request: CreateDeploymentRequest,
  ): Promise<Deployment> {
    return this.request('/deployments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async updateDeployment(
    id: string,
    request: UpdateDeploymentRequest,
  ): Promise<Deployment> {
    return this.request(`/deployments/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async destroyDeployment(id: string): Promise<Deployment> {
    return this.request(`/deployments/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async rollbackDeployment(id: string): Promise<Deployment> {
    return this.request(`/deployments/${encodeURIComponent(id)}/rollback`, {
      method: 'POST',
    });
  }

  async redeployDeployment(id: string): Promise<Deployment> {
    return this.request(`/deployments/${encodeURIComponent(id)}/redeploy`, {
      method: 'POST',
    });
  }

  async cancelDeployment(id: string): Promise<Deployment> {
    return this.request(`/deployments/${encodeURIComponent(id)}/cancel`, {
      method: 'POST',
    });
  }

  async getDeploymentsSummary(
    filter: DeploymentsFilter = {},
  ): Promise<DeploymentsSummary> {
    return this.request(`/deployments/summary${toQueryString(filter)}`);
  }

  async listProviders(): Promise<ProviderInfo[]> {
    return this.request('/providers');
  }

  async estimateCost(
    request: EstimateRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<CostEstimate> {
    return this.request('/estimates', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      signal: options.signal,
    });
  }

  async getTerraformState(
    deploymentId: string,
    options: { limit?: number } = {},
  ): Promise<
    | { workspace: TerraformWorkspaceInfo; versions: TerraformStateVersion[] }
    | undefined
  > {
    const name = encodeURIComponent(deploymentId);
    let workspace: TerraformWorkspaceInfo;
    try {
      workspace = await this.request(`/terraform/workspaces/${name}`);
    } catch (error) {
      // No workspace yet: nothing has been planned.
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
    const { items } = await this.request<{ items: TerraformStateVersion[] }>(
      `/terraform/workspaces/${name}/versions?limit=${options.limit ?? 10}`,
    );
    return { workspace, versions: items };
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('cloud-deployments');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
