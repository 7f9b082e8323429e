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
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DEPLOYMENT_PROVIDERS,
  describeMonthlyCost,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsBackend } from '../client';
import { assertWellFormedInput } from '../wellFormedInput';

/** `cloud:estimate`: the monthly cost of a deployment, before it exists. */
export function createEstimateAction(backend: CloudDeploymentsBackend) {
  return createTemplateAction({
    id: 'cloud:estimate',
    description:
      'Estimates the monthly cost of a deployment from live cloud prices (or the dated snapshot), line by line',
    supportsDryRun: true,
    examples: [
      {
        description: 'A Cloud Run service',
        example: `steps:
  - id: estimate
    action: cloud:estimate
    input:
      provider: gcp-cloud-run
      region: europe-west1
      compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 5 }`,
      },
      {
        description:
          'With usage assumptions; a template passes the ones chosen in the form as usage: ${{ parameters.costEstimate.usage }}',
        example: `steps:
  - id: estimate
    action: cloud:estimate
    input:
      provider: gcp-cloud-run
      region: europe-west1
      compute: { cpu: 1, memoryMiB: 512 }
      usage: { requestsPerMonth: 5000000, avgRequestDurationMs: 300 }`,
      },
    ],
    schema: {
      input: {
        provider: z => z.enum(DEPLOYMENT_PROVIDERS),
        region: z => z.string(),
        compute: z => z.record(z.union([z.number(), z.string()])),
        usage: z =>
          z
            .union([
              z.record(z.union([z.number(), z.string(), z.boolean()])),
              // What a template's expression renders to when the form chose none.
              z.literal(''),
            ])
            .optional()
            .describe(
              'The usage to assume, as in POST /estimates (hoursPerMonth, requestsPerMonth, avgRequestDurationMs, billing, os, applyFreeTier); the backend checks it',
            ),
      },
      output: {
        monthlyCost: z =>
          z
            .number()
            .nullable()
            .describe('The monthly total; null when some line has no price'),
        pricedSubtotal: z =>
          z.number().describe('The sum of the lines that have a price'),
        totalKind: z =>
          z
            .enum(['exact', 'approximate', 'partial', 'unknown'])
            .describe('How sure the total is'),
        missingLines: z => z.number(),
        summary: z =>
          z
            .string()
            .describe(
              'The cost as text, e.g. "≥ $12.00 a month, 1 line unpriced": use this, not monthlyCost, in text',
            ),
        currency: z => z.string(),
        complete: z => z.boolean().describe('Every line is exact'),
        lines: z =>
          z.array(
            z.object({
              description: z.string(),
              monthlyCost: z.number().nullable(),
            }),
          ),
      },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const estimate = await backend.call(
        await ctx.getInitiatorCredentials(),
        api =>
          api.estimateCost({
            provider: ctx.input.provider,
            region: ctx.input.region,
            compute: ctx.input.compute,
            ...(ctx.input.usage ? { usage: ctx.input.usage } : {}),
          }),
      );
      for (const line of estimate.lines) {
        ctx.logger.info(
          `${line.description}: ${
            line.monthlyCost === null
              ? 'no price'
              : `${formatUsd(line.monthlyCost)}/month`
          }`,
        );
      }
      const summary = describeMonthlyCost(estimate, ' a month');
      ctx.logger.info(`Estimated monthly cost: ${summary}`);
      ctx.output('monthlyCost', estimate.monthlyTotal);
      ctx.output('pricedSubtotal', estimate.pricedSubtotal);
      ctx.output('totalKind', estimate.totalKind);
      ctx.output('missingLines', estimate.missingLines);
      ctx.output('summary', summary);
      ctx.output('currency', estimate.currency);
      ctx.output('complete', estimate.complete);
      ctx.output(
        'lines',
        estimate.lines.map(l => ({
          description: l.description,
          monthlyCost: l.monthlyCost,
        })),
      );
    },
  });
}
