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
  EmissionsComponent,
  EmissionsLine,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CarbonCloud,
  CarbonCoefficients,
  CarbonDatasetKey,
  GridFactor,
} from './CarbonCoefficients';

/** What every carbon estimator gets: the coefficients, and the usage to assume. */
export type CarbonContext = {
  coefficients: CarbonCoefficients;
  /** CPU (and GPU) utilisation while running, 0–1. */
  utilization: number;
  hoursPerMonth: number;
  /** The datasets the estimate's lines used, for its `dataset`. */
  used: Set<CarbonDatasetKey>;
  /** The grid factors' data years the estimate used. */
  gridYears: Set<string>;
};

/** A stand-in for a coefficient: what was asked for and why something else is used. */
export type Approximation = { requested: string; reason: string };

const round = (value: number, digits: number) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** `Cloud Carbon Footprint @ b7a049c (Apache-2.0)`. */
export function sourceOf(ctx: CarbonContext, key: CarbonDatasetKey): string {
  ctx.used.add(key);
  const d = ctx.coefficients.header.datasets[key];
  return `${d.name} @ ${d.commit.slice(0, 7)} (${d.license})`;
}

/** A coefficient from CCF's power model (watts, PUE, memory). */
export function powerCoefficient(
  ctx: CarbonContext,
  name: string,
  value: number,
  unit: string,
  basis?: string,
): EmissionsCoefficient {
  return {
    name,
    value,
    unit,
    year: ctx.coefficients.powerYear,
    source: sourceOf(ctx, 'ccf'),
    ...(basis ? { basis } : {}),
  };
}

/** The min and max watts a vCPU or GPU draws, as two coefficients. */
export function wattsCoefficients(
  ctx: CarbonContext,
  per: 'vCPU' | 'GPU',
  range: { min: number; max: number },
  basis?: string,
): EmissionsCoefficient[] {
  return [
    powerCoefficient(ctx, `min watts per ${per}`, range.min, `W/${per}`, basis),
    powerCoefficient(ctx, `max watts per ${per}`, range.max, `W/${per}`, basis),
  ];
}

/** A region's grid factor, or `undefined` when the data has none for it. */
export function gridOf(
  ctx: CarbonContext,
  cloud: CarbonCloud,
  region: string,
): { factor: GridFactor; coefficient: EmissionsCoefficient } | undefined {
  const factor = ctx.coefficients.grid[cloud][region];
  if (!factor) return undefined;
  ctx.gridYears.add(factor.year);
  return {
    factor,
    coefficient: {
      name: 'grid factor',
      value: factor.gPerKwh,
      unit: 'gCO2e/kWh',
      year: factor.year,
      source: sourceOf(ctx, factor.dataset),
      basis: factor.basis,
      region,
    },
  };
}

/**
 * The PUE of a region: AWS and Azure publish one per provider (CCF's, exact
 * for every region); GCP per region, else its average, a stand-in.
 */
export function pueOf(
  ctx: CarbonContext,
  cloud: CarbonCloud,
  region: string,
): {
  value: number;
  coefficient: EmissionsCoefficient;
  approximation?: Approximation;
} {
  const pue = ctx.coefficients.pue[cloud];
  const own = pue.byRegion[region];
  if (own !== undefined) {
    return {
      value: own,
      coefficient: powerCoefficient(ctx, 'PUE', own, 'ratio', region),
    };
  }
  const perRegion = Object.keys(pue.byRegion).length > 0;
  return {
    value: pue.average,
    coefficient: powerCoefficient(
      ctx,
      'PUE',
      pue.average,
      'ratio',
      `${cloud.toUpperCase()} average`,
    ),
    ...(perRegion
      ? {
          approximation: {
            requested: `PUE of ${region}`,
            reason: `no published PUE for ${region}: the ${cloud.toUpperCase()} average stands in`,
          },
        }
      : {}),
  };
}

/** A line's kind: missing without a figure, else approximate with a stand-in. */
const kindOf = (missing: boolean, approximate: boolean) => {
  if (missing) return 'missing';
  return approximate ? 'approximate' : 'exact';
};

