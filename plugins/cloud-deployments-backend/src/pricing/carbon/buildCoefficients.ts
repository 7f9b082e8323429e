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
  CarbonCloud,
  CarbonCoefficients,
  CarbonDataset,
  CarbonMachine,
  GridFactor,
  WattRange,
} from './CarbonCoefficients';

/*
 * The transform behind `yarn carbon:refresh`: from the shared extracts
 * (../shared/carbon/*.json, see its PROVENANCE.md) to the embedded
 * coefficients, keeping only what the estimator reads. Pure, so that it is
 * tested on a fixture: CI has no shared directory.
 */

type Json = Record<string, any>;

/** The parsed shared files the coefficients are built from. */
export type SharedCarbonFiles = {
  /** grid_factors_ccf.json */
  gridCcf: Json;
  /** grid_factors_gcp_google.json */
  gridGoogle: Json;
  /** power_coefficients.json */
  power: Json;
  /** embodied.json */
  embodied: Json;
};

const CLOUDS: CarbonCloud[] = ['aws', 'gcp', 'azure'];

// Accelerators share CCF's watts tables with CPUs; they are told apart by name.
const isGpu = (name: string) => /^(Nvidia|AMD Radeon|Xilinx)/.test(name);

function dataset(name: string, header: Json): CarbonDataset {
  return {
    name,
    repo: String(header.source).replace(/^[^/]+\//, ''),
    commit: header.commit,
    date: String(header.commit_date).slice(0, 10),
    license: header.license,
  };
}

/** The data year a grid factor's basis names; a basis without one is refused. */
function gridYear(basis: string): string {
  const year = /eGRID(\d{4})/.exec(basis) ?? /~(\d{4}) data/.exec(basis);
  if (!year)
    throw new Error(`No data year in the grid factor basis "${basis}"`);
  return year[1];
}

// CCF's provider-wide rows ("Unknown", averages) are not a region's factor.
const isAverage = (region: string, basis = '') =>
  region.toLowerCase() === 'unknown' || basis.startsWith('average');

function awsGrid(gridCcf: Json): Record<string, GridFactor> {
  const grid: Record<string, GridFactor> = {};
  for (const [region, f] of Object.entries<Json>(gridCcf.aws)) {
    if (isAverage(region, f.basis)) continue;
    grid[region] = {
      gPerKwh: f.g_per_kwh,
      year: gridYear(f.basis),
      basis: f.basis,
      dataset: 'ccf',
    };
  }
  return grid;
}

/** Azure's rows are keyed by several spellings; the API's is lower case, no spaces. */
function azureGrid(gridCcf: Json): Record<string, GridFactor> {
  const grid: Record<string, GridFactor> = {};
  for (const [region, f] of Object.entries<Json>(gridCcf.azure)) {
    if (isAverage(region, f.basis)) continue;
    for (const name of [region, ...(f.aliases ?? [])]) {
      const key = String(name).toLowerCase();
      if (!/^[a-z0-9]+$/.test(key) || grid[key]) continue;
      grid[key] = {
        gPerKwh: f.g_per_kwh,
        year: gridYear(f.basis),
        basis: f.basis,
        dataset: 'ccf',
      };
    }
  }
  return grid;
}

/**
 * GCP: CCF's factors (Google's 2021 location-based figures); a region CCF
 * lacks gets Google's own latest published year for it. CCF's dual- and
 * multi-region rows are sums of their members, so they are left out.
 */
function gcpGrid(gridCcf: Json, gridGoogle: Json): Record<string, GridFactor> {
  const grid: Record<string, GridFactor> = {};
  for (const [region, f] of Object.entries<Json>(gridCcf.gcp_grid_only)) {
    if (!/^[a-z]+-[a-z]+\d+$/.test(region)) continue;
    grid[region] = {
      gPerKwh: f.g_per_kwh,
      year: '2021',
      basis: "Google's location-based grid intensity, as CCF uses it",
      dataset: 'ccf',
    };
  }
  const years = Object.keys(gridGoogle.by_year).sort().reverse();
  for (const year of years) {
    for (const [region, row] of Object.entries<Json>(
      gridGoogle.by_year[year].regions,
    )) {
      if (grid[region] || typeof row.grid_g_per_kwh !== 'number') continue;
      grid[region] = {
        gPerKwh: row.grid_g_per_kwh,
        year,
        basis: `Google's location-based grid intensity for ${year} (not in CCF's set)`,
        dataset: 'googleRegionCarbon',
      };
    }
  }
  return grid;
}

function watts(
  constants: Json,
  accept: (name: string) => boolean,
): Record<string, WattRange> {
  const result: Record<string, WattRange> = {};
  for (const [name, min] of Object.entries<number>(
    constants.MIN_WATTS_BY_COMPUTE_PROCESSOR,
  )) {
    const max = constants.MAX_WATTS_BY_COMPUTE_PROCESSOR[name];
    if (accept(name) && typeof max === 'number') result[name] = { min, max };
  }
  return result;
}

/** The largest memory of each family (the part of a type's name before `sep`). */
function largestMemory(
  machines: Record<string, { mem_gb?: number; series?: string }>,
  familyOf: (name: string, m: Json) => string,
): Map<string, number> {
  const largest = new Map<string, number>();
  for (const [name, m] of Object.entries(machines)) {
    const family = familyOf(name, m);
    largest.set(family, Math.max(largest.get(family) ?? 0, m.mem_gb ?? 0));
  }
  return largest;
}

const known = (archs: string[] | undefined) =>
  (archs ?? []).filter(a => a !== 'Unknown');

function awsMachines(
  power: Json,
  embodied: Json,
): Record<string, CarbonMachine> {
  const family = (name: string) => name.split('.')[0];
  const largest = largestMemory(embodied.aws_app, family);
  const machines: Record<string, CarbonMachine> = {};
  for (const [name, e] of Object.entries<Json>(embodied.aws_app)) {
    const gpus = power.aws_gpus_per_instance[name];
    machines[name] = {
      archs: known(power.aws_instance_to_arch[name]),
      vcpu: e.vcpu,
      memoryGb: e.mem_gb,
      platformEmbodiedKg: platformKg(e.platform_embodied_t),
      familyLargestVcpu: e.family_largest_vcpu,
      familyLargestMemoryGb: largest.get(family(name))!,
      ...(gpus
        ? { gpus, gpuModel: power.aws_gpu_instance_to_gpu[name]?.[0] }
        : {}),
    };
  }
  return machines;
}

/**
 * GCE's A2 types carry NVIDIA A100s, as many as their name's `-<n>g` says;
 * CCF's GCE machine list has no GPU column, so this is our reading of the name.
 */
function gceGpus(name: string): Pick<CarbonMachine, 'gpus' | 'gpuModel'> {
  const a2 = /^a2-[a-z]+-(\d+)g$/.exec(name);
  return a2 ? { gpus: Number(a2[1]), gpuModel: 'Nvidia Tesla A100' } : {};
}

/** GCE types: CCF's 2021 machine list, with embodied emissions where it has them. */
function gcpMachines(
  power: Json,
  embodied: Json,
): Record<string, CarbonMachine> {
  const types: Record<string, Json> = power.gce_machine_type_to_archs_2021;
  const family = (name: string) => name.split('-')[0];
  const largest = largestMemory(types, family);
  const cpuArchs = new Set(
    Object.keys(power.ccf_app_constants.gcp.MIN_WATTS_BY_COMPUTE_PROCESSOR),
  );
  // The machine list says `EPYC 2nd Gen` where the watts table says `AMD EPYC 2nd Gen`.
  const archName = (a: string) =>
    !cpuArchs.has(a) && cpuArchs.has(`AMD ${a}`) ? `AMD ${a}` : a;
  const machines: Record<string, CarbonMachine> = {};
  for (const [name, t] of Object.entries<Json>(types)) {
    const e: Json | undefined = embodied.gcp_app[name];
    machines[name] = {
      archs: known(t.archs).map(archName),
      vcpu: t.vcpu,
      memoryGb: t.mem_gb,
      platformEmbodiedKg: platformKg(e?.platform_embodied_t),
      familyLargestVcpu: e?.family_largest_vcpu ?? t.platform_vcpu,
      familyLargestMemoryGb: largest.get(family(name))!,
      ...gceGpus(name),
    };
  }
  return machines;
}

function azureMachines(
  power: Json,
  embodied: Json,
): Record<string, CarbonMachine> {
  const sizes: Record<string, Json> = embodied.azure_app;
  const series = (_: string, m: Json) => String(m.series);
  const largest = largestMemory(sizes, series);
  const machines: Record<string, CarbonMachine> = {};
  for (const [name, e] of Object.entries<Json>(sizes)) {
    const gpus = power.azure_gpus_per_vm[name];
    machines[name] = {
      archs: known(power.azure_vm_to_arch[name]),
      vcpu: e.vcpu,
      memoryGb: e.mem_gb,
      platformEmbodiedKg: platformKg(e.platform_embodied_t),
      familyLargestVcpu: e.series_largest_vcpu,
      familyLargestMemoryGb: largest.get(series(name, e))!,
      ...(gpus ? { gpus, gpuModel: power.azure_gpu_vm_to_gpu[name]?.[0] } : {}),
    };
  }
  return machines;
}

/** Metric tonnes to kg, rounded off float noise; `null` stays `null`. */
function platformKg(tonnes: number | null | undefined): number | null {
  return typeof tonnes === 'number' ? Math.round(tonnes * 1e9) / 1e6 : null;
}

/** Builds the embedded coefficients from the shared files, stamped `builtAt`. */
export function buildCarbonCoefficients(
  files: SharedCarbonFiles,
  builtAt: string,
): CarbonCoefficients {
  const { gridCcf, gridGoogle, power, embodied } = files;
  const constants: Record<CarbonCloud, Json> = power.ccf_app_constants;
  const average = (c: Json): WattRange =>
    c.MIN_WATTS_AVG !== undefined
      ? { min: c.MIN_WATTS_AVG, max: c.MAX_WATTS_AVG }
      : { min: c.MIN_WATTS_MEDIAN, max: c.MAX_WATTS_MEDIAN };
  const byCloud = <T>(f: (cloud: CarbonCloud) => T) =>
    Object.fromEntries(CLOUDS.map(c => [c, f(c)])) as Record<CarbonCloud, T>;
  const memoryPerChip = (c: Json) => ({
    average: c.MEMORY_AVG,
    byArch: { ...c.MEMORY_BY_COMPUTE_PROCESSOR },
  });
  return {
    header: {
      builtAt,
      datasets: {
        ccf: dataset('Cloud Carbon Footprint', gridCcf.header),
        ccfCoefficients: dataset(
          'CCF coefficients',
          power.header.ccf_coefficients,
        ),
        googleRegionCarbon: dataset(
          'Google Cloud region carbon info',
          gridGoogle.header,
        ),
      },
    },
    lifespanHours: embodied.lifespan_hours,
    memoryKwhPerGbHour: constants.aws.MEMORY_COEFFICIENT,
    powerYear: '2021',
    // The embodied extract's method: "data vintage 2021 (Azure 2023)".
    embodiedYear: { aws: '2021', gcp: '2021', azure: '2023' },
    grid: {
      aws: awsGrid(gridCcf),
      gcp: gcpGrid(gridCcf, gridGoogle),
      azure: azureGrid(gridCcf),
    },
    pue: byCloud(c => ({
      average: constants[c].PUE_AVG,
      byRegion: { ...(constants[c].PUE_BY_REGION ?? {}) },
    })),
    cpuWatts: byCloud(c => ({
      average: average(constants[c]),
      averageBasis:
        c === 'gcp'
          ? 'median of the GCP microarchitectures'
          : `average of the ${
              c === 'aws' ? 'AWS' : 'Azure'
            } microarchitectures`,
      byArch: watts(constants[c], name => !isGpu(name)),
    })),
    gpuWatts: byCloud(c => watts(constants[c], isGpu)),
    memoryGbPerChip: {
      aws: memoryPerChip(constants.aws),
      azure: memoryPerChip(constants.azure),
    },
    aws: awsMachines(power, embodied),
    gcp: gcpMachines(power, embodied),
    azure: azureMachines(power, embodied),
  };
}
