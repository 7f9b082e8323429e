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
import { makeEmissions } from '../__testUtils__/emissions';
import {
  describeAssumption,
  describeEmissions,
  describeAssumptions,
  describeDataset,
  formatCoefficient,
  formatGrams,
  formatKwh,
} from './formatEmissions';

describe('formatGrams', () => {
  it.each([
    [3017.4347, '3.0 kgCO2e'],
    [12_345, '12.3 kgCO2e'],
    [99_960, '100 kgCO2e'],
    [1_234_567, '1,235 kgCO2e'],
    [999.6, '1.0 kgCO2e'],
    [139.124, '139 gCO2e'],
    [10, '10 gCO2e'],
    [4.347, '4.3 gCO2e'],
    [0.4231, '0.42 gCO2e'],
    [0, '0 gCO2e'],
  ])('%p g reads %p', (grams, text) => {
    expect(formatGrams(grams)).toBe(text);
  });
});

describe('formatKwh and formatCoefficient', () => {
  it('keep three significant digits of energy, and a coefficient as given', () => {
    expect(formatKwh(4.0681805)).toBe('4.07 kWh');
    expect(formatKwh(0.3119144)).toBe('0.312 kWh');
    expect(formatCoefficient(0.000392, 'kWh/GB-hour')).toBe(
      '0.000392 kWh/GB-hour',
    );
    expect(formatCoefficient(1230.3, 'kgCO2e/host')).toBe(
      '1,230.3 kgCO2e/host',
    );
  });
});

describe('describeAssumptions', () => {
  it('reads utilisation as a percentage, other keys in words, and marks defaults', () => {
    expect(
      describeAssumptions({
        cpuUtilization: 0.5,
        hoursPerMonth: 730,
        nodeShare: 0.125,
        embodiedConvention: 'share of an e2-standard-32 host',
        ec2InstanceType: 'm5.large',
        defaults: 'cpuUtilization, hoursPerMonth',
      }),
    ).toEqual([
      { key: 'cpuUtilization', text: 'CPU utilisation: 50 %', isDefault: true },
      { key: 'hoursPerMonth', text: 'Hours per month: 730', isDefault: true },
      { key: 'nodeShare', text: 'Node share: 0.125', isDefault: false },
      {
        key: 'embodiedConvention',
        text: 'Embodied emissions: share of an e2-standard-32 host',
        isDefault: false,
      },
      {
        key: 'ec2InstanceType',
        text: 'EC2 instance type: m5.large',
        isDefault: false,
      },
    ]);
    expect(describeAssumption('cpuUtilization', 0.125)).toBe(
      'CPU utilisation: 12.5 %',
    );
    expect(describeAssumption('spot', false)).toBe('Spot: no');
  });
});

describe('describeDataset', () => {
  it("says when the coefficients were built, from what, and the grid factors' years", () => {
    expect(describeDataset(makeEmissions().dataset)).toBe(
      'Coefficients built 2026-12-07 from Cloud Carbon Footprint @ b7a049c (2024-03-25, Apache-2.0); grid factors 2020, 2021.',
    );
  });
});

describe('describeEmissions', () => {
  it('is no surer than the estimate', () => {
    expect(describeEmissions(makeEmissions())).toBe('3.0 kgCO2e/month');
    expect(
      describeEmissions(
        makeEmissions({
          totalKind: 'approximate',
          approximateFrom: ['us-east-1'],
        }),
      ),
    ).toBe('≈ 3.0 kgCO2e/month (coefficients from us-east-1)');
    expect(
      describeEmissions(
        makeEmissions({
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
        makeEmissions({
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
