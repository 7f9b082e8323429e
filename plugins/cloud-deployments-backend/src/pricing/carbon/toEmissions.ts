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
  EmissionsEstimate,
  EmissionsLine,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CarbonContext } from './lines';

/**
 * Adds up emissions lines as a price's are added up: the total only when
 * every line has a figure, the known subtotal always, and how sure it is.
 */
export function totalOfEmissions(
  lines: EmissionsLine[],
): Pick<
  EmissionsEstimate,
  | 'monthlyTotalGrams'
  | 'knownSubtotalGrams'
  | 'totalKind'
  | 'missingLines'
  | 'approximateFrom'
> {
  const missing = lines.filter(l => l.gramsPerMonth === null).length;
  const approximate = lines.some(l => l.kind === 'approximate');
  const known =
    Math.round(lines.reduce((sum, l) => sum + (l.gramsPerMonth ?? 0), 0) * 10) /
    10;
  const from = new Set<string>();
  for (const line of lines) {
    if (line.kind !== 'approximate') continue;
    for (const c of line.coefficients) {
      if (c.region && c.name === 'grid factor') from.add(c.region);
    }
  }
  let totalKind: EmissionsEstimate['totalKind'] = 'exact';
  if (missing > 0) totalKind = missing === lines.length ? 'unknown' : 'partial';
  else if (approximate) totalKind = 'approximate';
  return {
    monthlyTotalGrams: missing > 0 ? null : known,
    knownSubtotalGrams: known,
    totalKind,
    missingLines: missing,
    approximateFrom: [...from].sort(),
  };
}

/** An emissions estimate from its lines, with the datasets they used. */
export function toEmissions(
  ctx: CarbonContext,
  lines: EmissionsLine[],
  assumptions: EmissionsEstimate['assumptions'],
  warnings: string[] = [],
): EmissionsEstimate {
  const { header } = ctx.coefficients;
  return {
    unit: 'gCO2e',
    ...totalOfEmissions(lines),
    lines,
    assumptions: {
      cpuUtilization: ctx.utilization,
      hoursPerMonth: ctx.hoursPerMonth,
      ...assumptions,
    },
    warnings,
    dataset: {
      builtAt: header.builtAt,
      gridYears: [...ctx.gridYears].sort(),
      sources: [...ctx.used].sort().map(key => {
        const d = header.datasets[key];
        return {
          name: d.name,
          commit: d.commit,
          date: d.date,
          license: d.license,
        };
      }),
    },
  };
}
