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
/**
 * What part of a deployment's emissions a line counts: the energy its vCPUs,
 * memory and GPUs draw while it runs (operational), or its share of the
 * hardware's manufacture (embodied).
 *
 * @public
 */
export type EmissionsComponent = 'cpu' | 'memory' | 'gpu' | 'embodied';

/**
 * One coefficient an emissions line was computed with, with where it is from
 * and the year its data describes.
 *
 * @public
 */
export type EmissionsCoefficient = {
  /** What it is, e.g. `grid factor`, `PUE`, `min watts per vCPU`. */
  name: string;
  value: number;
  /** e.g. `gCO2e/kWh`, `W/vCPU`, `kWh/GB-hour`, `kgCO2e/host`. */
  unit: string;
  /** The year (or years) its data describes, e.g. `2020`, `2021`, `2020–2021`. */
  year: string;
  /** Where it is from: a dataset at a commit, e.g. `Cloud Carbon Footprint @ b7a049c (Apache-2.0)`. */
  source: string;
  /** What it stands for, e.g. `EPA eGRID2020 NERC region SERC` or `Skylake`. */
  basis?: string;
  /** For a region's coefficient: the region whose value was used. */
  region?: string;
};

/**
 * One part of an emissions estimate, in grams of CO2-equivalent a month.
 * `missing` lines have no figure (never 0); `approximate` ones borrow a
 * coefficient from elsewhere and say which and why.
 *
 * @public
 */
export type EmissionsLine = {
  component: EmissionsComponent;
  /** What is counted, e.g. `CPU: 2 vCPU × 730 h at 50 % (Skylake)`. */
  description: string;
  /** gCO2e a month; `null` when a coefficient is missing. */
  gramsPerMonth: number | null;
  /** For operational lines: the energy, in kWh a month (PUE included). */
  kwhPerMonth?: number | null;
  /** As a price's kind: the region's own coefficients, borrowed ones, or none. */
  kind: 'exact' | 'approximate' | 'missing';
  /** For an `approximate` line: what was asked for, and why something else stands in. */
  approximation?: { requested: string; reason: string };
  coefficients: EmissionsCoefficient[];
  /** Why this line is special: a convention, a stand-in, what is missing. */
  note?: string;
};

/**
 * The coefficient set emissions come from: when it was built and from what,
 * so its age is visible.
 *
 * @public
 */
export type EmissionsDataset = {
  /** When the embedded coefficients were rebuilt (`YYYY-MM-DD`). */
  builtAt: string;
  /** The data years of the grid factors used in this estimate, e.g. `['2020', '2021']`. */
  gridYears: string[];
  /** The datasets, each with its commit, date and licence. */
  sources: Array<{
    name: string;
    commit: string;
    date: string;
    license: string;
  }>;
};

/**
 * The monthly emissions of a deployment, estimated before it runs, with the
 * same honesty rules as its price: exact, approximate (from where) or
 * missing, and never 0 for unknown.
 *
 * @public
 */
export type EmissionsEstimate = {
  unit: 'gCO2e';
  /** gCO2e a month when every line has a figure; `null` when any is missing. */
  monthlyTotalGrams: number | null;
  /** The sum of the lines that have a figure. */
  knownSubtotalGrams: number;
  /** How sure the total is, as an estimate's `totalKind`. */
  totalKind: 'exact' | 'approximate' | 'partial' | 'unknown';
  missingLines: number;
  /** Regions whose coefficients stand in for the asked region's, sorted. */
  approximateFrom: string[];
  lines: EmissionsLine[];
  /**
   * What the estimate assumes (utilisation, hours, share of a node, …);
   * `defaults` names those the request did not give, as on the price.
   */
  assumptions: Record<string, string | number | boolean>;
  warnings: string[];
  dataset: EmissionsDataset;
};
