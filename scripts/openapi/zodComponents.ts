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
import {
  approvalDecisionRequestSchema,
  compareRequestSchema,
  createBudgetRequestSchema,
  createDeploymentRequestSchema,
  createWorkspaceRequestSchema,
  deploymentArtifactSchema,
  deploymentComputeSchema,
  deploymentSpecSchema,
  estimateRequestSchema,
  forceUnlockRequestSchema,
  kubernetesApplyRequestSchema,
  listBudgetsQuerySchema,
  listDeploymentsQuerySchema,
  listEventsQuerySchema,
  listRevisionsQuerySchema,
  deploymentCostsQuerySchema,
  estimateVsActualQuerySchema,
  costTimelineQuerySchema,
  costForecastQuerySchema,
  costMoversQuerySchema,
  budgetSpendQuerySchema,
  ttlSavingsQuerySchema,
  emissionsOverviewQuerySchema,
  listStateVersionsQuerySchema,
  NO_NUL,
  planEstimateRequestSchema,
  priceQuerySchema,
  renderQuerySchema,
  rollbackRequestSchema,
  stateRollbackRequestSchema,
  planConfirmationRequestSchema,
  planDecisionRequestSchema,
  updateBudgetRequestSchema,
  updateDeploymentRequestSchema,
  usageAssumptionsSchema,
  WELL_FORMED,
  acceptDriftRequestSchema,
  listRecommendationsQuerySchema,
  updateRecommendationRequestSchema,
  putDrPlanRequestSchema,
  drActionRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { z } from 'zod/v3';

/** The zod schemas that become `components.schemas`, by component name. */
export const NAMED_SCHEMAS: Record<string, z.ZodTypeAny> = {
  CreateDeploymentRequest: createDeploymentRequestSchema,
  UpdateDeploymentRequest: updateDeploymentRequestSchema,
  DeploymentSpec: deploymentSpecSchema,
  DeploymentArtifact: deploymentArtifactSchema,
  DeploymentCompute: deploymentComputeSchema,
  EstimateRequest: estimateRequestSchema,
  CompareRequest: compareRequestSchema,
  UsageAssumptions: usageAssumptionsSchema,
  PlanEstimateRequest: planEstimateRequestSchema,
  KubernetesApplyRequest: kubernetesApplyRequestSchema,
  CreateWorkspaceRequest: createWorkspaceRequestSchema,
  StateRollbackRequest: stateRollbackRequestSchema,
  PlanConfirmationRequest: planConfirmationRequestSchema,
  PlanDecisionRequest: planDecisionRequestSchema,
  ForceUnlockRequest: forceUnlockRequestSchema,
  CreateBudgetRequest: createBudgetRequestSchema,
  UpdateBudgetRequest: updateBudgetRequestSchema,
  ApprovalDecisionRequest: approvalDecisionRequestSchema,
  RollbackRequest: rollbackRequestSchema,
  AcceptDriftRequest: acceptDriftRequestSchema,
  UpdateRecommendationRequest: updateRecommendationRequestSchema,
  PutDrPlanRequest: putDrPlanRequestSchema,
  DrActionRequest: drActionRequestSchema,
};

/** The zod object schemas an operation's `x-zod-query` may name. */
export const QUERY_SCHEMAS: Record<string, z.AnyZodObject> = {
  listDeploymentsQuerySchema,
  listEventsQuerySchema,
  priceQuerySchema,
  listStateVersionsQuerySchema,
  listBudgetsQuerySchema,
  listRevisionsQuerySchema,
  deploymentCostsQuerySchema,
  estimateVsActualQuerySchema,
  costTimelineQuerySchema,
  costForecastQuerySchema,
  listRecommendationsQuerySchema,
  costMoversQuerySchema,
  budgetSpendQuerySchema,
  ttlSavingsQuerySchema,
  emissionsOverviewQuerySchema,
  renderQuerySchema,
};

type Json = Record<string, any>;

/**
 * One zod schema as an OpenAPI 3.0 schema. The input side of transforms and
 * preprocessors is what a client sends; a pipe's output side has the bounds
 * (`z.coerce.number().pipe(int(1, 200))` is an integer from 1 to 200).
 * Other named schemas become `$ref`s.
 */
function toOpenApi(schema: z.ZodTypeAny, self?: string): Json {
  const definitions = Object.fromEntries(
    Object.entries(NAMED_SCHEMAS).filter(([name]) => name !== self),
  );
  const { schemas: _definitions, ...json } = zodToJsonSchema(schema, {
    target: 'openApi3',
    effectStrategy: 'input',
    pipeStrategy: 'output',
    basePath: ['#', 'components'],
    definitionPath: 'schemas',
    definitions,
    // Named schemas become $refs; any other schema used twice is inlined
    // (the library would point at where it first saw it).
    $refStrategy: 'none',
    override: (_def, _refs, seen, forceResolution) =>
      !forceResolution &&
      seen?.path.length === 4 &&
      seen.path[2] === 'schemas' &&
      seen.path[3] in definitions
        ? { $ref: seen.path.join('/') }
        : ignoreOverride,
  }) as Json;
  return withoutTextPatterns(json);
}

// Every text field refuses lone surrogates and NUL (said once in the spec's
// description); as patterns on every string they would only be noise.
const TEXT_PATTERNS = new Set([WELL_FORMED.source, NO_NUL.source]);

function withoutTextPatterns(value: any): any {
  if (Array.isArray(value)) return value.map(withoutTextPatterns);
  if (typeof value !== 'object' || value === null) return value;
  const result: Json = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = withoutTextPatterns(item);
  }
  if (TEXT_PATTERNS.has(result.pattern)) delete result.pattern;
  // z.undefined(): a field that may not be sent (an immutable one).
  if (
    Object.keys(result).length === 1 &&
    result.not &&
    !Object.keys(result.not).length
  ) {
    result.description = 'Cannot be sent here.';
  }
  if (Array.isArray(result.allOf)) {
    // The text patterns of the parts are gone already, leaving them empty.
    const kept = result.allOf.filter(
      (part: Json) => Object.keys(part).length > 0,
    );
    delete result.allOf;
    if (
      kept.length === 1 &&
      Object.keys(kept[0]).length === 1 &&
      kept[0].pattern
    ) {
      result.pattern = kept[0].pattern;
    } else if (kept.length) {
      result.allOf = kept;
    }
  }
  return result;
}

/** `components.schemas` generated from {@link NAMED_SCHEMAS}. */
export function generatedComponentSchemas(): Json {
  return Object.fromEntries(
    Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [
      name,
      toOpenApi(schema, name),
    ]),
  );
}

/**
 * The query parameters of a zod object schema: one per field, arrays repeated
 * (`?status=active&status=failed`), as the backend reads them.
 */
export function queryParameters(name: string, omit: string[] = []): Json[] {
  const schema = QUERY_SCHEMAS[name];
  if (!schema) {
    throw new Error(
      `x-zod-query: ${name} is not one of ${Object.keys(QUERY_SCHEMAS).join(
        ', ',
      )}`,
    );
  }
  const json = toOpenApi(schema);
  const required = new Set<string>(json.required ?? []);
  return Object.entries(json.properties as Json)
    .filter(([field]) => !omit.includes(field))
    .map(([field, fieldSchema]) => {
      const { description, ...rest } = fieldSchema as Json;
      return {
        name: field,
        in: 'query',
        required: required.has(field),
        // Backstage's OpenAPI lint asks every query parameter to say it.
        allowReserved: true,
        ...(description ? { description } : {}),
        ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
        schema: rest,
      };
    });
}
