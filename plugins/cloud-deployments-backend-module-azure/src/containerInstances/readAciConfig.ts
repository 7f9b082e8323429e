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
import { AZURE_REGION_PATTERN } from '../AzureRetailPricesSource';

/** The config key under which the Container Instances provider is configured. */
export const AZURE_PROVIDER_CONFIG_KEY = 'cloudDeployments.providers.azure';

/** The subscription used when the sandbox runs without configured ones. */
export const SANDBOX_SUBSCRIPTION: AciSubscription = {
  id: 'sandbox',
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'cloud-deployments-sandbox',
};

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ARM: letters, digits, '_', '-', '.', '(' and ')', not ending with '.'.
const RESOURCE_GROUP = /^[\w\-.()]{0,89}[\w\-()]$/;

/**
 * An Azure subscription and resource group the provider deploys into.
 *
 * @public
 */
export type AciSubscription = {
  /** What `spec.account` refers to. */
  id: string;
  subscriptionId: string;
  /** The resource group that holds the container groups. */
  resourceGroup: string;
  /** The regions deployments may use; any region when absent. */
  regions?: string[];
  /** The Microsoft Entra tenant (directory) id. */
  tenantId?: string;
  /**
   * The application (client) id: of a service principal with
   * `clientSecret`, else of a user-assigned managed or workload identity.
   */
  clientId?: string;
  /** A client secret of the service principal `clientId`. */
  clientSecret?: string;
  /** The Azure Resource Manager endpoint, e.g. of a sovereign cloud. */
  endpoint?: string;
};

/** What `cloudDeployments.providers.azure` configures. */
export type AciConfig = {
  /** True when the provider talks to the in-process sandbox. */
  sandbox: boolean;
  /** The first is the default. */
  subscriptions: AciSubscription[];
  /** Time limit of one Azure Resource Manager request, in milliseconds. */
  timeoutMs: number;
};

function fail(key: string, message: string): never {
  throw new Error(
    `Invalid config ${AZURE_PROVIDER_CONFIG_KEY}.${key}: ${message}`,
  );
}

function readEndpoint(config: Config, key: string): string | undefined {
  const endpoint = config.getOptionalString('endpoint');
  if (endpoint === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return fail(`${key}.endpoint`, `'${endpoint}' is not a URL`);
  }
  if (url.protocol !== 'https:') {
    // The SDK sends bearer tokens over https only.
    fail(`${key}.endpoint`, `'${endpoint}' must be an https URL`);
  }
  return url.href.replace(/\/$/, '');
}

function readSubscription(config: Config, key: string): AciSubscription {
  const id = config.getString('id');
  if (!ID.test(id)) {
    fail(
      `${key}.id`,
      `'${id}' must be lowercase letters, digits and dashes (at most 63), as spec.account uses it`,
    );
  }
  const subscriptionId = config.getString('subscriptionId');
  if (!GUID.test(subscriptionId)) {
    fail(
      `${key}.subscriptionId`,
      `'${subscriptionId}' is not a subscription id (a GUID)`,
    );
  }
  const resourceGroup = config.getString('resourceGroup');
  if (!RESOURCE_GROUP.test(resourceGroup)) {
    fail(
      `${key}.resourceGroup`,
      `'${resourceGroup}' is not a resource group name`,
    );
  }
  const regions = config.getOptionalStringArray('regions');
  if (regions) {
    if (regions.length === 0) {
      fail(`${key}.regions`, 'list at least one region, or leave it out');
    }
    for (const region of regions) {
      if (!AZURE_REGION_PATTERN.test(region)) {
        fail(
          `${key}.regions`,
          `'${region}' is not an Azure region name such as eastus`,
        );
      }
    }
  }
  const tenantId = config.getOptionalString('tenantId');
  if (tenantId !== undefined && !GUID.test(tenantId)) {
    fail(`${key}.tenantId`, `'${tenantId}' is not a tenant id (a GUID)`);
  }
  const clientId = config.getOptionalString('clientId');
  if (clientId !== undefined && !GUID.test(clientId)) {
    fail(`${key}.clientId`, `'${clientId}' is not a client id (a GUID)`);
  }
  const clientSecret = config.getOptionalString('clientSecret');
  if (clientSecret !== undefined && (!tenantId || !clientId)) {
    // Never quote the secret.
    fail(key, 'clientSecret needs tenantId and clientId too');
  }
  const endpoint = readEndpoint(config, key);
  return {
    id,
    subscriptionId,
    resourceGroup,
    ...(regions ? { regions: [...new Set(regions)] } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

/**
 * Reads `cloudDeployments.providers.azure`. Without the block (or with
 * `sandbox: true`) the provider runs against the in-process sandbox, with
 * the configured subscriptions if any (their credentials and endpoints
 * unused) or a single `sandbox` one. Throws on invalid values, so that a
 * misconfiguration stops the backend at start; messages never contain
 * secrets.
 */
export function readAciConfig(rootConfig: Config): AciConfig {
  const config = rootConfig.getOptionalConfig(AZURE_PROVIDER_CONFIG_KEY);
  const timeoutMs = config?.getOptionalNumber('timeoutMs') ?? 30000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    fail('timeoutMs', `expected a positive integer, got ${timeoutMs}`);
  }
  const sandbox = !config || (config.getOptionalBoolean('sandbox') ?? false);
  const subscriptions = (
    config?.getOptionalConfigArray('subscriptions') ?? []
  ).map((c, i) => readSubscription(c, `subscriptions[${i}]`));
  const seen = new Set<string>();
  for (const [i, subscription] of subscriptions.entries()) {
    if (seen.has(subscription.id)) {
      fail(
        `subscriptions[${i}].id`,
        `'${subscription.id}' is used by two subscriptions`,
      );
    }
    seen.add(subscription.id);
  }
  if (sandbox) {
    return {
      sandbox,
      timeoutMs,
      subscriptions: subscriptions.length
        ? subscriptions.map(
            ({ id, subscriptionId, resourceGroup, regions }) => ({
              id,
              subscriptionId,
              resourceGroup,
              ...(regions ? { regions } : {}),
            }),
          )
        : [SANDBOX_SUBSCRIPTION],
    };
  }
  if (subscriptions.length === 0) {
    fail(
      'subscriptions',
      'list at least one Azure subscription, or set sandbox: true to use the local sandbox',
    );
  }
  return { sandbox, timeoutMs, subscriptions };
}
