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
import { textSchema } from './fields';

/**
 * The body of `POST /deployments/{id}/approvals/{approvalId}/approve` and
 * `…/reject`: the approver's comment, which the audit log and the requester
 * see.
 *
 * @public
 */
export const approvalDecisionRequestSchema = z
  .object({
    comment: textSchema()
      .trim()
      .min(1, 'must say why')
      .max(2000, 'must be at most 2000 characters'),
  })
  .strict();

/**
 * A valid approval decision body.
 *
 * @public
 */
export type ApprovalDecisionRequest = z.input<
  typeof approvalDecisionRequestSchema
>;
