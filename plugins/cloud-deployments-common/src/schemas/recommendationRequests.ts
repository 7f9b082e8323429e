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
import {
  RECOMMENDATION_KINDS,
  RECOMMENDATION_STATUSES,
  RecommendationKind,
  RecommendationStatus,
} from '../recommendations';
import { int, oneOrMany, textSchema, visibleText } from './fields';

/**
 * The query of `GET /recommendations`: filters by status (default: open and
 * accepted), kind and deployment.
 *
 * @public
 */
export const listRecommendationsQuerySchema = z
  .object({
    status: oneOrMany(
      z.enum(RECOMMENDATION_STATUSES, {
        errorMap: () => ({
          message: `must be one of ${RECOMMENDATION_STATUSES.join(', ')}`,
        }),
      }),
    ).optional(),
    kind: oneOrMany(
      z.enum(RECOMMENDATION_KINDS, {
        errorMap: () => ({
          message: `must be one of ${RECOMMENDATION_KINDS.join(', ')}`,
        }),
      }),
    ).optional(),
    deploymentId: textSchema()
      .max(100, 'must be at most 100 characters')
      .optional(),
  })
  .strict();

/**
 * A valid recommendations query.
 *
 * @public
 */
export type ListRecommendationsQuery = {
  status?: RecommendationStatus[];
  kind?: RecommendationKind[];
  deploymentId?: string;
};

/**
 * The body of `PATCH /recommendations/{id}`: accept or dismiss a
 * recommendation, or open it again, at the version it was read at. Accepting
 * changes nothing in the cloud: the proposal's change is applied through the
 * edit screen.
 *
 * @public
 */
export const updateRecommendationRequestSchema = z
  .object({
    status: z.enum(['open', 'accepted', 'dismissed'], {
      errorMap: () => ({
        message: 'must be one of open, accepted, dismissed',
      }),
    }),
    version: int(1, Number.MAX_SAFE_INTEGER),
    reason: visibleText(500).optional(),
  })
  .strict();

/**
 * A valid recommendation change.
 *
 * @public
 */
export type UpdateRecommendationRequest = z.input<
  typeof updateRecommendationRequestSchema
>;
