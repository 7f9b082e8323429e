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
  AWS_REGIONS,
  AZURE_REGIONS,
  CLOUD_RUN_REGIONS,
  DeploymentCompute,
  DeploymentProvider,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import fc from 'fast-check';
import {
  DEFAULT_KUBERNETES_NODE,
  DEFAULT_USAGE,
  UsageAssumptions,
} from '../estimators/types';
import { CarbonEstimator } from './CarbonEstimator';

const estimator = new CarbonEstimator();

const estimate = (
  provider: DeploymentProvider,
  region: string,
  compute: DeploymentCompute,
  usage: Partial<UsageAssumptions> = {},
) =>
  estimator.estimate(
    { provider, region, compute },
    { ...DEFAULT_USAGE, ...usage },
    DEFAULT_KUBERNETES_NODE,
  );

const grams = (e: EmissionsEstimate) =>
  Object.fromEntries(e.lines.map(l => [l.component, l.gramsPerMonth]));

describe('CarbonEstimator', () => {
  it('reproduces worked example 1: 1 × ml.m5.large in us-east-1 at 50 % ≈ 3.0 kgCO2e a month', () => {
    const e = estimate('aws-sagemaker', 'us-east-1', {
      instanceType: 'ml.m5.large',
      instanceCount: 1,
    });
    expect(grams(e)).toEqual({ cpu: 1542.1, memory: 776.4, embodied: 698.9 });
    expect(e.monthlyTotalGrams).toBe(3017.4);
    expect(e.totalKind).toBe('exact');
    const cpu = e.lines.find(l => l.component === 'cpu')!;
    expect(cpu.kwhPerMonth).toBeCloseTo(4.0682, 4);
    expect(cpu.coefficients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'min watts per vCPU',
          value: 0.65,
          basis: 'Skylake',
        }),
        expect.objectContaining({ name: 'PUE', value: 1.135 }),
        expect.objectContaining({
          name: 'grid factor',
          value: 379.069,
          year: '2020',
          region: 'us-east-1',
          source: 'Cloud Carbon Footprint @ b7a049c (Apache-2.0)',
        }),
      ]),
    );
    expect(e.dataset).toMatchObject({
      builtAt: estimator.coefficients.header.builtAt,
      gridYears: ['2020'],
      sources: [expect.objectContaining({ name: 'Cloud Carbon Footprint' })],
    });
    expect(e.assumptions).toMatchObject({
      cpuUtilization: 0.5,
      hoursPerMonth: 730,
      ec2InstanceType: 'm5.large',
    });
  });

  it('reproduces worked example 2: Cloud Run 2 vCPU / 4 GiB in europe-west1 billed 25 % of the month: 139.1 g operational, plus the stated embodied convention', () => {
    // 657,000 one-second requests one at a time: 25 % of 730 h billed.
    const e = estimate(
      'gcp-cloud-run',
      'europe-west1',
      { cpu: 2, memoryMiB: 4096, concurrency: 1 },
      { requestsPerMonth: 657_000, avgRequestDurationMs: 1000 },
    );
    expect(e.assumptions).toMatchObject({
      billedVcpuHours: 365,
      billedGibHours: 730,
    });
    const g = grams(e);
    expect(g).toEqual({ cpu: 104.8, memory: 34.3, embodied: 400.5 });
    expect(g.cpu! + g.memory!).toBeCloseTo(139.1, 1);
    expect(e.monthlyTotalGrams).toBe(539.6);
    // The chip (GCP median watts) and the embodied share are stand-ins.
    expect(e.totalKind).toBe('approximate');
    const embodied = e.lines.find(l => l.component === 'embodied')!;
    expect(embodied.kind).toBe('approximate');
    expect(embodied.approximation?.reason).toMatch(
      /convention.*e2-standard-32/,
    );
    expect(e.lines[0].coefficients.find(c => c.name === 'PUE')?.value).toBe(
      1.09,
    );
  });

  it('ACI by hand: 1 × 1 vCPU / 1.5 GiB in eastus, Azure average watts, PUE 1.185, a D2s v3 share', () => {
    const e = estimate('azure-container-instances', 'eastus', {
      cpu: 1,
      memoryMiB: 1536,
    });
    // (0.74 + 0.5 × (3.54 − 0.74)) W × 730 vCPU-h × 1.185 ÷ 1000 × 379.069
    // 1.5 GB × 730 h × 0.000392 × 1.185 × 379.069
    // 1,482.9 kg × 730 h ÷ 35,040 h ÷ 64 vCPU
    expect(grams(e)).toEqual({ cpu: 701.7, memory: 192.8, embodied: 482.7 });
    expect(e.monthlyTotalGrams).toBe(1377.2);
    expect(e.totalKind).toBe('approximate');
    expect(e.lines[0].approximation?.reason).toMatch(/ACI names no chip/);
    // Azure's embodied figures are the 2023 revision; AWS's and GCP's 2021.
    const host = (x: typeof e) =>
      x.lines
        .find(l => l.component === 'embodied')!
        .coefficients.find(c => c.name === 'host embodied emissions');
    expect(host(e)?.year).toBe('2023');
    expect(
      host(
        estimate('aws-sagemaker', 'us-east-1', { instanceType: 'ml.m5.large' }),
      )?.year,
    ).toBe('2021');
  });

  it('ACI GPUs: a line per group at the SKU’s watts', () => {
    const e = estimate('azure-container-instances', 'eastus', {
      cpu: 4,
      memoryMiB: 8192,
      gpu: 1,
      instanceType: 'K80',
    });
    const gpu = e.lines.find(l => l.component === 'gpu')!;
    // (35 + 0.5 × (306 − 35)) W × 730 h × 1.185 ÷ 1000 × 379.069
    expect(gpu.gramsPerMonth).toBeCloseTo(55_909.3, 0);
    expect(gpu.kind).toBe('exact');
  });

  it('Kubernetes by hand: 2 replicas of ¼ of the default m5.large node are half an m5.large', () => {
    const e = estimate('kubernetes', 'any', {
      cpu: 0.5,
      memoryMiB: 1024,
      minInstances: 2,
    });
    expect(e.assumptions).toMatchObject({ replicas: 2, nodeShare: 0.25 });
    // Half of worked example 1's 1,542.1 / 776.4 / 698.9 g.
    expect(grams(e)).toEqual({ cpu: 771.1, memory: 388.2, embodied: 349.5 });
    expect(e.totalKind).toBe('exact');
  });

  it('a Kubernetes pod on a GPU node takes its share of the node’s GPUs', () => {
    const e = new CarbonEstimator().estimate(
      {
        provider: 'kubernetes',
        region: 'x',
        compute: { cpu: 6, memoryMiB: 1024 },
      },
      DEFAULT_USAGE,
      {
        provider: 'gcp',
        service: 'ComputeEngine',
        region: 'us-central1',
        instanceType: 'a2-highgpu-1g',
        vcpu: 12,
        memoryGiB: 85,
      },
    );
    const gpu = e.lines.find(l => l.component === 'gpu')!;
    // ½ × (46 + 0.5 × (407 − 46)) W × 730 h × PUE 1.11 ÷ 1000 × 456 g/kWh
    expect(gpu.gramsPerMonth).toBeCloseTo(
      (0.5 * (46 + 0.5 * (407 - 46)) * 730 * 1.11 * 456) / 1000,
      0,
    );
    expect(gpu.kind).toBe('exact');
  });

  it('a GPU type has a GPU line at the same utilisation', () => {
    const e = estimate('aws-sagemaker', 'us-east-1', {
      instanceType: 'ml.p3.2xlarge',
    });
    const g = grams(e);
    // (35 + 0.5 × (306 − 35)) W × 1 V100 × 730 h × 1.135 ÷ 1000 × 379.069
    expect(g.gpu).toBeCloseTo(53_550.2, 0);
    // Broadwell: (0.71 + 0.5 × (3.69 − 0.71)) W × 8 vCPU × 730 h × …
    expect(g.cpu).toBeCloseTo(5527.8, 0);
    const higher = estimate(
      'aws-sagemaker',
      'us-east-1',
      { instanceType: 'ml.p3.2xlarge' },
      { cpuUtilization: 1 },
    );
    expect(grams(higher).gpu).toBeGreaterThan(g.gpu!);
  });

  it('a region without a grid factor has missing operational lines, a null total and a partial kind, never 0', () => {
    const e = estimate('aws-sagemaker', 'ap-east-2', {
      instanceType: 'ml.m5.large',
    });
    const cpu = e.lines.find(l => l.component === 'cpu')!;
    expect(cpu).toMatchObject({ kind: 'missing', gramsPerMonth: null });
    expect(cpu.kwhPerMonth).toBeCloseTo(4.0682, 4);
    expect(cpu.note).toMatch(/No grid factor for ap-east-2/);
    expect(
      e.lines.find(l => l.component === 'memory')?.gramsPerMonth,
    ).toBeNull();
    // Manufacture does not depend on the grid.
    expect(e.lines.find(l => l.component === 'embodied')?.gramsPerMonth).toBe(
      698.9,
    );
    expect(e.monthlyTotalGrams).toBeNull();
    expect(e.knownSubtotalGrams).toBe(698.9);
    expect(e.totalKind).toBe('partial');
    expect(e.missingLines).toBe(2);
  });

  it('an unknown microarchitecture uses the provider average, marked approximate', () => {
    const e = estimate('aws-sagemaker', 'us-east-1', {
      instanceType: 'ml.m6i.large',
    });
    const cpu = e.lines.find(l => l.component === 'cpu')!;
    expect(cpu.kind).toBe('approximate');
    expect(cpu.approximation?.reason).toMatch(/chip is unknown.*AWS/);
    expect(cpu.coefficients[0]).toMatchObject({ value: 0.74 });
    expect(e.totalKind).toBe('approximate');
  });

  it('a type the carbon data lacks: CPU from its size, approximate; memory and embodied missing', () => {
    const e = new CarbonEstimator().estimate(
      {
        provider: 'kubernetes',
        region: 'x',
        compute: { cpu: 1, memoryMiB: 1024 },
      },
      DEFAULT_USAGE,
      {
        ...DEFAULT_KUBERNETES_NODE,
        instanceType: 'zz9.large',
        vcpu: 2,
        memoryGiB: 8,
      },
    );
    expect(e.lines.map(l => [l.component, l.kind])).toEqual([
      ['cpu', 'approximate'],
      ['memory', 'missing'],
      ['embodied', 'missing'],
    ]);
    expect(e.lines[0].approximation?.reason).toMatch(
      /zz9.large is not in the carbon data: vCPUs from the price data/,
    );
    expect(e.totalKind).toBe('partial');
  });

  const providers: DeploymentProvider[] = [
    'aws-sagemaker',
    'gcp-cloud-run',
    'azure-container-instances',
    'kubernetes',
  ];
  const sagemakerTypes = Object.keys(estimator.coefficients.aws).map(
    t => `ml.${t}`,
  );
  const spec = fc.record({
    provider: fc.constantFrom(...providers),
    awsRegion: fc.constantFrom(...AWS_REGIONS),
    gcpRegion: fc.constantFrom(...CLOUD_RUN_REGIONS),
    azureRegion: fc.constantFrom(...AZURE_REGIONS),
    instanceType: fc.constantFrom(...sagemakerTypes, 'ml.unknown.large'),
    cpu: fc.double({ min: 0.1, max: 2, noNaN: true }),
    memoryMiB: fc.integer({ min: 128, max: 8192 }),
    count: fc.integer({ min: 1, max: 20 }),
    minInstances: fc.integer({ min: 0, max: 10 }),
    gpu: fc.integer({ min: 0, max: 4 }),
    gpuModel: fc.constantFrom('K80', 'P100', 'V100'),
    usage: fc.record({
      cpuUtilization: fc.double({ min: 0, max: 1, noNaN: true }),
      // The schema's range: more than 0, at most 744.
      hoursPerMonth: fc.double({ min: 0.01, max: 744, noNaN: true }),
      requestsPerMonth: fc.integer({ min: 0, max: 1e9 }),
      avgRequestDurationMs: fc.double({ min: 1, max: 60_000, noNaN: true }),
      billing: fc.constantFrom<'request' | 'instance'>('request', 'instance'),
    }),
  });

  it('no figure is negative or NaN for any valid spec', () => {
    fc.assert(
      fc.property(spec, s => {
        const region = {
          'aws-sagemaker': s.awsRegion,
          'gcp-cloud-run': s.gcpRegion,
          'azure-container-instances': s.azureRegion,
          kubernetes: 'on-prem',
        }[s.provider];
        const e = estimate(
          s.provider,
          region,
          {
            instanceType:
              s.provider === 'aws-sagemaker' ? s.instanceType : s.gpuModel,
            cpu: s.cpu,
            memoryMiB: s.memoryMiB,
            instanceCount: s.count,
            minInstances: s.minInstances,
            gpu: s.provider === 'azure-container-instances' ? s.gpu : undefined,
          },
          s.usage,
        );
        const figures = [
          e.knownSubtotalGrams,
          e.monthlyTotalGrams,
          ...e.lines.flatMap(l => [l.gramsPerMonth, l.kwhPerMonth]),
        ].filter((v): v is number => v !== null && v !== undefined);
        for (const v of figures) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        // Missing lines and a null total go together.
        expect(e.monthlyTotalGrams === null).toBe(e.missingLines > 0);
      }),
      { numRuns: 300 },
    );
  });
});
