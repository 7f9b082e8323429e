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
import { int } from './fields';

// What the cost reports group deployments by.
const groupBySchema = z.enum(['owner', 'provider', 'environment'], {
  errorMap: () => ({ message: 'must be one of owner, provider, environment' }),
});

/**
 * The query of `GET /deployments/{id}/costs`: the last `days` full UTC days
 * (default 30) of the deployment's cost history.
 *
 * @public
 */
export const deploymentCostsQuerySchema = z
  .object({
    days: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 366))
      .optional(),
  })
  .strict();

/**
 * A valid cost history query.
 *
 * @public
 */
export type DeploymentCostsQuery = z.input<typeof deploymentCostsQuerySchema>;

/**
 * The query of `GET /costs/estimate-vs-actual`: the last `days` full UTC
 * days (default 7), grouped by owner (default), provider or environment.
 *
 * @public
 */
export const estimateVsActualQuerySchema = z
  .object({
    groupBy: groupBySchema.optional(),
    days: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 90))
      .optional(),
  })
  .strict();

/**
 * A valid estimate-vs-actual query.
 *
 * @public
 */
export type EstimateVsActualQuery = z.input<typeof estimateVsActualQuerySchema>;

/**
 * The query of `GET /costs/daily`: the last `days` full UTC days (default
 * 30) and today so far, grouped by owner (default), provider or environment.
 *
 * @public
 */
export const costTimelineQuerySchema = z
  .object({
    groupBy: groupBySchema.optional(),
    days: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 366))
      .optional(),
  })
  .strict();

/**
 * A valid cost timeline query.
 *
 * @public
 */
export type CostTimelineQuery = z.input<typeof costTimelineQuerySchema>;

/**
 * The query of `GET /costs/forecast`: none (any field is refused).
 *
 * @public
 */
export const costForecastQuerySchema = z.object({}).strict();

/**
 * The query of `GET /costs/movers`: the last `days` full UTC days (default
 * 7) against the `days` before them, and the `limit` largest rises and falls
 * (default 5 each).
 *
 * @public
 */
export const costMoversQuerySchema = z
  .object({
    days: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 45))
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 50))
      .optional(),
  })
  .strict();

/**
 * A valid top movers query.
 *
 * @public
 */
export type CostMoversQuery = z.input<typeof costMoversQuerySchema>;

/**
 * The query of `GET /costs/budgets`: none (any field is refused).
 *
 * @public
 */
export const budgetSpendQuerySchema = z.object({}).strict();

/**
 * The query of `GET /costs/emissions`: none (any field is refused).
 *
 * @public
 */
export const emissionsOverviewQuerySchema = z.object({}).strict();

/**
 * The query of `GET /costs/ttl-savings`: the period the savings are counted
 * over — this calendar month (UTC, default), the last 30 days, or all time.
 *
 * @public
 */
export const ttlSavingsQuerySchema = z
  .object({
    period: z
      .enum(['month', '30d', 'all'], {
        errorMap: () => ({ message: 'must be one of month, 30d, all' }),
      })
      .optional(),
  })
  .strict();

/**
 * A valid TTL savings query.
 *
 * @public
 */
export type TtlSavingsQuery = z.input<typeof ttlSavingsQuerySchema>;
