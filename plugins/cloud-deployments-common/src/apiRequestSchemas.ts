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
import { z } from 'zod/v3';
import { textSchema } from './schemas/fields';

// The requests of the pricing and Terraform workspace routes, here so that the
// OpenAPI spec (scripts/openapi/generate.ts) and the client share one rule set.

const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * A Terraform state workspace name.
 *
 * @public
 */
export const workspaceNameSchema = z
  .string()
  .regex(
    WORKSPACE_NAME,
    'must be 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  );

/**
 * Whether a string can be a Terraform state workspace name.
 *
 * @public
 */
export function isWorkspaceName(name: string): boolean {
  return WORKSPACE_NAME.test(name);
}

/**
 * The query of `GET /prices`.
 *
 * @public
 */
export const priceQuerySchema = z
  .object({
    provider: z
      .enum(['aws', 'gcp', 'azure'], {
        errorMap: () => ({ message: 'must be one of aws, gcp, azure' }),
      })
      .optional(),
    service: z.string().max(64).optional(),
    region: z.string().max(64).optional(),
    sku: z.string().max(128).optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000')
      .optional(),
  })
  .strict();

/**
 * The body of `POST /estimates/plan`.
 *
 * @public
 */
export const planEstimateRequestSchema = z
  .object({
    plan: z.record(z.unknown(), {
      invalid_type_error:
        'must be the JSON of `terraform show -json <planfile>`',
      required_error:
        'is required: the JSON of `terraform show -json <planfile>`',
    }),
    awsRegion: z
      .string()
      .regex(
        /^[a-z]{2}(-[a-z]+)+-\d$/,
        'must be an AWS region like "us-east-1"',
      )
      .optional(),
  })
  .strict();

/**
 * The body of `POST /terraform/workspaces`.
 *
 * @public
 */
export const createWorkspaceRequestSchema = z
  .object({
    name: workspaceNameSchema.optional(),
    deploymentId: textSchema().optional(),
  })
  .strict();

const stateVersionNumber = z
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(2 ** 31 - 1, `must be at most ${2 ** 31 - 1}`);

/**
 * The query of `GET /terraform/workspaces/{workspace}/versions`.
 *
 * @public
 */
export const listStateVersionsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    before: z.coerce.number().pipe(stateVersionNumber).optional(),
  })
  .strict();

/**
 * The body of `POST /terraform/workspaces/{workspace}/rollback`.
 *
 * @public
 */
export const stateRollbackRequestSchema = z
  .object({ version: stateVersionNumber })
  .strict();

/**
 * The body of `POST /terraform/workspaces/{workspace}/force-unlock`.
 *
 * @public
 */
export const forceUnlockRequestSchema = z
  .object({ lockId: textSchema().min(1).max(255).optional() })
  .strict();

const dollars = z.number().finite().min(0).max(1e12);
const changeCount = z.number().int().min(0).max(1_000_000);

/**
 * The body of `POST /terraform/workspaces/{workspace}/confirmations`: a saved
 * plan, by its SHA-256, and what it does, for a person to confirm.
 *
 * @public
 */
export const planConfirmationRequestSchema = z
  .object({
    planSha256: z.string().regex(/^[0-9a-f]{64}$/),
    add: changeCount,
    change: changeCount,
    destroy: changeCount,
    monthlyBefore: dollars,
    monthlyAfter: dollars,
    description: textSchema().max(1000).optional(),
  })
  .strict();

/**
 * The body of `POST /terraform/workspaces/{workspace}/confirmations/{confirmation}/decision`.
 *
 * @public
 */
export const planDecisionRequestSchema = z
  .object({ confirm: z.boolean(), comment: textSchema().max(1000).optional() })
  .strict();
