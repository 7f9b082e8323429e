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

// Policies as `cloudDeployments.policies` config entries, for tests that
// start a backend with them (the shipped files are tested on their own).

export const productionNeedsApproval = {
  name: 'production',
  cedar: `@id("production-needs-approval")
@message("Production deployments need an approval")
forbid (principal, action == CloudDeployments::Action::"deployWithoutApproval", resource)
when { resource.environment == "production" };`,
};

export const noGpuInDevelopment = {
  name: 'gpu',
  cedar: `@id("no-gpu-in-development")
@message("GPUs are not allowed in development")
forbid (principal, action == CloudDeployments::Action::"deploy", resource)
when { resource.environment == "development" && resource.gpuCount > 0 };`,
};

export const budgetOverrunNeedsApproval = {
  name: 'budget',
  cedar: `@id("budget-overrun-needs-approval")
@message("Going over the owner's budget needs an approval")
forbid (principal, action == CloudDeployments::Action::"deployWithoutApproval", resource)
when { context has budget && context.budget.exceeded };`,
};
