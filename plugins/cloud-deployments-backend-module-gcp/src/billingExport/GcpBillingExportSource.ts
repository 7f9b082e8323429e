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
  BigQuery,
  Job,
  Query,
  QueryRowsResponse,
} from '@google-cloud/bigquery';
import {
  DailyActualCost,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ActualCostCache,
  ActualCostSource,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { AuthClient } from 'google-auth-library';
import { parseApiEndpoint } from '../cloudRun/apiEndpoint';
import {
  DEPLOYMENT_ID_LABEL,
  deploymentIdLabel,
} from '../cloudRun/cloudRunService';

/**
 * A BigQuery table as `project.dataset.table`: a project id (lowercase
 * letters, digits and dashes, optionally after a `domain:`), a dataset and a
 * table name (letters, digits and underscores). Strict, because it is
 * written into the SQL (backquoted); values never are.
 */
export const BILLING_EXPORT_TABLE_PATTERN =
  /^(?:[a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_]{1,1024}$/;

/**
 * Options of {@link GcpBillingExportSource}.
 *
 * @public
 */
export type GcpBillingExportSourceOptions = {
  /**
   * The standard usage cost export table, `project.dataset.table`, e.g.
   * `acme-billing.billing.gcp_billing_export_v1_012345_6789AB_CDEF01`.
   */
  table: string;
  /** The project the query jobs run (and are billed) in; default the table's. */
  projectId?: string;
  /** The dataset's location, e.g. `EU` or `US`. */
  location?: string;
  /** The BigQuery API endpoint: a host, `host:port` or URL; default Google's. */
  apiEndpoint?: string;
  /** Service account key or other credentials, instead of Application Default Credentials. */
  credentials?: object;
  /** Path of a credentials file, instead of `credentials`. */
  keyFilename?: string;
  /** An authenticated client, e.g. with a fixed token in tests. */
  authClient?: AuthClient;
  /** Rows per page of results. Default 10000. */
  pageSize?: number;
  /**
   * Retries of a request by the client: throttling (HTTP 429,
   * rateLimitExceeded) and HTTP 5xx. Default 3.
   */
  maxRetries?: number;
  /** How long an answer is reused for the same days and deployments. Default 12 h. */
  cacheTtlMs?: number;
  /** The clock of the cache. */
  now?: () => number;
};

/**
 * Costs net of credits (sustained use, committed use, free tier, promotions),
 * per deployment label, UTC day and currency. The table is the only text
 * written in; ids and times are query parameters.
 */
export function billingExportSql(table: string): string {
  if (!BILLING_EXPORT_TABLE_PATTERN.test(table)) {
    throw new Error(
      `'${table}' is not a BigQuery table as project.dataset.table`,
    );
  }
  return [
    'SELECT',
    '  l.value AS deployment,',
    "  FORMAT_DATE('%F', DATE(usage_start_time)) AS day,",
    '  SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS cost,',
    '  currency',
    `FROM \`${table}\`, UNNEST(labels) AS l`,
    `WHERE l.key = '${DEPLOYMENT_ID_LABEL}'`,
    '  AND l.value IN UNNEST(@ids)',
    '  AND usage_start_time >= @from',
    '  AND usage_start_time < @to',
    'GROUP BY deployment, day, currency',
  ].join('\n');
}

/**
 * What Cloud Run deployments really cost, from the Cloud Billing export to
 * BigQuery (the standard usage cost table): the daily cost, net of credits,
 * of the resources labelled `cloud-deployments-id`. Each answer is one
 * query job, so answers are cached.
 *
 * @public
 */
export class GcpBillingExportSource implements ActualCostSource {
  /** Stored with each figure. */
  readonly id = 'gcp-billing-export';
  /** Shown beside the figures. */
  readonly title = 'Google Cloud billing export (BigQuery)';
  /** The Cloud Run deployment target's deployments. */
  readonly providers = ['gcp-cloud-run'] as const;
  /** Google Cloud's own billing data. */
  readonly kind = 'billed' as const;

  readonly #options: GcpBillingExportSourceOptions;
  readonly #sql: string;
  #bigQuery?: BigQuery;
  readonly #cache: ActualCostCache;

  constructor(options: GcpBillingExportSourceOptions) {
    this.#options = options;
    this.#sql = billingExportSql(options.table);
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
    for (const day of [from, to]) {
      if (!isDay(day)) throw new Error(`'${day}' is not a day (YYYY-MM-DD)`);
    }
    if (deployments.length === 0 || to <= from) return [];
    return this.#cache.get(
      from,
      to,
      deployments.map(d => d.id),
      () => this.#query(deployments, from, to, signal),
    );
  }

  /** Made at the first query: the client reads its credentials then. */
  #client(): BigQuery {
    const options = this.#options;
    // The project is all before the dataset: a domain-scoped one has dots.
    const tableProject = options.table.split('.').slice(0, -2).join('.');
    this.#bigQuery ??= new BigQuery({
      projectId: options.projectId ?? tableProject,
      ...(options.location ? { location: options.location } : {}),
      ...(options.apiEndpoint ? bigQueryEndpoint(options.apiEndpoint) : {}),
      ...(options.credentials
        ? { credentials: options.credentials as any }
        : {}),
      ...(options.keyFilename ? { keyFilename: options.keyFilename } : {}),
      ...(options.authClient ? { authClient: options.authClient } : {}),
      autoRetry: (options.maxRetries ?? 3) > 0,
      maxRetries: options.maxRetries ?? 3,
      userAgent: 'backstage-cloud-deployments',
    });
    return this.#bigQuery;
  }

  async #query(
    deployments: readonly Deployment[],
    from: string,
    to: string,
    signal?: AbortSignal,
  ): Promise<DailyActualCost[]> {
    // Label values are the ids, or a hash of those that cannot be one.
    const byLabel = new Map(
      deployments.map(d => [deploymentIdLabel(d.id), d.id]),
    );
    const query: Query = {
      query: this.#sql,
      params: {
        ids: [...byLabel.keys()],
        from: new Date(`${from}T00:00:00Z`),
        to: new Date(`${to}T00:00:00Z`),
      },
      types: { ids: ['STRING'], from: 'TIMESTAMP', to: 'TIMESTAMP' },
      useLegacySql: false,
      ...(this.#options.location ? { location: this.#options.location } : {}),
    };
    const where = `BigQuery billing export query of ${this.#options.table}`;
    const pageSize = this.#options.pageSize ?? 10_000;

    const rows: unknown[] = [];
    let page: QueryRowsResponse;
    try {
      signal?.throwIfAborted();
      page = (await this.#client().query(query, {
        autoPaginate: false,
        maxResults: pageSize,
      })) as unknown as QueryRowsResponse;
      rows.push(...page[0]);
      // Then getQueryResults with the page token, until there is none (or
      // again without one while the job is still running).
      for (let next = page[1]; next; next = page[1]) {
        signal?.throwIfAborted();
        const job = (next as { job?: Job }).job;
        if (!job) throw new Error('the client gave no job to read pages of');
        page = await job.getQueryResults({ ...next, autoPaginate: false });
        rows.push(...page[0]);
      }
    } catch (error) {
      throw failure(where, error);
    }

    const costs: DailyActualCost[] = [];
    for (const [i, row] of rows.entries()) {
      const malformed = (detail: string) =>
        new Error(`${where} gave a malformed row ${i + 1}: ${detail}`);
      const { deployment, day, cost, currency } = (row ?? {}) as Record<
        string,
        unknown
      >;
      if (typeof deployment !== 'string') {
        throw malformed(`deployment ${JSON.stringify(deployment)}`);
      }
      if (typeof day !== 'string' || !isDay(day) || day < from || day >= to) {
        throw malformed(`day ${JSON.stringify(day)}`);
      }
      if (typeof cost !== 'number' || !Number.isFinite(cost)) {
        throw malformed(`cost ${JSON.stringify(cost)}`);
      }
      if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
        throw malformed(`currency ${JSON.stringify(currency)}`);
      }
      const deploymentId = byLabel.get(deployment);
      // Figures of deployments not asked for are ignored.
      if (deploymentId) {
        costs.push({ deploymentId, day, amount: cost, currency });
      }
    }
    return costs;
  }
}

function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
  );
}

/** `apiEndpoint` as the BigQuery client takes it: a URL, https unless given. */
function bigQueryEndpoint(apiEndpoint: string): { apiEndpoint: string } {
  const { apiEndpoint: host, port, protocol } = parseApiEndpoint(apiEndpoint);
  const scheme = protocol ?? 'https';
  const hostname = host.includes(':') ? `[${host}]` : host;
  return {
    apiEndpoint: `${scheme}://${hostname}${port ? `:${port}` : ''}`,
  };
}

/** An error of the client (ApiError) named with the query it failed. */
function failure(where: string, error: unknown): Error {
  const e = error as Error & {
    code?: number | string;
    errors?: Array<{ reason?: string; message?: string }>;
  };
  if (e?.name === 'AbortError') return e;
  const status = typeof e?.code === 'number' ? `HTTP ${e.code}` : undefined;
  const reason = e?.errors?.find(x => x?.reason)?.reason;
  return new Error(
    `${where} failed: ${[status, reason, e?.message]
      .filter(Boolean)
      .join(': ')}`,
    { cause: error },
  );
}
