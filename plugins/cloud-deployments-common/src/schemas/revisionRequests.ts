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
import { int, textSchema } from './fields';

// The column is a 32-bit integer; beyond it no revision can exist.
const MAX_REVISION = 2_147_483_647;
const revisionNumber = () => int(1, MAX_REVISION);

/**
 * The body of `POST /deployments/{id}/rollback`: the revision to restore
 * (default: the one before the current) and why.
 *
 * @public
 */
export const rollbackRequestSchema = z
  .object({
    revision: z
      .number({ invalid_type_error: 'must be a number' })
      .pipe(revisionNumber())
      .optional(),
    reason: textSchema()
      .trim()
      .max(2000, 'must be at most 2000 characters')
      .optional(),
  })
  .strict();

/**
 * A valid rollback body.
 *
 * @public
 */
export type RollbackRequest = z.input<typeof rollbackRequestSchema>;

/**
 * The query of `GET /deployments/{id}/revisions`: at most `limit` revisions
 * (default 50) older than `before`, newest first.
 *
 * @public
 */
export const listRevisionsQuerySchema = z
  .object({
    before: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(revisionNumber())
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 200))
      .optional(),
  })
  .strict();

/**
 * A valid revisions query.
 *
 * @public
 */
export type ListRevisionsQuery = z.input<typeof listRevisionsQuerySchema>;
