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
import { formatPolicyValue } from './policyValues';

describe('formatPolicyValue', () => {
  it.each([
    ['monthlyCost', 2751224, '$2,751,224.00'],
    ['costIncrease', 12.5, '$12.50'],
    ['budgetUseAfter', 1200, '$1,200.00'],
    ['gpuCount', 8, '8'],
    ['budgetPercent', 120, '120'],
    ['replicas', 100, '100'],
    [
      'instanceTypes',
      ['ml.p4d.24xlarge', 'ml.m5.large'],
      'ml.p4d.24xlarge, ml.m5.large',
    ],
    ['findings', [], 'none'],
    ['budgetExceeded', true, 'yes'],
    ['gpu', false, 'no'],
    ['environment', 'production', 'production'],
  ] as const)('shows %s = %j as %s', (name, value, text) => {
    expect(
      formatPolicyValue(name, value as string | number | boolean | string[]),
    ).toBe(text);
  });
});
