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

/**
 * The usage an estimate assumes, where the defaults do not fit.
 *
 * @public
 */
export const usageAssumptionsSchema = z
  .object({
    hoursPerMonth: z
      .number()
      .positive('must be greater than 0')
      .max(744, 'must be at most 744 (31 days)')
      .optional(),
    requestsPerMonth: int(0, 1e12).optional(),
    avgRequestDurationMs: z
      .number()
      .positive('must be greater than 0')
      .max(3_600_000, 'must be at most 3600000 (an hour)')
      .optional(),
    billing: z
      .enum(['request', 'instance'], {
        errorMap: () => ({ message: 'must be one of request, instance' }),
      })
      .optional(),
    os: z
      .enum(['linux', 'windows'], {
        errorMap: () => ({ message: 'must be one of linux, windows' }),
      })
      .optional(),
    applyFreeTier: z.boolean().optional(),
    /** CPU (and GPU) utilisation while running, 0–1, for the emissions estimate. Default 0.5. */
    cpuUtilization: z
      .number()
      .min(0, 'must be at least 0')
      .max(1, 'must be at most 1 (100 %)')
      .optional(),
  })
  .strict();