/** Joins the stand-ins of a line into one. */
function merge(approximations: Approximation[]): Approximation | undefined {
  if (approximations.length === 0) return undefined;
  return {
    requested: approximations.map(a => a.requested).join('; '),
    reason: approximations.map(a => a.reason).join('; '),
  };
}

/**
 * An operational line: energy (PUE included) × the region's grid factor. No
 * grid factor (or no energy figure) makes it missing: null grams, never 0.
 */
export function operationalLine(options: {
  component: EmissionsComponent;
  description: string;
  /** kWh a month, PUE included; `null` when it cannot be estimated. */
  kwhPerMonth: number | null;
  coefficients: EmissionsCoefficient[];
  grid: ReturnType<typeof gridOf>;
  region: string;
  approximations?: Array<Approximation | undefined>;
  note?: string;
}): EmissionsLine {
  const { grid, kwhPerMonth } = options;
  const approximation = merge(
    (options.approximations ?? []).filter((a): a is Approximation => !!a),
  );
  const coefficients = grid
    ? [...options.coefficients, grid.coefficient]
    : options.coefficients;
  const notes = [options.note];
  if (!grid) {
    notes.push(
      `No grid factor for ${options.region} in the embedded coefficients, and no region's stands in: the figure is unknown`,
    );
  }
  const missing = !grid || kwhPerMonth === null;
  const note = notes.filter(Boolean).join('; ');
  return {
    component: options.component,
    description: options.description,
    gramsPerMonth: missing ? null : round(kwhPerMonth * grid.factor.gPerKwh, 1),
    kwhPerMonth: kwhPerMonth === null ? null : round(kwhPerMonth, 4),
    kind: kindOf(missing, !!approximation),
    ...(approximation && !missing ? { approximation } : {}),
    coefficients,
    ...(note ? { note } : {}),
  };
}

/**
 * An embodied line: a host's manufacturing emissions × the hours used ÷ its
 * life × the share of its vCPUs. A host without a figure is missing.
 */
export function embodiedLine(
  ctx: CarbonContext,
  options: {
    cloud: CarbonCloud;
    description: string;
    /** The host's embodied emissions, kgCO2e; `null` when unknown. */
    platformKg: number | null;
    host: string;
    /** vCPU-hours a month of the host used. */
    vcpuHours: number;
    hostVcpu: number;
    approximation?: Approximation;
    note?: string;
  },
): EmissionsLine {
  const { platformKg } = options;
  const life = ctx.coefficients.lifespanHours;
  const embodiedSource = sourceOf(ctx, 'ccf');
  const coefficients: EmissionsCoefficient[] = [
    ...(platformKg === null
      ? []
      : [
          {
            name: 'host embodied emissions',
            value: platformKg,
            unit: 'kgCO2e/host',
            year: ctx.coefficients.embodiedYear[options.cloud],
            source: embodiedSource,
            basis: options.host,
          },
        ]),
  ];
  if (platformKg !== null) {
    coefficients.push(
      {
        name: 'server lifespan',
        value: life,
        unit: 'hours',
        year: ctx.coefficients.embodiedYear[options.cloud],
        source: embodiedSource,
      },
      {
        name: 'host vCPUs',
        value: options.hostVcpu,
        unit: 'vCPU',
        year: ctx.coefficients.embodiedYear[options.cloud],
        source: embodiedSource,
        basis: `largest size of ${options.host}'s family`,
      },
    );
  }
  const note = [
    options.note,
    platformKg === null
      ? `The data has no embodied emissions for ${options.host}`
      : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    component: 'embodied',
    description: options.description,
    gramsPerMonth:
      platformKg === null
        ? null
        : round(
            (platformKg * 1000 * options.vcpuHours) / life / options.hostVcpu,
            1,
          ),
    kind: kindOf(platformKg === null, !!options.approximation),
    ...(options.approximation && platformKg !== null
      ? { approximation: options.approximation }
      : {}),
    coefficients,
    ...(note ? { note } : {}),
  };
}
