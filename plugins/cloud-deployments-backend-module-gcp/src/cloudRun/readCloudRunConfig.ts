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
import { Config } from '@backstage/config';
import { GCP_REGION_PATTERN } from '../GcpBillingCatalogSource';
import { parseApiEndpoint } from './apiEndpoint';

/** The config key under which the Cloud Run provider is configured. */
export const CLOUD_RUN_CONFIG_KEY = 'cloudDeployments.providers.gcp';

/** The project used when the sandbox runs without configured accounts. */
export const SANDBOX_ACCOUNT: CloudRunAccount = {
  id: 'sandbox',
  projectId: 'cloud-deployments-sandbox',
};

const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
// A project id, optionally domain-scoped, or a project number.
const PROJECT_ID =
  /^(?:(?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]|\d{1,20})$/;

/**
 * A Google Cloud project the provider deploys into.
 *
 * @public
 */
export type CloudRunAccount = {
  /** What `spec.account` refers to. */
  id: string;
  projectId: string;
  /** The regions deployments may use; any region when absent. */
  regions?: string[];
  /**
   * Parsed credentials JSON (a service account key or an external account
   * configuration); Application Default Credentials when absent.
   */
  credentials?: Record<string, unknown>;
  /** Path of a credentials JSON file. */
  keyFilename?: string;
  /** The API endpoint, e.g. a regional one or a proxy. */
  apiEndpoint?: string;
};

/** What `cloudDeployments.providers.gcp` configures. */
export type CloudRunConfig = {
  /** True when the provider talks to the in-process sandbox. */
  sandbox: boolean;
  /** The first is the default. */
  accounts: CloudRunAccount[];
  /** Time limit of one API request, in milliseconds. */
  timeoutMs: number;
};

function fail(key: string, message: string): never {
  throw new Error(`Invalid config ${CLOUD_RUN_CONFIG_KEY}.${key}: ${message}`);
}

function readCredentials(config: Config, key: string) {
  const value = config.getOptional('credentials');
  if (value === undefined) return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      // JSON.parse quotes the input in its message; never show a secret.
      return fail(
        `${key}.credentials`,
        'not valid JSON; expected the content of a service account key file',
      );
    }
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    typeof (parsed as { type?: unknown }).type !== 'string'
  ) {
    return fail(
      `${key}.credentials`,
      'expected a credentials JSON object with a "type", such as a service account key',
    );
  }
  return parsed as Record<string, unknown>;
}

function readAccount(config: Config, key: string): CloudRunAccount {
  const id = config.getString('id');
  if (!ACCOUNT_ID.test(id)) {
    fail(
      `${key}.id`,
      `'${id}' must be lowercase letters, digits and dashes (at most 63), as spec.account uses it`,
    );
  }
  const projectId = config.getString('projectId');
  if (!PROJECT_ID.test(projectId)) {
    fail(`${key}.projectId`, `'${projectId}' is not a Google Cloud project id`);
  }
  const regions = config.getOptionalStringArray('regions');
  if (regions) {
    if (regions.length === 0) {
      fail(`${key}.regions`, 'list at least one region, or leave it out');
    }
    for (const region of regions) {
      if (!GCP_REGION_PATTERN.test(region)) {
        fail(
          `${key}.regions`,
          `'${region}' is not a Google Cloud region such as us-central1`,
        );
      }
    }
  }
  const credentials = readCredentials(config, key);
  const keyFilename = config.getOptionalString('keyFilename');
  if (credentials && keyFilename) {
    fail(key, 'set credentials or keyFilename, not both');
  }
  const apiEndpoint = config.getOptionalString('apiEndpoint');
  if (apiEndpoint !== undefined) {
    try {
      parseApiEndpoint(apiEndpoint);
    } catch (error) {
      fail(`${key}.apiEndpoint`, (error as Error).message);
    }
  }
  return {
    id,
    projectId,
    ...(regions ? { regions: [...new Set(regions)] } : {}),
    ...(credentials ? { credentials } : {}),
    ...(keyFilename ? { keyFilename } : {}),
    ...(apiEndpoint ? { apiEndpoint } : {}),
  };
}

/**
 * Reads `cloudDeployments.providers.gcp`. Without the block (or with
 * `sandbox: true`) the provider runs against the in-process sandbox, with
 * the configured accounts if any (their credentials unused) or a single
 * `sandbox` project. Throws on invalid values, so that a misconfiguration
 * stops the backend at start; messages never contain credentials.
 */
export function readCloudRunConfig(rootConfig: Config): CloudRunConfig {
  const config = rootConfig.getOptionalConfig(CLOUD_RUN_CONFIG_KEY);
  const timeoutMs = config?.getOptionalNumber('timeoutMs') ?? 30000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    fail('timeoutMs', `expected a positive integer, got ${timeoutMs}`);
  }
  const sandbox = !config || (config.getOptionalBoolean('sandbox') ?? false);
  const accountConfigs = config?.getOptionalConfigArray('accounts') ?? [];
  const accounts = accountConfigs.map((c, i) =>
    readAccount(c, `accounts[${i}]`),
  );
  const seen = new Set<string>();
  for (const [i, account] of accounts.entries()) {
    if (seen.has(account.id)) {
      fail(`accounts[${i}].id`, `'${account.id}' is used by two accounts`);
    }
    seen.add(account.id);
  }
  if (sandbox) {
    return {
      sandbox,
      timeoutMs,
      accounts: accounts.length
        ? accounts.map(({ id, projectId, regions }) => ({
            id,
            projectId,
            ...(regions ? { regions } : {}),
          }))
        : [SANDBOX_ACCOUNT],
    };
  }
  if (accounts.length === 0) {
    fail(
      'accounts',
      'list at least one Google Cloud project, or set sandbox: true to use the local sandbox',
    );
  }
  return { sandbox, timeoutMs, accounts };
}
