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
/** The namespace of every entity and action the policies see. */
export const POLICY_NAMESPACE = 'CloudDeployments';

/**
 * A matching forbid on `deploy` refuses the request; one on
 * `deployWithoutApproval` lets it through only once approved.
 */
export const POLICY_ACTIONS = {
  refuse: 'deploy',
  approval: 'deployWithoutApproval',
} as const;

/**
 * The Cedar schema every policy file is validated against at startup (strict
 * mode), and every request against when it is evaluated. Amounts are USD a
 * month; a missing system, environment or instance type is "".
 */
export const POLICY_SCHEMA = `
namespace ${POLICY_NAMESPACE} {
  entity User = {
    groups: Set<String>,
  };

  entity Deployment = {
    name: String,
    owner: String,
    system: String,
    environment: String,
    provider: String,
    region: String,
    engine: String,
    instanceType: String,
    gpuCount: Long,
    replicas: Long,
  };

  type Budget = {
    scope: String,
    amount: __cedar::decimal,
    useBefore: __cedar::decimal,
    useAfter: __cedar::decimal,
    exceeded: Bool,
  };

  type Request = {
    operation: String,
    monthlyCost: __cedar::decimal,
    costComplete: Bool,
    monthlyCostIncrease: __cedar::decimal,
    findings: Set<String>,
    budget?: Budget,
  };

  action ${POLICY_ACTIONS.refuse}, ${POLICY_ACTIONS.approval} appliesTo {
    principal: User,
    resource: Deployment,
    context: Request,
  };
}
`;
