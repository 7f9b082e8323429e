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
import { ResponseError } from '@backstage/errors';
import createClient, { Client } from 'openapi-fetch';
import { paths } from './generated/paths';
import { CloudDeploymentsClientOptions } from './types';

/**
 * How `CloudDeploymentsClient` reaches the API: an openapi-fetch client
 * on the discovered base URL that sends through the given fetch API and
 * rejects any answer that is not 2xx with a `ResponseError`.
 */
export class ApiTransport {
  readonly #discoveryApi: CloudDeploymentsClientOptions['discoveryApi'];
  readonly #fetch: (request: Request) => Promise<Response>;
  #client?: { baseUrl: string; client: Client<paths> };

  constructor(options: CloudDeploymentsClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    const fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
    this.#fetch = async request => {
      // As URL and init, the way Backstage's own clients call fetchApi: some
      // fetchApi implementations (and test fakes) read only those.
      const response = await fetchApi.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ? await request.text() : undefined,
        signal: request.signal,
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return response;
    };
  }

  /** The base URL of the API, e.g. `http://host/api/cloud-deployments`. */
  baseUrl(): Promise<string> {
    return this.#discoveryApi.getBaseUrl('cloud-deployments');
  }

  /** Runs one operation; its body is that of a 2xx answer (the fetch wrapper threw for any other). */
  async call<T>(
    operation: (client: Client<paths>) => Promise<{ data?: T }>,
  ): Promise<T> {
    const { data } = await operation(await this.api());
    return data as T;
  }

  // The base URL can change (discovery), so the openapi-fetch client is
  // remade when it does.
  async api(): Promise<Client<paths>> {
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
