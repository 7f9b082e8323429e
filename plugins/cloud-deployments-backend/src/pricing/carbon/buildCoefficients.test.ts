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
  buildCarbonCoefficients,
  SharedCarbonFiles,
} from './buildCoefficients';
import { parseCoefficients } from './loadCoefficients';

const header = (source: string) => ({
  source: `github.com/${source}`,
  commit: 'abc123',
  commit_date: '2024-03-25 13:00:38 -0600',
  license: 'Apache-2.0',
});

const constants = {
  MIN_WATTS_AVG: 0.74,
  MAX_WATTS_AVG: 3.5,
  MEMORY_AVG: 80.69,
  MEMORY_COEFFICIENT: 0.000392,
  PUE_AVG: 1.135,
  MIN_WATTS_BY_COMPUTE_PROCESSOR: { Skylake: 0.65, 'Nvidia Tesla V100': 35 },
  MAX_WATTS_BY_COMPUTE_PROCESSOR: { Skylake: 4.26, 'Nvidia Tesla V100': 306 },
  MEMORY_BY_COMPUTE_PROCESSOR: { Skylake: 81.32 },
};

/** A few rows of each shared file, in their own shapes. */
const fixture: SharedCarbonFiles = {
  gridCcf: {
    header: header('cloud-carbon-footprint/cloud-carbon-footprint'),
    aws: {
      'us-east-1': {
        g_per_kwh: 379.069,
        basis: 'EPA eGRID2020 (2020 data year) NERC region SERC',
      },
      Unknown: { g_per_kwh: 392.8, basis: 'average of listed regions (CCF)' },
    },
    gcp_grid_only: {
      'europe-west1': { g_per_kwh: 110 },
      eur4: { g_per_kwh: 300 },
    },
    azure: {
      EastUS: {
        g_per_kwh: 379.069,
        aliases: ['EastUS', 'US East', 'eastus'],
        basis: 'EPA eGRID2020 (2020 data year) NERC region SERC',
      },
      westeurope: {
        g_per_kwh: 328.4,
        aliases: ['westeurope'],
        basis: 'carbonfootprint.com/EEA country factor (~2021 data)',
      },
    },
  },
  gridGoogle: {
    header: header('GoogleCloudPlatform/region-carbon-info'),
    by_year: {
      '2023': { regions: { 'me-west1': { grid_g_per_kwh: 500 } } },
      '2024': {
        regions: {
          'europe-west1': { grid_g_per_kwh: 103.37 },
          'me-west1': { grid_g_per_kwh: 460 },
        },
      },
    },
  },
  power: {
    header: {
      ccf_coefficients: header('cloud-carbon-footprint/ccf-coefficients'),
    },
    ccf_app_constants: {
      aws: constants,
      azure: { ...constants, PUE_AVG: 1.185 },
      gcp: {
        MIN_WATTS_MEDIAN: 0.68,
        MAX_WATTS_MEDIAN: 4.11,
        MEMORY_COEFFICIENT: 0.000392,
        PUE_AVG: 1.1,
        PUE_BY_REGION: { 'europe-west1': 1.09 },
        MIN_WATTS_BY_COMPUTE_PROCESSOR: { 'AMD EPYC 2nd Gen': 0.47 },
        MAX_WATTS_BY_COMPUTE_PROCESSOR: { 'AMD EPYC 2nd Gen': 1.69 },
      },
    },
    aws_instance_to_arch: { 'm5.large': ['Skylake'], 'x9.large': ['Unknown'] },
    aws_gpus_per_instance: { 'p3.2xlarge': 1 },
    aws_gpu_instance_to_gpu: { 'p3.2xlarge': ['Nvidia Tesla V100'] },
    gce_machine_type_to_archs_2021: {
      'e2-standard-2': {
        vcpu: 2,
        mem_gb: 8,
        platform_vcpu: 32,
        archs: ['EPYC 2nd Gen'],
      },
      'e2-standard-32': {
        vcpu: 32,
        mem_gb: 128,
        platform_vcpu: 32,
        archs: ['EPYC 2nd Gen'],
      },
      'a2-highgpu-2g': {
        vcpu: 24,
        mem_gb: 170,
        platform_vcpu: 96,
        archs: ['Cascade Lake'],
      },
    },
    azure_vm_to_arch: { 'D2s v3': ['Skylake'] },
    azure_gpus_per_vm: {},
    azure_gpu_vm_to_gpu: {},
  },
  embodied: {
    lifespan_hours: 35040,
    aws_app: {
      'm5.large': {
        vcpu: 2,
        mem_gb: 8,
        platform_embodied_t: 1.6103792,
        family_largest_vcpu: 96,
      },
      'm5.metal': {
        vcpu: 96,
        mem_gb: 384,
        platform_embodied_t: 1.6103792,
        family_largest_vcpu: 96,
      },
      'p3.2xlarge': {
        vcpu: 8,
        mem_gb: 61,
        platform_embodied_t: 3.5429488,
        family_largest_vcpu: 64,
      },
      'x9.large': {
        vcpu: 2,
        mem_gb: 16,
        platform_embodied_t: null,
        family_largest_vcpu: 2,
      },
    },
    gcp_app: {
      'e2-standard-32': {
        vcpu: 32,
        platform_embodied_t: 1.2303,
        family_largest_vcpu: 32,
      },
    },
    azure_app: {
      'D2s v3': {
        series: 'D2s-64s v3',
        vcpu: 2,
        mem_gb: 8,
        platform_embodied_t: 1.4829,
        series_largest_vcpu: 64,
      },
    },
  },
};

