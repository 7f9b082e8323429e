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
import { DR_MODES, DrMode } from '../dr';
import { accountSchema, int, regionSchema } from './fields';

/**
 * The body of `PUT /deployments/{id}/dr`: the standby's region (and
 * account, the primary's by default), its mode and the recovery-time
 * objective in minutes (1 minute to 7 days). `version` is the plan's, when
 * one exists (to replace it), left out to make the first.
 *
 * @public
 */
export const putDrPlanRequestSchema = z
  .object({
    standbyRegion: regionSchema,
    standbyAccount: accountSchema.optional(),
    mode: z.enum(DR_MODES, {
      errorMap: () => ({ message: `must be one of ${DR_MODES.join(', ')}` }),
    }),
    rtoMinutes: int(1, 7 * 24 * 60),
    version: int(1, Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

/**
 * A valid DR plan request.
 *
 * @public
 */
export type PutDrPlanRequest = {
  standbyRegion: string;
  standbyAccount?: string;
  mode: DrMode;
  rtoMinutes: number;
  version?: number;
};

/**
 * The body of a DR action (failover, failback, test, or removing the plan):
 * the plan's version as read, to act only on what the caller saw. Optional:
 * an operator failing over in a hurry need not read the plan first.
 *
 * @public
 */
export const drActionRequestSchema = z
  .object({ version: int(1, Number.MAX_SAFE_INTEGER).optional() })
  .strict();

/**
 * A valid DR action request.
 *
 * @public
 */
export type DrActionRequest = { version?: number };
