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
import { DEPLOYMENT_PROVIDERS } from '../types';
import { deploymentComputeSchema } from './deploymentSpec';
import { usageAssumptionsSchema } from './estimateRequest';
import { regionSchema } from './fields';

/**
 * Regions per target in one compare: enough for a side by side, bounded in work.
 *
 * @public
 */
export const MAX_COMPARE_REGIONS = 10;

const regionList = z
  .array(regionSchema)
  .min(1, 'must list at least one region')
  .max(MAX_COMPARE_REGIONS, `must list at most ${MAX_COMPARE_REGIONS} regions`);

/**
 * The workload of a compare: the compute fields of `POST /estimates` that
 * every target understands. The instance type is the compare's to choose.
 *
 * @public
 */
export const compareWorkloadSchema = deploymentComputeSchema
  .innerType()
  .omit({ instanceType: true })
  .required({ cpu: true, memoryMiB: true })
  .strict();

/**
 * The body of `POST /estimates/compare`: one workload priced on every
 * installed target (or those in `providers`) in the regions asked. A target
 * without regions is priced in its reference region; Kubernetes is always
 * priced on the configured node, so it takes no regions. `sort` orders the
 * options by monthly cost (default) or monthly emissions.
 *
 * @public
 */
export const compareRequestSchema = z
  .object({
    compute: compareWorkloadSchema,
    usage: usageAssumptionsSchema.optional(),
    regions: z
      .object({
        'aws-sagemaker': regionList.optional(),
        'gcp-cloud-run': regionList.optional(),
        'azure-container-instances': regionList.optional(),
      })
      .strict()
      .optional(),
    providers: z
      .array(
        z.enum(DEPLOYMENT_PROVIDERS, {
          errorMap: () => ({
            message: `must be one of ${DEPLOYMENT_PROVIDERS.join(', ')}`,
          }),
        }),
      )
      .min(1, 'must list at least one provider')
      .max(DEPLOYMENT_PROVIDERS.length)
      .optional(),
    sort: z
      .enum(['cost', 'emissions'], {
        errorMap: () => ({ message: 'must be one of cost, emissions' }),
      })
      .optional()
      .describe(
        'Order the options by monthly cost (default) or monthly emissions, lowest first; options without a figure come last, never as 0.',
      ),
  })
  .strict()
  .superRefine((body, ctx) => {
    const { minInstances, maxInstances } = body.compute;
    if (
      minInstances !== undefined &&
      maxInstances !== undefined &&
      minInstances > maxInstances
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['compute', 'minInstances'],
        message: 'must not be greater than maxInstances',
      });
    }
  });

/**
 * A valid `POST /estimates/compare` body.
 *
 * @public
 */
export type CompareRequest = z.infer<typeof compareRequestSchema>;
