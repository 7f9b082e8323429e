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
// openapi-fetch names its methods after HTTP's: client.GET(...), client.POST(...).
/* eslint-disable new-cap */
import { ResponseError } from '@backstage/errors';
import createClient, { Client } from 'openapi-fetch';
import {
  Deployment,
  DeploymentEvent,
  DeploymentsSummary,
  Page,
  ProviderInfo,
} from '../types';
import {
  CreateDeploymentRequest,
  EstimateRequest,
  KubernetesApplyRequest,
  ListDeploymentsQuery,
  UpdateDeploymentRequest,
} from '../schemas';
import { CostEstimate, PlanEstimate } from '../pricing';
import { TerraformStateVersion } from '../terraform';
import { components, paths } from './generated/paths';

type Schemas = components['schemas'];

/**
 * A Terraform state workspace as the API shows it, with the settings of
 * Terraform's `http` backend.
 *
 * @public
 */
export type TerraformWorkspace = Schemas['TerraformWorkspace'];

/**
 * What applying manifests to a cluster did.
 *
 * @public
 */
export type ManifestApplyResult = Schemas['ManifestApplyResult'];

/**
 * Options of {@link CloudDeploymentsClient}: the Backstage discovery and fetch
 * APIs, or anything shaped like them. A backend passes a `fetch` that adds a
 * service token (`auth.getPluginRequestToken`).
 *
 * @public
 */
export type CloudDeploymentsClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
};

/** Per-call options every operation takes. */
type CallOptions = { signal?: AbortSignal };

/**
 * The typed client of the cloud-deployments REST API
 * (`plugins/cloud-deployments-backend/src/schema/openapi.yaml`), for the
 * frontend and for backend modules. A response that is not 2xx rejects with a
 * `ResponseError`.
 *
 * @public
 */
export class CloudDeploymentsClient {
  readonly #discoveryApi: CloudDeploymentsClientOptions['discoveryApi'];
  readonly #fetch: (request: Request) => Promise<Response>;
  #client?: { baseUrl: string; client: Client<paths> };

