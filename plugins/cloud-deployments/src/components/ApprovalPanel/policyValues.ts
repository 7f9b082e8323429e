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
import { formatUsd } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

type PolicyValue = string | number | boolean | string[];

// The policies name their values (`monthlyCost`, `budgetUseAfter`, `gpuCount`…);
// these name money, those counts or shares that only sound like it.
const MONEY =
  /cost|monthly|amount|budget|use(before|after)|increase|usd|price|spend/i;
const NOT_MONEY = /count|percent|ratio|replicas|threshold/i;

/**
 * A value a policy saw, as text: money as dollars (`$2,751,224.00`), lists
 * joined, yes/no for booleans.
 *
 * @internal
 */
export function formatPolicyValue(name: string, value: PolicyValue): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    return MONEY.test(name) && !NOT_MONEY.test(name)
      ? formatUsd(value)
      : value.toLocaleString('en-US');
  }
  return value;
}
