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
 * Contracts and helpers for modules that extend the cloud-deployments backend:
 * price sources, deployment providers, and the extension points that
 * register them.
 *
 * @packageDocumentation
 */

export * from './pricing/PriceSource';
export * from './costs/ActualCostSource';
export * from './costs/ActualCostCache';
export * from './costs/UsageMetricsSource';
export * from './pricing/units';
export * from './pricing/fetchWithRetry';
export * from './pricing/RateLimiter';
export * from './pricing/keys';
export * from './config/assertWellFormedConfig';
export * from './config/readConfigWithSchema';
export * from './sandbox/cloudDeploymentsSandboxServiceRef';
export * from './events';
export * from './sleep';
export * from './mapConcurrently';
export * from './providers/CloudDeploymentProvider';
export * from './providers/connectionCheck';
export * from './providers/ProviderError';
export * from './providers/manifestApply';
export * from './providers/quota';
export * from './providers/quantities';
export * from './providers/resourceName';
export * from './compose/composeFile';
export * from './compose/renderComposeFile';
export * from './terraform/escapeTemplate';
export * from './terraform/TerraformRunner';
export * from './terraform/types';
export * from './terraform/errors';
export * from './permissions';
export * from './pluginRequestFetch';