describe('buildCarbonCoefficients', () => {
  const built = buildCarbonCoefficients(fixture, '2026-12-07');

  it('keeps each region’s own grid factor with its data year, and no averages or multi-region sums', () => {
    expect(built.grid.aws).toEqual({
      'us-east-1': {
        gPerKwh: 379.069,
        year: '2020',
        basis: 'EPA eGRID2020 (2020 data year) NERC region SERC',
        dataset: 'ccf',
      },
    });
    expect(Object.keys(built.grid.azure).sort()).toEqual([
      'eastus',
      'westeurope',
    ]);
    expect(built.grid.azure.westeurope.year).toBe('2021');
    expect(built.grid.gcp['europe-west1']).toMatchObject({
      gPerKwh: 110,
      year: '2021',
      dataset: 'ccf',
    });
    expect(built.grid.gcp.eur4).toBeUndefined();
    // A region CCF lacks: Google's own latest year.
    expect(built.grid.gcp['me-west1']).toMatchObject({
      gPerKwh: 460,
      year: '2024',
      dataset: 'googleRegionCarbon',
    });
  });

  it('splits CPU from GPU watts, and keeps PUE, memory per chip and the header', () => {
    expect(built.cpuWatts.aws.byArch).toEqual({
      Skylake: { min: 0.65, max: 4.26 },
    });
    expect(built.gpuWatts.aws).toEqual({
      'Nvidia Tesla V100': { min: 35, max: 306 },
    });
    expect(built.cpuWatts.gcp.average).toEqual({ min: 0.68, max: 4.11 });
    expect(built.pue.gcp).toEqual({
      average: 1.1,
      byRegion: { 'europe-west1': 1.09 },
    });
    expect(built.pue.azure.average).toBe(1.185);
    expect(built.memoryGbPerChip.aws).toEqual({
      average: 80.69,
      byArch: { Skylake: 81.32 },
    });
    expect(built.header).toEqual({
      builtAt: '2026-12-07',
      datasets: expect.objectContaining({
        ccf: {
          name: 'Cloud Carbon Footprint',
          repo: 'cloud-carbon-footprint/cloud-carbon-footprint',
          commit: 'abc123',
          date: '2024-03-25',
          license: 'Apache-2.0',
        },
      }),
    });
  });

  it('describes machines with their family’s largest size, GPUs and embodied kg', () => {
    expect(built.aws['m5.large']).toEqual({
      archs: ['Skylake'],
      vcpu: 2,
      memoryGb: 8,
      platformEmbodiedKg: 1610.3792,
      familyLargestVcpu: 96,
      familyLargestMemoryGb: 384,
    });
    expect(built.aws['p3.2xlarge']).toMatchObject({
      gpus: 1,
      gpuModel: 'Nvidia Tesla V100',
    });
    // An unknown chip is no chip, and no embodied figure stays null.
    expect(built.aws['x9.large']).toMatchObject({
      archs: [],
      platformEmbodiedKg: null,
    });
    expect(built.gcp['e2-standard-32']).toMatchObject({
      archs: ['AMD EPYC 2nd Gen'],
      platformEmbodiedKg: 1230.3,
    });
    expect(built.gcp['e2-standard-2'].platformEmbodiedKg).toBeNull();
    expect(built.gcp['e2-standard-2'].gpus).toBeUndefined();
    // A2 types: A100s, as many as the name says.
    expect(built.gcp['a2-highgpu-2g']).toMatchObject({
      gpus: 2,
      gpuModel: 'Nvidia Tesla A100',
    });
    expect(built.azure['D2s v3']).toMatchObject({
      platformEmbodiedKg: 1482.9,
      familyLargestVcpu: 64,
    });
  });

  it('passes the loader’s checks', () => {
    expect(() =>
      parseCoefficients(JSON.stringify(built), 'fixture'),
    ).not.toThrow();
    expect(() =>
      parseCoefficients(
        JSON.stringify({ ...built, lifespanHours: 0 }),
        'fixture',
      ),
    ).toThrow(/lifespanHours/);
  });

  it('refuses a grid factor whose basis names no year', () => {
    const bad = structuredClone(fixture);
    bad.gridCcf.aws['us-east-1'].basis = 'somewhere';
    expect(() => buildCarbonCoefficients(bad, '2026-12-07')).toThrow(
      /No data year/,
    );
  });
});
