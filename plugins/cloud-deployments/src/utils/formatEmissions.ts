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

const kilograms = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const grams = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Grams of CO2e as text: in kg to one decimal from 1 kg (`3.0 kgCO2e`,
 * `1,234.5 kgCO2e`), in whole grams under it (`139 gCO2e`).
 *
 * @internal
 */
export function formatGrams(value: number): string {
  // Rounded first, so that 999.96 g reads 1.0 kg rather than 1,000 g.
  return Math.round(value) >= 1000
    ? `${kilograms.format(value / 1000)} kgCO2e`
    : `${grams.format(value)} gCO2e`;
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
