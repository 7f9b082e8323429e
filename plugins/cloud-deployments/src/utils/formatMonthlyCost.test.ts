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
import { CostEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { formatMonthlyCost } from './formatMonthlyCost';

const estimate = (monthlyTotal: number, complete: boolean): CostEstimate => ({
  currency: 'USD',
  monthlyTotal,
  complete,
  lines: [],
  assumptions: {},
  warnings: [],
  estimatedAt: '2026-11-22T00:00:00Z',
});

describe('formatMonthlyCost', () => {
  it('formats a total, marks an incomplete one as a lower bound, and shows none as a dash', () => {
    expect(formatMonthlyCost(estimate(167.9, true))).toBe('$167.90');
    expect(formatMonthlyCost(estimate(1234.5, true))).toBe('$1,234.50');
    expect(formatMonthlyCost(estimate(34.44, false))).toBe('≥ $34.44');
    expect(formatMonthlyCost(undefined)).toBe('—');
  });
});
