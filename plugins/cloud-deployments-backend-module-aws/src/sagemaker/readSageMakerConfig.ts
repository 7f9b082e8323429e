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
import { AWS_REGION_PATTERN } from '../config';

/** The config key under which the SageMaker provider is configured. */
export const SAGEMAKER_CONFIG_KEY = 'cloudDeployments.providers.aws';

/** The role models get in the sandbox, which checks no permissions. */
export const SANDBOX_EXECUTION_ROLE_ARN =
  'arn:aws:iam::123456789012:role/cloud-deployments-sandbox';

/** The account used when the sandbox runs without configured accounts. */
export const SANDBOX_ACCOUNT: SageMakerAccount = {
  id: 'sandbox',
  executionRoleArn: SANDBOX_EXECUTION_ROLE_ARN,
};

const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * Static AWS credentials of an account.
 *
 * @public
 */
export type SageMakerCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

/**
 * An AWS account (and credentials) the SageMaker provider deploys into.
 *
 * @public
 */
export type SageMakerAccount = {
  /** What `spec.account` refers to. */
  id: string;
  /** The IAM role SageMaker assumes for the models it hosts. */
  executionRoleArn: string;
  /** The regions deployments may use; any region when absent. */
  regions?: string[];
  /** Overrides the SageMaker API endpoint, e.g. a VPC endpoint or a proxy. */
  endpoint?: string;
  /** Static credentials; the AWS SDK's default credential chain when absent. */
  credentials?: SageMakerCredentials;
};

/** What `cloudDeployments.providers.aws` configures. */
export type SageMakerConfig = {
  /** True when the provider talks to the in-process sandbox. */
  sandbox: boolean;
  /** The first is the default. */
  accounts: SageMakerAccount[];
  /** Time limit of one SageMaker API request, in milliseconds. */
  timeoutMs: number;
};

const credentialsSchema = z
  .object({
    accessKeyId: z.string().optional(),
    secretAccessKey: z.string().optional(),
    sessionToken: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.accessKeyId === undefined) !== (c.secretAccessKey === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'set both accessKeyId and secretAccessKey, or neither to use the default AWS credential chain',
      });
    } else if (c.sessionToken !== undefined && c.accessKeyId === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'sessionToken needs accessKeyId and secretAccessKey',
      });
    }
  });

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const accountSchema = z
  .object({
    id: z.string().refine(
      id => ACCOUNT_ID.test(id),
      id => ({
        message: `'${id}' must be lowercase letters, digits and dashes (at most 63), as spec.account uses it`,
      }),
    ),
    // Required outside the sandbox; checked with the whole config below.
    executionRoleArn: z
      .string()
      .refine(
        arn => ROLE_ARN.test(arn),
        arn => ({
          message: `'${arn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution`,
        }),
      )
      .optional(),
    regions: z
      .array(z.string())
      .min(1, 'list at least one region, or leave it out')
      .superRefine(
        everyItemMatches(
          AWS_REGION_PATTERN,
          region => `'${region}' is not an AWS region code such as us-east-1`,
        ),
      )
      .optional(),
    endpoint: z
      .string()
      .refine(isHttpUrl, endpoint => ({
        message: `'${endpoint}' is not an http(s) URL`,
      }))
      .optional(),
  })
  .and(credentialsSchema);

const sageMakerConfigSchema = z
  .object({
    timeoutMs: positiveIntegerConfig(),
    sandbox: booleanConfig(),
    accounts: z.array(accountSchema).optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [i, account] of (c.accounts ?? []).entries()) {
      if (!c.sandbox && account.executionRoleArn === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['accounts', i, 'executionRoleArn'],
          message:
            'is required: the ARN of the IAM role SageMaker assumes for the models, e.g. arn:aws:iam::123456789012:role/SageMakerExecution',
        });
      }
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
          'list at least one AWS account, or set sandbox: true to use the local sandbox',
      });
    }
  });

/**
 * Reads `cloudDeployments.providers.aws`. Without the block (or with
 * `sandbox: true`) the provider runs against the in-process sandbox, with
 * the configured accounts if any (their credentials and endpoints unused)
 * or a single `sandbox` account. Throws on invalid values, so that a
 * misconfiguration stops the backend at start; messages never contain
 * credentials.
 */
export function readSageMakerConfig(rootConfig: Config): SageMakerConfig {
  const config = readConfigWithSchema(
    rootConfig,
    SAGEMAKER_CONFIG_KEY,
    // Without the block: the sandbox.
    sageMakerConfigSchema.default({ sandbox: true }),
  );
  const sandbox = config.sandbox ?? false;
  const accounts = (config.accounts ?? []).map((account): SageMakerAccount => {
    const { id, regions, endpoint, accessKeyId, secretAccessKey } = account;
    const { sessionToken } = account;
    return {
      id,
      executionRoleArn: account.executionRoleArn ?? SANDBOX_EXECUTION_ROLE_ARN,
      ...(regions ? { regions: [...new Set(regions)] } : {}),
      ...(endpoint && !sandbox ? { endpoint } : {}),
      ...(accessKeyId && secretAccessKey && !sandbox
        ? {
            credentials: {
              accessKeyId,
              secretAccessKey,
              ...(sessionToken !== undefined ? { sessionToken } : {}),
            },
          }
        : {}),
    };
  });
  return {
    sandbox,
    timeoutMs: config.timeoutMs ?? 30000,
    accounts: sandbox && accounts.length === 0 ? [SANDBOX_ACCOUNT] : accounts,
  };
}
