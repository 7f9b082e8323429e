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
import type {
  CedarValueJson,
  EntityJson,
} from '@cedar-policy/cedar-wasm/nodejs';
import { POLICY_NAMESPACE } from './policySchema';
import { cedarDecimal, cedarLong, cedarString } from './cedarNumbers';
import { PolicyDecision, PolicyRequest } from './types';

/** A request as Cedar reads it, and the same values flat for the decision. */
export type PolicyInput = {
  principal: { type: string; id: string };
  resource: { type: string; id: string };
  context: Record<string, CedarValueJson>;
  entities: EntityJson[];
  values: PolicyDecision['values'];
};

const decimal = (text: string): CedarValueJson => ({
  __extn: { fn: 'decimal', arg: text },
});

const strings = (list: readonly string[]): string[] =>
  [...new Set(list.map(cedarString))].sort();

/** Builds the principal, resource and context of the schema from a request. */
export function toPolicyInput(request: PolicyRequest): PolicyInput {
  const { deployment: d, cost, budget } = request;
  const principal = {
    type: `${POLICY_NAMESPACE}::User`,
    id: cedarString(request.principal.ref),
  };
  // Names are unique within an environment, so the id carries both.
  const resource = {
    type: `${POLICY_NAMESPACE}::Deployment`,
    id: cedarString(`${d.environment ?? ''}/${d.name}`),
  };
  const groups = strings(request.principal.groups);
  const attrs = {
    name: cedarString(d.name),
    owner: cedarString(d.owner),
    system: cedarString(d.system ?? ''),
    environment: cedarString(d.environment ?? ''),
    provider: cedarString(d.provider),
    region: cedarString(d.region),
    engine: cedarString(d.engine),
    instanceType: cedarString(d.instanceType ?? ''),
    gpuCount: cedarLong(d.gpuCount),
    replicas: cedarLong(d.replicas),
  };
  const monthlyCost = cedarDecimal(cost.monthly);
  const monthlyCostIncrease = cedarDecimal(cost.increase);
  const findings = strings(request.findings.map(f => f.check));
  const context: Record<string, CedarValueJson> = {
    operation: cedarString(request.operation),
    monthlyCost: decimal(monthlyCost),
    costComplete: cost.complete === true,
    monthlyCostIncrease: decimal(monthlyCostIncrease),
    findings,
  };
  const values: PolicyDecision['values'] = {
    operation: context.operation as string,
    principal: principal.id,
    groups,
    ...attrs,
    monthlyCost: Number(monthlyCost),
    costComplete: context.costComplete as boolean,
    monthlyCostIncrease: Number(monthlyCostIncrease),
    findings,
  };
  if (budget) {
    const b = {
      scope: cedarString(budget.scope),
      amount: cedarDecimal(budget.amount),
      useBefore: cedarDecimal(budget.useBefore),
      useAfter: cedarDecimal(budget.useAfter),
      exceeded: budget.exceeded === true,
    };
    context.budget = {
      scope: b.scope,
      amount: decimal(b.amount),
      useBefore: decimal(b.useBefore),
      useAfter: decimal(b.useAfter),
      exceeded: b.exceeded,
    };
    Object.assign(values, {
      budgetScope: b.scope,
      budgetAmount: Number(b.amount),
      budgetUseBefore: Number(b.useBefore),
      budgetUseAfter: Number(b.useAfter),
      budgetExceeded: b.exceeded,
    });
  }
  return {
    principal,
    resource,
    context,
    entities: [
      { uid: principal, attrs: { groups }, parents: [] },
      { uid: resource, attrs, parents: [] },
    ],
    values,
  };
}
