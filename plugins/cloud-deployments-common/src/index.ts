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

/**
 * Types, schemas, the catalog kind and the permissions shared by the
 * cloud-deployments plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './apiRequestSchemas';
export * from './client';
export * from './entity';
export * from './entityKind';
export * from './permissions';
export * from './pricing';
export * from './emissions';
export * from './compare';
export * from './costTotals';
export * from './budgets';
export * from './actualCosts';
export * from './costHistory';
export * from './recommendations';
export * from './dr';
export * from './regions';
export * from './costOverview';
export * from './approvals';
export * from './specChanges';
export * from './changePreview';
export * from './revisions';
export * from './quota';
export * from './connectionTest';
// The schemas' shared field rules and spec parts are building blocks, not API.
export {
  deploymentNameSchema,
  ISO_DURATION_PATTERN,
  textSchema,
} from './schemas/fields';
export {
  deploymentArtifactSchema,
  deploymentComputeSchema,
  deploymentEnvSchema,
  deploymentSpecSchema,
} from './schemas/deploymentSpec';
export * from './schemas/deploymentRequests';
export * from './schemas/budgetRequests';
export * from './schemas/approvalRequests';
export * from './schemas/revisionRequests';
export * from './schemas/costRequests';
export * from './schemas/recommendationRequests';
export * from './schemas/drRequests';
export * from './schemas/driftRequests';
export * from './schemas/describeIssues';
export * from './schemas/estimateRequest';
export * from './schemas/compareRequest';
export * from './schemas/kubernetesApplyRequest';
export * from './schemas/renderQuery';
export * from './status';
export * from './terraform';
export * from './text';
