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
import { EmissionsEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { describeEmissions, formatGrams } from './formatEmissions';

const estimate = (
  over: Partial<EmissionsEstimate> = {},
): EmissionsEstimate => ({
  unit: 'gCO2e',
  monthlyTotalGrams: 3017,
  knownSubtotalGrams: 3017,
  totalKind: 'exact',
  missingLines: 0,
  approximateFrom: [],
  lines: [],
  assumptions: {},
  warnings: [],
  dataset: { builtAt: '2026-12-01', gridYears: ['2021'], sources: [] },
  ...over,
});

describe('formatGrams', () => {
  it('says kg to one decimal from 1 kg, whole grams under it', () => {
    expect(formatGrams(3017)).toBe('3.0 kgCO2e');
    expect(formatGrams(1234567)).toBe('1,234.6 kgCO2e');
    expect(formatGrams(139.1)).toBe('139 gCO2e');
    expect(formatGrams(999.96)).toBe('1.0 kgCO2e');
    expect(formatGrams(0.4)).toBe('0 gCO2e');
  });
});

describe('describeEmissions', () => {
  it('is no surer than the estimate', () => {
    expect(describeEmissions(estimate())).toBe('3.0 kgCO2e/month');
    expect(
      describeEmissions(
        estimate({ totalKind: 'approximate', approximateFrom: ['us-east-1'] }),
      ),
    ).toBe('≈ 3.0 kgCO2e/month (coefficients from us-east-1)');
    expect(
      describeEmissions(
        estimate({
          totalKind: 'partial',
          monthlyTotalGrams: null,
          knownSubtotalGrams: 1200,
          missingLines: 1,
        }),
      ),
    ).toBe('≥ 1.2 kgCO2e/month, 1 line missing');
  });

  it('never says 0 for emissions nobody knows', () => {
    expect(
      describeEmissions(
        estimate({
          totalKind: 'unknown',
          monthlyTotalGrams: null,
          knownSubtotalGrams: 0,
          missingLines: 2,
        }),
      ),
    ).toBe('unknown, 2 lines missing');
    expect(describeEmissions(undefined)).toBe('not estimated');
  });
});
