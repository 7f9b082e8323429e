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
import { DEPLOYMENT_STATUSES } from '../types';
import {
  checkTargetRules,
  deploymentArtifactSchema,
  deploymentComputeSchema,
  specShape,
} from './deploymentSpec';
import { usageAssumptionsSchema } from './usageAssumptions';
import {
  deploymentNameSchema,
  entityRefSchema,
  environmentSchema,
  int,
  isoDurationSchema,
  oneOrMany,
  textSchema,
  visibleText,
} from './fields';

/**
 * The body of `POST /deployments`.
 *
 * @public
 */
export const createDeploymentRequestSchema = z
  .object({
    name: deploymentNameSchema,
    title: visibleText(200).optional(),
    description: visibleText(2000).optional(),
    ...specShape,
  })
  .strict()
  .superRefine(checkTargetRules);

/**
 * A valid `POST /deployments` body.
 *
 * @public
 */
export type CreateDeploymentRequest = z.infer<
  typeof createDeploymentRequestSchema
>;

const immutable = (field: string) =>
  z
    .undefined({
      invalid_type_error: `${field} cannot be changed after creation; create a new deployment instead`,
    })
    .optional();

/**
 * The body of `PATCH /deployments/:id`: the fields to change, and the version
 * they were read at. `null` clears an optional field. The merged result is
 * validated again as a whole spec.
 *
 * @public
 */
export const updateDeploymentRequestSchema = z
  .object({
    version: int(1, Number.MAX_SAFE_INTEGER),
    title: visibleText(200).nullable().optional(),
    description: visibleText(2000).nullable().optional(),
    owner: specShape.owner.optional(),
    system: entityRefSchema('System').nullable().optional(),
    artifact: deploymentArtifactSchema.optional(),
    compute: deploymentComputeSchema.optional(),
    ttl: isoDurationSchema.nullable().optional(),
    // The whole set: variables left out are removed; `null` removes all.
    env: specShape.env.unwrap().nullable().optional(),
    // `{}` puts every assumption back to its default.
    usage: usageAssumptionsSchema.optional(),
    driftRemediation: specShape.driftRemediation.nullable(),
    name: immutable('name'),
    // The name is unique within it, and the catalog entity lives in it.
    environment: immutable('environment'),
    provider: immutable('provider'),
    region: immutable('region'),
    account: immutable('account'),
    component: immutable('component'),
    engine: immutable('engine'),
  })
  .strict();

/**
 * A valid `PATCH /deployments/:id` body.
 *
 * @public
 */
export type UpdateDeploymentRequest = z.infer<
  typeof updateDeploymentRequestSchema
>;

/**
 * The columns `GET /deployments` sorts by. `monthlyCost` and `expiresAt` put
 * deployments without a known cost, or without a TTL, last in either order;
 * `createdAt` is the default.
 *
 * @public
 */
export const DEPLOYMENT_SORT_FIELDS = [
  'name',
  'status',
  'provider',
  'region',
  'environment',
  'owner',
  'monthlyCost',
  'createdAt',
  'updatedAt',
  'expiresAt',
] as const;

/**
 * A column `GET /deployments` sorts by.
 *
 * @public
 */
export type DeploymentSortField = (typeof DEPLOYMENT_SORT_FIELDS)[number];

/**
 * The query of `GET /deployments`.
 *
 * @public
 */
export const listDeploymentsQuerySchema = z
  .object({
    owner: oneOrMany(entityRefSchema('Group', 'User')).optional(),
    component: oneOrMany(entityRefSchema('Component')).optional(),
    provider: oneOrMany(specShape.provider).optional(),
    status: oneOrMany(
      z.enum(DEPLOYMENT_STATUSES, {
        errorMap: () => ({
          message: `must be one of ${DEPLOYMENT_STATUSES.join(', ')}`,
        }),
      }),
    ).optional(),
    environment: oneOrMany(environmentSchema).optional(),
    q: textSchema().max(100, 'must be at most 100 characters').optional(),
    /** Only deployments whose TTL runs out within this long from now (or already ran out). */
    expiresWithin: isoDurationSchema.optional(),
    sort: z
      .enum(DEPLOYMENT_SORT_FIELDS, {
        errorMap: () => ({
          message: `must be one of ${DEPLOYMENT_SORT_FIELDS.join(', ')}`,
        }),
      })
      .optional(),
    order: z
      .enum(['asc', 'desc'], {
        errorMap: () => ({ message: 'must be asc or desc' }),
      })
      .optional(),
    cursor: textSchema().max(600, 'is not a valid cursor').optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 200))
      .optional(),
  })
  .strict();

/**
 * A valid `GET /deployments` query.
 *
 * @public
 */
export type ListDeploymentsQuery = z.infer<typeof listDeploymentsQuerySchema>;

/**
 * The query of `GET /deployments/:id/events`.
 *
 * @public
 */
export const listEventsQuerySchema = z
  .object({
    after: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(0, Number.MAX_SAFE_INTEGER))
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 1000))
      .optional(),
  })
  .strict();
