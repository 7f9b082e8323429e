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

/** The clouds the coefficients cover. */
export type CarbonCloud = 'aws' | 'gcp' | 'azure';

/** Which dataset a coefficient comes from (a key of the header's datasets). */
export type CarbonDatasetKey = 'ccf' | 'ccfCoefficients' | 'googleRegionCarbon';

/** A source dataset: repository, commit, date and licence. */
export type CarbonDataset = {
  name: string;
  repo: string;
  commit: string;
  date: string;
  license: string;
};

/** A region's grid carbon intensity, with the year its data describes. */
export type GridFactor = {
  gPerKwh: number;
  year: string;
  basis: string;
  dataset: CarbonDatasetKey;
};

/** Watts per vCPU (or per GPU) idle and at full load. */
export type WattRange = { min: number; max: number };

/** A machine type the emissions of a whole host can be estimated for. */
export type CarbonMachine = {
  /** Candidate microarchitectures (empty when unknown). */
  archs: string[];
  vcpu: number;
  memoryGb: number;
  /** The whole host's manufacturing emissions; `null` when the data has none. */
  platformEmbodiedKg: number | null;
  /** vCPUs of the largest size in the family: the host's share is vcpu ÷ this. */
  familyLargestVcpu: number;
  /** Memory of the largest size in the family, for the memory rule. */
  familyLargestMemoryGb: number;
  gpus?: number;
  gpuModel?: string;
};

/**
 * The embedded carbon coefficients (`carbon/coefficients.json`): only what
 * the estimator reads, rebuilt from the shared extracts by
 * `yarn carbon:refresh`.
 */
export type CarbonCoefficients = {
  header: {
    /** When the file was rebuilt (`YYYY-MM-DD`). */
    builtAt: string;
    datasets: Record<CarbonDatasetKey, CarbonDataset>;
  };
  /** Hours of a server's life embodied emissions are spread over (4 years). */
  lifespanHours: number;
  /** kWh per GB of memory per hour. */
  memoryKwhPerGbHour: number;
  /** The data year of the power, PUE and memory coefficients. */
  powerYear: string;
  /** The data year of each cloud's embodied emissions (Azure's were redone in 2023). */
  embodiedYear: Record<CarbonCloud, string>;
  grid: Record<CarbonCloud, Record<string, GridFactor>>;
  pue: Record<
    CarbonCloud,
    { average: number; byRegion: Record<string, number> }
  >;
  cpuWatts: Record<
    CarbonCloud,
    {
      /** The provider's average (AWS, Azure) or median (GCP) for an unknown chip. */
      average: WattRange;
      averageBasis: string;
      byArch: Record<string, WattRange>;
    }
  >;
  gpuWatts: Record<CarbonCloud, Record<string, WattRange>>;
  /** GB of memory of the benchmark server per chip, by microarchitecture. */
  memoryGbPerChip: Record<
    'aws' | 'azure',
    { average: number; byArch: Record<string, number> }
  >;
  /** EC2 instance types (SageMaker `ml.X` is `X`). */
  aws: Record<string, CarbonMachine>;
  /** GCE machine types. */
  gcp: Record<string, CarbonMachine>;
  /** Azure VM sizes, named as CCF does (`D2s v3`). */
  azure: Record<string, CarbonMachine>;
};
