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
import {
  booleanConfig,
  everyItemMatches,
  positiveIntegerConfig,
  readConfigWithSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { z } from 'zod/v3';
import { AZURE_REGION_PATTERN } from '../azureRegion';

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

/** A string that matches `pattern`, refused with `message(value)`. */
const matching = (pattern: RegExp, message: (value: string) => string) =>
  z.string().refine(
    value => pattern.test(value),
    value => ({ message: message(value) }),
  );

const endpointSchema = z.string().transform((endpoint, ctx) => {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `'${endpoint}' is not a URL`,
    });
    return z.NEVER;
  }
  if (url.protocol !== 'https:') {
    // The SDK sends bearer tokens over https only.
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `'${endpoint}' must be an https URL`,
    });
    return z.NEVER;
  }
  return url.href.replace(/\/$/, '');
});

const subscriptionSchema = z
  .object({
    id: matching(
      ID,
      id =>
        `'${id}' must be lowercase letters, digits and dashes (at most 63), as spec.account uses it`,
    ),
    subscriptionId: matching(
      GUID,
      id => `'${id}' is not a subscription id (a GUID)`,
    ),
    resourceGroup: matching(
      RESOURCE_GROUP,
      name => `'${name}' is not a resource group name`,
    ),
    regions: z
      .array(z.string())
      .min(1, 'list at least one region, or leave it out')
      .superRefine(
        everyItemMatches(
          AZURE_REGION_PATTERN,
          region => `'${region}' is not an Azure region name such as eastus`,
        ),
      )
      .optional(),
    tenantId: matching(
      GUID,
      id => `'${id}' is not a tenant id (a GUID)`,
    ).optional(),
    clientId: matching(
      GUID,
      id => `'${id}' is not a client id (a GUID)`,
    ).optional(),
    clientSecret: z.string().optional(),
    endpoint: endpointSchema.optional(),
  })
  // Never quote the secret.
  .refine(
    s => s.clientSecret === undefined || (s.tenantId && s.clientId),
    'clientSecret needs tenantId and clientId too',
  );

const aciConfigSchema = z
  .object({
    timeoutMs: positiveIntegerConfig(),
    sandbox: booleanConfig(),
    subscriptions: z.array(subscriptionSchema).optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [i, subscription] of (c.subscriptions ?? []).entries()) {
      if (seen.has(subscription.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['subscriptions', i, 'id'],
          message: `'${subscription.id}' is used by two subscriptions`,
        });
      }
      seen.add(subscription.id);
    }
    if (!c.sandbox && !c.subscriptions?.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['subscriptions'],
        message:
          'list at least one Azure subscription, or set sandbox: true to use the local sandbox',
      });
    }
  });

/**
 * Reads `cloudDeployments.providers.azure`. Without the block (or with
 * `sandbox: true`) the provider runs against the in-process sandbox, with
 * the configured subscriptions if any (their credentials and endpoints
 * unused) or a single `sandbox` one. Throws on invalid values, so that a
 * misconfiguration stops the backend at start; messages never contain
 * secrets.
 */
export function readAciConfig(rootConfig: Config): AciConfig {
  const config = readConfigWithSchema(
    rootConfig,
    AZURE_PROVIDER_CONFIG_KEY,
    // Without the block: the sandbox.
    aciConfigSchema.default({ sandbox: true }),
  );
  const sandbox = config.sandbox ?? false;
  const timeoutMs = config.timeoutMs ?? 30000;
  const subscriptions = (config.subscriptions ?? []).map(
    (subscription): AciSubscription => {
      const { id, subscriptionId, resourceGroup, regions } = subscription;
      const { tenantId, clientId, clientSecret, endpoint } = subscription;
      return {
        id,
        subscriptionId,
        resourceGroup,
        ...(regions ? { regions: [...new Set(regions)] } : {}),
        // The sandbox takes no credentials and has its own endpoint.
        ...(!sandbox && tenantId ? { tenantId } : {}),
        ...(!sandbox && clientId ? { clientId } : {}),
        ...(!sandbox && clientSecret ? { clientSecret } : {}),
        ...(!sandbox && endpoint ? { endpoint } : {}),
      };
    },
  );
  if (sandbox && subscriptions.length === 0) {
    return { sandbox, timeoutMs, subscriptions: [SANDBOX_SUBSCRIPTION] };
  }
  return { sandbox, timeoutMs, subscriptions };
}
