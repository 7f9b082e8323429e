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
import {
  EmissionsCoefficient,
  EmissionsEstimate,
  EmissionsLine,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const CCF = 'Cloud Carbon Footprint @ b7a049c (Apache-2.0)';

/** A coefficient from Cloud Carbon Footprint's 2021 model. */
export function makeCoefficient(
  overrides: Partial<EmissionsCoefficient> = {},
): EmissionsCoefficient {
  return {
    name: 'PUE',
    value: 1.135,
    unit: 'ratio',
    year: '2021',
    source: CCF,
    ...overrides,
  };
}

/** The worked example's CPU line: 1 × m5.large in us-east-1 at 50 %. */
export function makeEmissionsLine(
  overrides: Partial<EmissionsLine> = {},
): EmissionsLine {
  return {
    component: 'cpu',
    description: 'CPU: 2 vCPU × 730 h at 50 % (Skylake)',
    gramsPerMonth: 1542.1211,
    kwhPerMonth: 4.0681805,
    kind: 'exact',
    coefficients: [
      makeCoefficient({
        name: 'grid factor',
        value: 379.069,
        unit: 'gCO2e/kWh',
        year: '2020',
        basis: 'EPA eGRID2020 NERC region SERC',
        region: 'us-east-1',
      }),
      makeCoefficient(),
      makeCoefficient({
        name: 'min watts per vCPU',
        value: 0.65,
        unit: 'W/vCPU',
        basis: 'Skylake',
      }),
      makeCoefficient({
        name: 'max watts per vCPU',
        value: 4.26,
        unit: 'W/vCPU',
        basis: 'Skylake',
      }),
    ],
    ...overrides,
  };
}

/** The worked example's three lines: 1 × ml.m5.large, us-east-1, 50 % CPU. */
export const workedExampleLines = (): EmissionsLine[] => [
  makeEmissionsLine(),
  makeEmissionsLine({
    component: 'memory',
    description: 'Memory: 6.3 GB above the benchmark server × 730 h',
    gramsPerMonth: 776.3643,
    kwhPerMonth: 2.0480817,
    coefficients: [
      makeCoefficient({
        name: 'memory',
        value: 0.000392,
        unit: 'kWh/GB-hour',
      }),
    ],
  }),
  makeEmissionsLine({
    component: 'embodied',
    description: 'Embodied: 2 of 96 vCPU of an m5 host, 4-year life',
    gramsPerMonth: 698.9493,
    kwhPerMonth: undefined,
    coefficients: [
      makeCoefficient({
        name: 'embodied emissions',
        value: 1610.3792,
        unit: 'kgCO2e/host',
        basis: 'm5.24xlarge',
      }),
    ],
  }),
];

/**
 * An emissions estimate whose totals add up from its lines, as the
 * backend's do: the worked example unless lines are given.
 */
export function makeEmissions(
  overrides: Partial<EmissionsEstimate> = {},
): EmissionsEstimate {
  const lines = overrides.lines ?? workedExampleLines();
  const missingLines = lines.filter(l => l.gramsPerMonth === null).length;
  const knownSubtotalGrams = lines.reduce(
    (sum, l) => sum + (l.gramsPerMonth ?? 0),
    0,
  );
  const approximate = lines.some(l => l.kind === 'approximate');
  let totalKind: EmissionsEstimate['totalKind'] = 'exact';
  if (missingLines === lines.length) totalKind = 'unknown';
  else if (missingLines) totalKind = 'partial';
  else if (approximate) totalKind = 'approximate';
  return {
    unit: 'gCO2e',
    monthlyTotalGrams: missingLines ? null : knownSubtotalGrams,
    knownSubtotalGrams,
    totalKind,
    missingLines,
    approximateFrom: [],
    lines,
    assumptions: {
      cpuUtilization: 0.5,
      hoursPerMonth: 730,
      defaults: 'cpuUtilization',
    },
    warnings: [],
    dataset: {
      builtAt: '2026-12-07',
      gridYears: ['2020', '2021'],
      sources: [
        {
          name: 'Cloud Carbon Footprint',
          commit: 'b7a049c7d25c0022919ab9010199dd9e77aa4577',
          date: '2024-03-25',
          license: 'Apache-2.0',
        },
      ],
    },
    ...overrides,
  };
}
