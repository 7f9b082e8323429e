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
  checkComputeRules,
  deploymentArtifactSchema,
  deploymentComputeSchema,
  specShape,
} from './deploymentSpec';
import {
  accountSchema,
  deploymentNameSchema,
  environmentSchema,
  isoDurationSchema,
  regionSchema,
  visibleText,
} from './fields';
import { usageAssumptionsSchema } from './usageAssumptions';

export { usageAssumptionsSchema };

/**
 * The body of `POST /estimates`: what is needed to price a deployment (target,
 * region, compute), optionally the rest of a deployment request, and the
 * usage to assume.
 *
 * @public
 */
export const estimateRequestSchema = z
  .object({
    provider: specShape.provider,
    region: regionSchema,
    account: accountSchema.optional(),
    compute: deploymentComputeSchema,
    engine: specShape.engine.optional(),
    artifact: deploymentArtifactSchema.optional(),
    name: deploymentNameSchema.optional(),
    title: visibleText(200).optional(),
    description: visibleText(2000).optional(),
    owner: specShape.owner.optional(),
    component: specShape.component.optional(),
    system: specShape.system,
    environment: environmentSchema.optional(),
    ttl: isoDurationSchema.optional(),
    usage: usageAssumptionsSchema.optional(),
  })
  .strict()
  .superRefine(checkComputeRules);

/**
 * A valid `POST /estimates` body.
 *
 * @public
 */
export type EstimateRequest = z.infer<typeof estimateRequestSchema>;
