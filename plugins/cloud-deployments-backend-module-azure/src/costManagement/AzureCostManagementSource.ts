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
  CostManagementClient,
  QueryDefinition,
  QueryResult,
} from '@azure/arm-costmanagement';
import { TokenCredential } from '@azure/core-auth';
import {
  createHttpHeaders,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import {
  DailyActualCost,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ActualCostCache,
  ActualCostSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Agent } from 'https';
import { createCredential } from '../containerInstances/createAciClient';
import { AciSubscription } from '../containerInstances/readAciConfig';
import { subscriptionFor } from '../containerInstances/validateAciSpec';
import { parseCostRows } from './parseCostRows';

/** The tag every container group carries: the deployment's id. */
export const DEPLOYMENT_ID_TAG = 'cloud-deployments-id';

const DEFAULT_ENDPOINT = 'https://management.azure.com';

/**
 * Options of {@link AzureCostManagementSource}.
 *
 * @public
 */
export type AzureCostManagementSourceOptions = {
  /**
   * The subscriptions of the Container Instances provider; a deployment's
   * costs are read in its subscription (`spec.account`), with that
   * subscription's credentials and endpoint.
   */
  subscriptions: AciSubscription[];
  /**
   * What to query: the subscription's resource group that holds the
   * container groups (default, and all a deployer needs to be allowed to
   * read), or the whole subscription.
   */
  scope?: 'resourceGroup' | 'subscription';
  /** `ActualCost` (default: as billed) or `AmortizedCost`. */
  costType?: 'ActualCost' | 'AmortizedCost';
  /** How long an answer is reused for the same days and deployments. Default 12 h. */
  cacheTtlMs?: number;
  /** Time limit of one request, in milliseconds. Default 60000. */
  timeoutMs?: number;
  /**
   * Retries of a request by the SDK's pipeline: throttling (HTTP 429,
   * honouring Retry-After), HTTP 5xx and network errors. Default 4.
   */
  maxRetries?: number;
  /** The credentials of a subscription; default its service principal or the default chain. */
  credential?: (subscription: AciSubscription) => TokenCredential;
  /** The https agent of the clients, e.g. one trusting a test server. */
  agent?: Agent;
  /** The clock of the cache. */
  now?: () => number;
};

type Scoped = {
  subscription: AciSubscription;
  scope: string;
  deployments: Deployment[];
};

/**
 * What Azure Container Instances deployments really cost, from the Azure
 * Cost Management Query API: the daily cost of the resources tagged
 * `cloud-deployments-id`, grouped by that tag. Cost Management allows few
 * queries per scope and minute, so answers are cached, and throttled
 * requests are retried by the SDK's pipeline after the Retry-After the API
 * asks for.
 *
 * @public
 */
export class AzureCostManagementSource implements ActualCostSource {
  /** Stored with each figure. */
  readonly id = 'azure-cost-management';
  /** Shown beside the figures. */
  readonly title = 'Azure Cost Management';
  /** The Container Instances deployment target's deployments. */
  readonly providers = ['azure-container-instances'] as const;
  /** Azure's own billing data. */
  readonly kind = 'billed' as const;

  readonly #options: AzureCostManagementSourceOptions;
  readonly #clients = new Map<string, CostManagementClient>();
  readonly #cache: ActualCostCache;

  constructor(options: AzureCostManagementSourceOptions) {
    this.#options = options;
    this.#cache = new ActualCostCache(
      options.cacheTtlMs ?? 12 * 3600_000,
      options.now,
    );
  }

  /**
   * The daily costs of the deployments, from `from` up to, not including,
   * `to`; throws rather than answer in part. See {@link
   * @cloud-deployments-for-backstage/plugin-cloud-deployments-node#ActualCostSource.dailyCosts}.
   */
  async dailyCosts(request: {
    deployments: readonly Deployment[];
    from: string;
    to: string;
    signal?: AbortSignal;
  }): Promise<DailyActualCost[]> {
    const { deployments, from, to, signal } = request;
    const lastDay = dayBefore(to);
    if (deployments.length === 0 || lastDay < from) return [];
    return this.#cache.get(
      from,
      to,
      deployments.map(d => d.id),
      async () => {
        const results = [];
        // One scope after another: Cost Management throttles per tenant too.
        for (const scoped of this.#scopes(deployments)) {
          results.push(
            ...(await this.#query(scoped, from, lastDay, to, signal)),
          );
        }
        return results;
      },
    );
  }

  #scopes(deployments: readonly Deployment[]): Scoped[] {
    const byScope = new Map<string, Scoped>();
    for (const deployment of deployments) {
      const subscription = subscriptionFor(
        deployment.spec,
        this.#options.subscriptions,
      );
      if (!subscription) {
        // Its costs cannot be read; no figure would read as "cost nothing".
        throw new Error(
          `Cannot read the Azure costs of deployment ${deployment.id}: ` +
            `its account '${deployment.spec.account}' is not among the configured subscriptions`,
        );
      }
      const scope =
        this.#options.scope === 'subscription'
          ? `subscriptions/${subscription.subscriptionId}`
          : `subscriptions/${subscription.subscriptionId}/resourceGroups/${subscription.resourceGroup}`;
      const key = `${subscription.endpoint ?? DEFAULT_ENDPOINT} ${scope}`;
      const scoped = byScope.get(key) ?? {
        subscription,
        scope,
        deployments: [],
      };
      scoped.deployments.push(deployment);
      byScope.set(key, scoped);
    }
    return [...byScope.values()];
  }

  async #query(
    { subscription, scope, deployments }: Scoped,
    from: string,
    lastDay: string,
    to: string,
    signal?: AbortSignal,
  ): Promise<DailyActualCost[]> {
    const client = this.#client(subscription);
    const ids = deployments.map(d => d.id);
    const definition: QueryDefinition = {
      type: this.#options.costType ?? 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: new Date(`${from}T00:00:00Z`),
        to: new Date(`${lastDay}T23:59:59Z`),
      },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        grouping: [{ type: 'TagKey', name: DEPLOYMENT_ID_TAG }],
        filter: {
          tags: { name: DEPLOYMENT_ID_TAG, operator: 'In', values: ids },
        },
      },
    };
    const timeout = this.#options.timeoutMs ?? 60_000;
    const where = `Azure Cost Management query of /${scope}`;

    const pages: QueryResult[] = [];
    try {
      pages.push(
        await client.query.usage(scope, definition, {
          abortSignal: signal,
          requestOptions: { timeout },
        }),
      );
    } catch (error) {
      throw failure(where, error);
    }
    // The SDK reads only the first page. A page's nextLink (with its
    // $skiptoken) is POSTed the same query, through the client's own
    // pipeline: its bearer token, retries and throttling handling.
    const origin = new URL(subscription.endpoint ?? DEFAULT_ENDPOINT).origin;
    const seen = new Set<string>();
    for (let link = pages[0].nextLink; link; link = pages.at(-1)!.nextLink) {
      if (seen.has(link) || new URL(link).origin !== origin) {
        // Never send the token elsewhere, nor loop forever.
        throw new Error(
          `${where} failed: the answer's nextLink ${
            seen.has(link) ? 'repeats' : `leaves ${origin}`
          }`,
        );
      }
      seen.add(link);
      const response = await client
        .sendRequest(
          createPipelineRequest({
            url: link,
            method: 'POST',
            body: JSON.stringify(definition),
            headers: createHttpHeaders({
              'content-type': 'application/json; charset=utf-8',
              accept: 'application/json',
            }),
            abortSignal: signal,
            timeout,
          }),
        )
        .catch(error => {
          throw failure(where, error);
        });
      const body = parseJson(response.bodyAsText) as WirePage | undefined;
      if (response.status !== 200) {
        throw failure(
          where,
          Object.assign(new Error(errorMessage(body)), {
            statusCode: response.status,
          }),
        );
      }
      // The wire shape, which the SDK flattens for the first page.
      pages.push({ ...body?.properties });
    }

    const wanted = new Map(ids.map(id => [id.toLowerCase(), id]));
    return parseCostRows(pages, { from, to, where }).flatMap(row => {
      const deploymentId = wanted.get(row.tagValue.toLowerCase());
      // Figures of deployments not asked for are ignored.
      return deploymentId
        ? [
            {
              deploymentId,
              day: row.day,
              amount: row.amount,
              currency: row.currency,
            },
          ]
        : [];
    });
  }

  #client(subscription: AciSubscription): CostManagementClient {
    let client = this.#clients.get(subscription.id);
    if (!client) {
      const endpoint = subscription.endpoint ?? DEFAULT_ENDPOINT;
      client = new CostManagementClient(
        (this.#options.credential ?? createCredential)(subscription),
        {
          endpoint,
          $host: endpoint,
          retryOptions: { maxRetries: this.#options.maxRetries ?? 4 },
          userAgentOptions: { userAgentPrefix: 'backstage-cloud-deployments' },
          ...(this.#options.agent ? { agent: this.#options.agent } : {}),
        },
      );
      this.#clients.set(subscription.id, client);
    }
    return client;
  }
}

/** The day before a `YYYY-MM-DD` day: Cost Management's end is inclusive. */
function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new Error(`'${day}' is not a day (YYYY-MM-DD)`);
  }
  return new Date(date.getTime() - 86400_000).toISOString().slice(0, 10);
}

function parseJson(text: string | null | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/** A page of the query as the API sends it. */
type WirePage = {
  properties?: Pick<QueryResult, 'columns' | 'rows' | 'nextLink'>;
  error?: { code?: unknown; message?: unknown };
};

function errorMessage(body: WirePage | undefined): string {
  const message = body?.error?.message;
  return typeof message === 'string' ? message : 'no error message';
}

/** An error of the SDK (RestError) named with the query it failed. */
function failure(where: string, error: unknown): Error {
  const e = error as Error & { statusCode?: number; code?: string };
  if (e?.name === 'AbortError') return e;
  const status = e?.statusCode ? `HTTP ${e.statusCode}` : undefined;
  const throttled =
    e?.statusCode === 429 ? 'throttled, and the retries ran out' : undefined;
  return new Error(
    `${where} failed: ${[status, throttled, e?.message]
      .filter(Boolean)
      .join(': ')}`,
    { cause: error },
  );
}
