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
import { GCP_REGION_PATTERN } from '../gcpRegion';
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
export const PROJECT_ID =
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

/** Credentials as JSON text or an object, with a `type`; never quoted. */
export const credentialsSchema = z.unknown().transform((value, ctx) => {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      // JSON.parse quotes the input in its message; never show a secret.
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'not valid JSON; expected the content of a service account key file',
      });
      return z.NEVER;
    }
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    typeof (parsed as { type?: unknown }).type !== 'string'
  ) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'expected a credentials JSON object with a "type", such as a service account key',
    });
    return z.NEVER;
  }
  return parsed as Record<string, unknown>;
});

const accountSchema = z
  .object({
    id: z.string().refine(
      id => ACCOUNT_ID.test(id),
      id => ({
        message: `'${id}' must be lowercase letters, digits and dashes (at most 63), as spec.account uses it`,
      }),
    ),
    projectId: z.string().refine(
      projectId => PROJECT_ID.test(projectId),
      projectId => ({
        message: `'${projectId}' is not a Google Cloud project id`,
      }),
    ),
    regions: z
      .array(z.string())
      .min(1, 'list at least one region, or leave it out')
      .superRefine(
        everyItemMatches(
          GCP_REGION_PATTERN,
          region =>
            `'${region}' is not a Google Cloud region such as us-central1`,
        ),
      )
      .optional(),
    credentials: credentialsSchema.optional(),
    keyFilename: z.string().optional(),
    apiEndpoint: z
      .string()
      .superRefine((apiEndpoint, ctx) => {
        try {
          parseApiEndpoint(apiEndpoint);
        } catch (error) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: (error as Error).message,
          });
        }
      })
      .optional(),
  })
  .refine(
    a => !(a.credentials && a.keyFilename),
    'set credentials or keyFilename, not both',
  );

const cloudRunConfigSchema = z
  .object({
    timeoutMs: positiveIntegerConfig(),
    sandbox: booleanConfig(),
    accounts: z.array(accountSchema).optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [i, account] of (c.accounts ?? []).entries()) {
      if (seen.has(account.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['accounts', i, 'id'],
          message: `'${account.id}' is used by two accounts`,
        });
      }
      seen.add(account.id);
    }
    if (!c.sandbox && !c.accounts?.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['accounts'],
        message:
          'list at least one Google Cloud project, or set sandbox: true to use the local sandbox',
      });
    }
  });

/**
 * Reads `cloudDeployments.providers.gcp`. Without the block (or with
 * `sandbox: true`) the provider runs against the in-process sandbox, with
 * the configured accounts if any (their credentials unused) or a single
 * `sandbox` project. Throws on invalid values, so that a misconfiguration
 * stops the backend at start; messages never contain credentials.
 */
export function readCloudRunConfig(rootConfig: Config): CloudRunConfig {
  const config = readConfigWithSchema(
    rootConfig,
    CLOUD_RUN_CONFIG_KEY,
    // Without the block: the sandbox.
    cloudRunConfigSchema.default({ sandbox: true }),
  );
  const sandbox = config.sandbox ?? false;
  const timeoutMs = config.timeoutMs ?? 30000;
  const accounts = (config.accounts ?? []).map(
    ({ id, projectId, regions, ...access }): CloudRunAccount => ({
      id,
      projectId,
      ...(regions ? { regions: [...new Set(regions)] } : {}),
      // The sandbox takes no credentials and has its own endpoint.
      ...(!sandbox && access.credentials
        ? { credentials: access.credentials }
        : {}),
      ...(!sandbox && access.keyFilename
        ? { keyFilename: access.keyFilename }
        : {}),
      ...(!sandbox && access.apiEndpoint
        ? { apiEndpoint: access.apiEndpoint }
        : {}),
    }),
  );
  if (sandbox && accounts.length === 0) {
    return { sandbox, timeoutMs, accounts: [SANDBOX_ACCOUNT] };
  }
  return { sandbox, timeoutMs, accounts };
}