  constructor(options: CloudDeploymentsClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    const fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
    this.#fetch = async request => {
      const response = await fetchApi.fetch(request);
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return response;
    };
  }

  /** The base URL of the API, e.g. `http://host/api/cloud-deployments`. */
  baseUrl(): Promise<string> {
    return this.#discoveryApi.getBaseUrl('cloud-deployments');
  }

  async listDeployments(
    query: ListDeploymentsQuery = {},
    options?: CallOptions,
  ): Promise<Page<Deployment>> {
    const client = await this.#api();
    return data(client.GET('/deployments', { params: { query }, ...options }));
  }

  async getDeployment(id: string, options?: CallOptions): Promise<Deployment> {
    const client = await this.#api();
    return data(
      client.GET('/deployments/{id}', { params: { path: { id } }, ...options }),
    );
  }

  async listEvents(
    id: string,
    query: { after?: number; limit?: number } = {},
    options?: CallOptions,
  ): Promise<{ items: DeploymentEvent[] }> {
    const client = await this.#api();
    return data(
      client.GET('/deployments/{id}/events', {
        params: { path: { id }, query },
        ...options,
      }),
    );
  }

  /**
   * Opens the server-sent events stream of a deployment's log; the caller
   * reads the body (events `deployment-event` and `error`).
   */
  async openEventStream(
    id: string,
    query: { after?: number } = {},
    options?: CallOptions,
  ): Promise<Response> {
    const client = await this.#api();
    const { response } = await client.GET('/deployments/{id}/events/stream', {
      params: { path: { id }, query },
      headers: { Accept: 'text/event-stream' },
      parseAs: 'stream',
      ...options,
    });
    return response;
  }

  async createDeployment(
    request: CreateDeploymentRequest,
    options?: CallOptions,
  ): Promise<Deployment> {
    const client = await this.#api();
    return data(client.POST('/deployments', { body: request, ...options }));
  }

  async updateDeployment(
    id: string,
    request: UpdateDeploymentRequest,
    options?: CallOptions,
  ): Promise<Deployment> {
    const client = await this.#api();
    return data(
      client.PATCH('/deployments/{id}', {
        params: { path: { id } },
        body: request,
        ...options,
      }),
    );
  }

  async destroyDeployment(
    id: string,
    options?: CallOptions,
  ): Promise<Deployment> {
    const client = await this.#api();
    return data(
      client.DELETE('/deployments/{id}', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Queues re-applying the last spec that deployed successfully. */
  async rollbackDeployment(
    id: string,
    options?: CallOptions,
  ): Promise<Deployment> {
    const client = await this.#api();
    return data(
      client.POST('/deployments/{id}/rollback', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Queues applying the current spec of an active or failed deployment again. */
  async redeployDeployment(
    id: string,
    options?: CallOptions,
  ): Promise<Deployment> {
    const client = await this.#api();
    return data(
      client.POST('/deployments/{id}/redeploy', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** Stops a pending or provisioning deployment; it becomes `failed`. */
  async cancelDeployment(
    id: string,
    options?: CallOptions,
  ): Promise<Deployment> {
    const client = await this.#api();
    return data(
      client.POST('/deployments/{id}/cancel', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  async getDeploymentsSummary(
    filter: Omit<ListDeploymentsQuery, 'cursor' | 'limit'> = {},
    options?: CallOptions,
  ): Promise<DeploymentsSummary> {
    const client = await this.#api();
    return data(
      client.GET('/deployments/summary', {
        params: { query: filter },
        ...options,
      }),
    );
  }

  async listProviders(options?: CallOptions): Promise<ProviderInfo[]> {
    const client = await this.#api();
    return data(client.GET('/providers', options));
  }

  /** The files a deployment would be made of, by path; nothing is stored. */
  async renderDeployment(
    request: CreateDeploymentRequest,
    options?: CallOptions,
  ): Promise<{ files: Record<string, string> }> {
    const client = await this.#api();
    return data(client.POST('/render', { body: request, ...options }));
  }

  async estimateCost(
    request: EstimateRequest,
    options?: CallOptions,
  ): Promise<CostEstimate> {
    const client = await this.#api();
    return data(client.POST('/estimates', { body: request, ...options }));
  }

  /** Prices the changes of a Terraform plan (`terraform show -json`). */
  async estimatePlan(
    request: { plan: Record<string, unknown>; awsRegion?: string },
    options?: CallOptions,
  ): Promise<PlanEstimate> {
    const client = await this.#api();
    return data(client.POST('/estimates/plan', { body: request, ...options }));
  }

  async applyKubernetesManifests(
    request: KubernetesApplyRequest,
    options?: CallOptions,
  ): Promise<ManifestApplyResult> {
    const client = await this.#api();
    return data(
      client.POST('/kubernetes/apply', { body: request, ...options }),
    );
  }

  /** Creates a Terraform state workspace; its token is only in this answer. */
  async createTerraformWorkspace(
    request: { name?: string; deploymentId?: string },
    options?: CallOptions,
  ): Promise<TerraformWorkspace & { token: string }> {
    const client = await this.#api();
    return data(
      client.POST('/terraform/workspaces', { body: request, ...options }),
    );
  }

  async getTerraformWorkspace(
    workspace: string,
    options?: CallOptions,
  ): Promise<TerraformWorkspace> {
    const client = await this.#api();
    return data(
      client.GET('/terraform/workspaces/{workspace}', {
        params: { path: { workspace } },
        ...options,
      }),
    );
  }

  /** Replaces a workspace's token; the old one stops working. */
  async replaceTerraformWorkspaceToken(
    workspace: string,
    options?: CallOptions,
  ): Promise<{ token: string }> {
    const client = await this.#api();
    return data(
      client.POST('/terraform/workspaces/{workspace}/token', {
        params: { path: { workspace } },
        ...options,
      }),
    );
  }

  /** State versions of a workspace, newest first. */
  async listTerraformStateVersions(
    workspace: string,
    query: { limit?: number; before?: number } = {},
    options?: CallOptions,
  ): Promise<{ items: TerraformStateVersion[] }> {
    const client = await this.#api();
    return data(
      client.GET('/terraform/workspaces/{workspace}/versions', {
        params: { path: { workspace }, query },
        ...options,
      }),
    );
  }

  // The base URL can change (discovery), so the openapi-fetch client is
  // remade when it does.
  async #api(): Promise<Client<paths>> {
    const baseUrl = await this.baseUrl();
    if (this.#client?.baseUrl !== baseUrl) {
      this.#client = {
        baseUrl,
        client: createClient<paths>({ baseUrl, fetch: this.#fetch }),
      };
    }
    return this.#client.client;
  }
}

/** The body of a 2xx answer; anything else was thrown by the fetch wrapper. */
async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}
