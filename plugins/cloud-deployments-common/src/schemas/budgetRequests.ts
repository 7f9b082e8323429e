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
import { entityRefSchema, environmentSchema, int, oneOrMany } from './fields';

/**
 * The largest monthly amount a budget may have, in US dollars: far above any
 * team's spend, and well inside the database column (14 digits, 2 decimals).
 *
 * @public
 */
export const MAX_BUDGET_AMOUNT = 1_000_000_000;

const amountSchema = z
  .number({
    required_error: 'is required',
    invalid_type_error: 'must be a number of US dollars',
  })
  .positive('must be greater than 0')
  .max(MAX_BUDGET_AMOUNT, `must be at most ${MAX_BUDGET_AMOUNT}`)
  .multipleOf(0.01, 'must be whole cents (at most 2 decimals)');

// Percentages of the amount; more than 100 warns of an overrun that far.
const thresholdsSchema = z
  .array(int(1, 1000), { invalid_type_error: 'must be a list of percentages' })
  .min(1, 'must name at least one percentage')
  .max(10, 'must name at most 10 percentages')
  .superRefine((values, ctx) => {
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    if (repeated !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must not repeat a percentage (${repeated})`,
      });
    }
  })
  .transform(values => [...values].sort((a, b) => a - b));

/**
 * The alert thresholds a budget gets when its request names none.
 *
 * @public
 */
export const DEFAULT_BUDGET_THRESHOLDS = [80, 100];

const immutable = (field: string) =>
  z
    .undefined({
      invalid_type_error: `${field} cannot be changed; delete the budget and create one for the new scope`,
    })
    .optional();

/**
 * The body of `POST /budgets`: a monthly amount for an owner group, optionally
 * narrowed to one system or environment, and the percentages of it that
 * alert.
 *
 * @public
 */
export const createBudgetRequestSchema = z
  .object({
    owner: entityRefSchema('Group'),
    system: entityRefSchema('System').optional(),
    environment: environmentSchema.optional(),
    amount: amountSchema,
    thresholds: thresholdsSchema.optional(),
  })
  .strict();

/**
 * A valid `POST /budgets` body.
 *
 * @public
 */
export type CreateBudgetRequest = z.infer<typeof createBudgetRequestSchema>;

/**
 * The body of `PATCH /budgets/:id`: a new amount or thresholds, and the
 * version they were read at. The scope (owner, system, environment) is fixed.
 *
 * @public
 */
export const updateBudgetRequestSchema = z
  .object({
    version: int(1, Number.MAX_SAFE_INTEGER),
    amount: amountSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    owner: immutable('owner'),
    system: immutable('system'),
    environment: immutable('environment'),
  })
  .strict();

/**
 * A valid `PATCH /budgets/:id` body.
 *
 * @public
 */
export type UpdateBudgetRequest = z.infer<typeof updateBudgetRequestSchema>;

/**
 * The query of `GET /budgets`: each filter may repeat.
 *
 * @public
 */
export const listBudgetsQuerySchema = z
  .object({
    owner: oneOrMany(entityRefSchema('Group')).optional(),
    system: oneOrMany(entityRefSchema('System')).optional(),
    environment: oneOrMany(environmentSchema).optional(),
  })
  .strict();

/**
 * A valid `GET /budgets` query.
 *
 * @public
 */
export type ListBudgetsQuery = z.infer<typeof listBudgetsQuerySchema>;
