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
  EmissionsComponent,
  EmissionsDataset,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const number = (value: number, fractionDigits: number) =>
  value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });

/**
 * Grams of CO2e as they read best: kgCO2e from 1 kg on (one decimal up to
 * 100 kg), gCO2e below, with two significant digits under 10 g so a small
 * line does not read as 0. Only a true 0 reads `0 gCO2e`.
 *
 * @internal
 */
export function formatGrams(grams: number): string {
  const kg = grams / 1000;
  if (Math.round(grams) >= 1000) {
    return `${number(kg, Math.round(kg * 10) >= 1000 ? 0 : 1)} kgCO2e`;
  }
  if (grams === 0) return '0 gCO2e';
  if (grams >= 10) return `${number(grams, 0)} gCO2e`;
  return `${grams.toLocaleString('en-US', {
    maximumSignificantDigits: 2,
  })} gCO2e`;
}

/** The sign a total carries, as a price's: about, at least, or nothing. */
export const emissionsPrefix = {
  exact: '',
  approximate: '≈ ',
  partial: '≥ ',
  unknown: '',
} as const;

/** @internal */
export const emissionsComponentLabel: Record<EmissionsComponent, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  gpu: 'GPU',
  embodied: 'Embodied',
};

/**
 * Energy a month: three significant digits (`4.07 kWh`, `0.312 kWh`).
 *
 * @internal
 */
export function formatKwh(kwh: number): string {
  return `${kwh.toLocaleString('en-US', { maximumSignificantDigits: 3 })} kWh`;
}

/**
 * A coefficient's value as its source gives it (up to six decimals, since
 * some are tiny, e.g. `0.000392 kWh/GB-hour`), with its unit.
 *
 * @internal
 */
export function formatCoefficient(value: number, unit: string): string {
  return `${value.toLocaleString('en-US', {
    maximumFractionDigits: 6,
  })} ${unit}`;
}

// Assumptions whose key does not read as a label on its own.
const ASSUMPTION_LABELS: Record<string, string> = {
  cpuUtilization: 'CPU utilisation',
  hoursPerMonth: 'Hours per month',
  ec2InstanceType: 'EC2 instance type',
  billedVcpuHours: 'Billed vCPU-hours',
  billedGibHours: 'Billed GiB-hours',
  vcpu: 'vCPU',
  memoryGiB: 'Memory (GiB)',
  embodiedConvention: 'Embodied emissions',
};

/**
 * One assumption as `label: value`: utilisation (0–1 in the API) as a
 * percentage, other keys in words (`nodeShare` reads `Node share`).
 *
 * @internal
 */
export function describeAssumption(
  key: string,
  value: string | number | boolean,
): string {
  const label =
    ASSUMPTION_LABELS[key] ??
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLocaleLowerCase('en-US')
      .replace(/^./, c => c.toLocaleUpperCase('en-US'));
  let shown: string;
  if (key === 'cpuUtilization' && typeof value === 'number') {
    shown = `${number(value * 100, Number.isInteger(value * 100) ? 0 : 1)} %`;
  } else if (typeof value === 'number') {
    shown = value.toLocaleString('en-US');
  } else if (typeof value === 'boolean') {
    shown = value ? 'yes' : 'no';
  } else {
    shown = value;
  }
  return `${label}: ${shown}`;
}

/**
 * The assumptions an estimate made, each said in words and marked when it
 * is a default (the request did not give it). The `defaults` entry itself,
 * a comma-separated list of keys, is not an assumption.
 *
 * @internal
 */
export function describeAssumptions(
  assumptions: Record<string, string | number | boolean>,
): Array<{ key: string; text: string; isDefault: boolean }> {
  const { defaults, ...rest } = assumptions;
  const defaultKeys = new Set(
    typeof defaults === 'string'
      ? defaults
          .split(',')
          .map(d => d.trim())
          .filter(Boolean)
      : [],
  );
  return Object.entries(rest).map(([key, value]) => ({
    key,
    text: describeAssumption(key, value),
    isDefault: defaultKeys.has(key),
  }));
}

/**
 * How old the coefficients are and where they come from: `Coefficients
 * built 2026-12-07 from Cloud Carbon Footprint @ b7a049c (2024-03-25,
 * Apache-2.0); grid factors 2020, 2021.`
 *
 * @internal
 */
export function describeDataset(dataset: EmissionsDataset): string {
  const sources = dataset.sources.map(
    s => `${s.name} @ ${s.commit.slice(0, 7)} (${s.date}, ${s.license})`,
  );
  const years = dataset.gridYears.length
    ? dataset.gridYears.join(', ')
    : 'unknown';
  return `Coefficients built ${dataset.builtAt} from ${
    sources.length ? sources.join(', ') : 'no source'
  }; grid factors ${years}.`;
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * An estimate's monthly emissions as text no surer than its data, as a price
 * is: `3.0 kgCO2e/month`, `≈ 3.0 kgCO2e/month (grid factor from us-east-1)`,
 * `≥ 1.2 kgCO2e/month, 1 line missing`, `unknown, 2 lines missing`, or
 * `not estimated` for an estimate made before emissions were — never 0.
 *
 * @internal
 */
export function describeEmissions(
  emissions: EmissionsEstimate | undefined,
): string {
  if (!emissions) return 'not estimated';
  const amount = `${formatGrams(emissions.knownSubtotalGrams)}/month`;
  const missing = plural(
    emissions.missingLines,
    'line missing',
    'lines missing',
  );
  const from = emissions.approximateFrom.join(', ');
  switch (emissions.totalKind) {
    case 'exact':
      return amount;
    case 'approximate':
      return from ? `≈ ${amount} (coefficients from ${from})` : `≈ ${amount}`;
    case 'partial':
      return `≥ ${amount}, ${missing}`;
    default:
      return `unknown, ${missing}`;
  }
}
