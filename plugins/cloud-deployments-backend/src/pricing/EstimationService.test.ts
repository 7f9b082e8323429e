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
import { testSnapshot } from '../__testUtils__/snapshot';
import { componentProblems } from '../__testUtils__/specSchemas';
import { EstimationService } from './EstimationService';
import { PriceCatalog } from './PriceCatalog';

const service = (
  options: Partial<ConstructorParameters<typeof EstimationService>[0]> = {},
) =>
  new EstimationService({
    catalog: PriceCatalog.fromSnapshot(testSnapshot),
    ...options,
  });

describe('EstimationService', () => {
  it('attaches the emissions beside the price, with the utilisation labelled a default unless given', () => {
    const target = {
      provider: 'aws-sagemaker' as const,
      region: 'us-east-1',
      compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
    };
    const estimate = service().estimate(target);
    expect(estimate.emissions).toMatchObject({
      unit: 'gCO2e',
      // Twice worked example 1 (3,017.4 g).
      monthlyTotalGrams: 6034.8,
      totalKind: 'exact',
      assumptions: {
        cpuUtilization: 0.5,
        instanceCount: 2,
        defaults: 'cpuUtilization, hoursPerMonth',
      },
    });
    const busy = service().estimate({
      ...target,
      usage: { cpuUtilization: 0.9 },
    });
    expect(busy.emissions?.assumptions).toMatchObject({
      cpuUtilization: 0.9,
      defaults: 'hoursPerMonth',
    });
    expect(busy.emissions!.monthlyTotalGrams!).toBeGreaterThan(6034.8);
    // The price does not depend on it.
    expect(busy.monthlyTotal).toBe(estimate.monthlyTotal);
  });

  it('an emissions estimate with missing lines matches the OpenAPI schema too', () => {
    const estimate = service().estimate({
      provider: 'aws-sagemaker',
      region: 'ap-east-2',
      compute: { instanceType: 'ml.m5.large' },
    });
    expect(estimate.emissions).toMatchObject({
      monthlyTotalGrams: null,
      totalKind: 'partial',
    });
    expect(componentProblems('CostEstimate', estimate)).toEqual([]);
  });

  it('attaches emissions for every target', () => {
    const s = service();
    for (const target of [
      {
        provider: 'gcp-cloud-run' as const,
        region: 'europe-west1',
        compute: { cpu: 1, memoryMiB: 512 },
      },
      {
        provider: 'azure-container-instances' as const,
        region: 'eastus',
        compute: { cpu: 1, memoryMiB: 1536 },
      },
      {
        provider: 'kubernetes' as const,
        region: 'any',
        compute: { cpu: 0.5, memoryMiB: 512 },
      },
    ]) {
      const estimate = s.estimate(target);
      const { emissions } = estimate;
      expect(componentProblems('CostEstimate', estimate)).toEqual([]);
      expect(emissions?.monthlyTotalGrams).toBeGreaterThan(0);
      expect(emissions?.lines.map(l => l.component)).toEqual(
        expect.arrayContaining(['cpu', 'memory', 'embodied']),
      );
    }
  });

  it('prices a SageMaker real-time endpoint per instance hour', () => {
    const estimate = service().estimate({
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      compute: { instanceType: 'ml.m5.large', instanceCount: 2 },
    });
    expect(estimate).toMatchObject({
      currency: 'USD',
      monthlyTotal: 167.9,
      complete: true,
      warnings: [],
      assumptions: {
        endpointType: 'real-time',
        instanceCount: 2,
        hoursPerMonth: 730,
      },
      lines: [
        {
          description:
            'Real-time endpoint instance hours (2 × ml.m5.large × 730 h)',
          quantity: 1460,
          unit: 'hour',
          unitPrice: 0.115,
          monthlyCost: 167.9,
          sku: 'ml.m5.large',
          region: 'us-east-1',
          source: 'snapshot',
          origin: 'test sagemaker',
          effectiveDate: '2025-01-26',
        },
      ],
    });
  });

  it('says when it borrows another region price', () => {
    const estimate = service().estimate({
      provider: 'aws-sagemaker',
      region: 'eu-west-1',
      compute: { instanceType: 'ml.m5.large' },
    });
    expect(estimate).toMatchObject({
      monthlyTotal: 83.95,
      pricedSubtotal: 83.95,
      totalKind: 'approximate',
      complete: false,
      missingLines: 0,
      approximateFrom: ['us-east-1'],
    });
    expect(estimate.lines[0]).toMatchObject({
      kind: 'approximate',
      region: 'us-east-1',
      approximation: {
        requestedRegion: 'eu-west-1',
        reason: 'us-east-1 price used: no price for eu-west-1 in the snapshot',
      },
    });
    expect(estimate.lines[0].note).toBe(
      'us-east-1 price used: no price for eu-west-1 in the snapshot',
    );
    expect(estimate.warnings).toEqual([
      'Real-time endpoint instance hours (1 × ml.m5.large × 730 h): us-east-1 price used: no price for eu-west-1 in the snapshot',
    ]);
  });

  describe('Cloud Run', () => {
    const target = {
      provider: 'gcp-cloud-run' as const,
      region: 'europe-west1',
      compute: { cpu: 1, memoryMiB: 512 },
    };

    it('fits a small service in the free tier', () => {
      const estimate = service().estimate(target);
      // A tier-1 region: each credit equals its usage line.
      expect(estimate.monthlyTotal).toBe(0);
      expect(estimate.complete).toBe(true);
      expect(estimate.lines.map(l => [l.sku, l.quantity])).toEqual([
        ['request-cpu', 2_500],
        ['request-cpu', -2_500],
        ['request-memory', 1_250],
        ['request-memory', -1_250],
        ['requests', 1_000_000],
        ['requests', -1_000_000],
      ]);
      expect(estimate.assumptions).toMatchObject({
        billing: 'request',
        requestsPerMonth: 1_000_000,
        avgRequestDurationMs: 200,
        concurrency: 80,
        freeTierApplied: true,
      });
    });

    it('charges busy time, requests and idle minimum instances without the free tier', () => {
      const estimate = service().estimate({
        ...target,
        compute: { ...target.compute, minInstances: 1 },
        usage: { applyFreeTier: false },
      });
      expect(estimate.lines.map(l => l.monthlyCost)).toEqual([
        0.06, 0, 0.4, 6.56, 3.28,
      ]);
      expect(estimate.monthlyTotal).toBe(10.31);
    });

    it('charges instance-based billing for the whole life of the instances', () => {
      const estimate = service().estimate({
        ...target,
        compute: { ...target.compute, minInstances: 1 },
        usage: { billing: 'instance' },
      });
      // 2,628,000 × 0.000018 − 240,000 × 0.000018 + 1,314,000 × 0.000002
      // − 450,000 × 0.000002 = 47.304 − 4.32 + 2.628 − 0.90 = 44.712
      expect(estimate.lines.map(l => [l.sku, l.quantity])).toEqual([
        ['instance-cpu', 2_628_000],
        ['instance-cpu', -240_000],
        ['instance-memory', 1_314_000],
        ['instance-memory', -450_000],
      ]);
      expect(estimate.monthlyTotal).toBe(44.71);
      expect(estimate.assumptions.instances).toBe(1);
    });
  });

  describe('Azure Container Instances', () => {
    const target = {
      provider: 'azure-container-instances' as const,
      region: 'eastus',
      compute: { cpu: 1, memoryMiB: 1536 },
    };

    it('prices vCPU and memory hours, and Windows software', () => {
      expect(service().estimate(target).monthlyTotal).toBe(34.44);
      const windows = service().estimate({
        ...target,
        usage: { os: 'windows' },
      });
      expect(windows.monthlyTotal).toBe(65.97);
      expect(windows.lines[2]).toMatchObject({
        sku: 'windows-software',
        unit: 'vcpu-second',
        quantity: 2_628_000,
        monthlyCost: 31.54,
      });
    });

    it('shows a missing GPU price as missing, not $0', () => {
      const estimate = service().estimate({
        ...target,
        compute: { ...target.compute, gpu: 1, instanceType: 'V100' },
      });
      // A partial sum is never passed off as the total.
      expect(estimate).toMatchObject({
        complete: false,
        monthlyTotal: null,
        pricedSubtotal: 34.44,
        totalKind: 'partial',
        missingLines: 1,
      });
      expect(estimate.lines[2]).toMatchObject({
        kind: 'missing',
        sku: 'gpu-v100',
        unitPrice: null,
        monthlyCost: null,
        note: 'no price for gpu-v100 in eastus',
      });
      expect(estimate.warnings).toContain(
        'Incomplete: 1 line(s) have no price and are not in the total',
      );
    });
  });

  describe('Kubernetes', () => {
    it('prices each replica as its share of the configured node', () => {
      const estimate = service().estimate({
        provider: 'kubernetes',
        region: 'eu-central-1',
        compute: { cpu: 0.5, memoryMiB: 1024, minInstances: 2 },
      });
      expect(estimate.monthlyTotal).toBe(35.04);
      expect(estimate.lines[0]).toMatchObject({
        description: 'Node share (2 replica(s) × 25.0% of a m5.large × 730 h)',
        quantity: 365,
        unitPrice: 0.096,
      });
    });

    it('takes the node type and its size from config and the snapshot', () => {
      const estimate = service({
        kubernetesNode: {
          provider: 'gcp',
          service: 'ComputeEngine',
          region: 'europe-west1',
          instanceType: 'e2-standard-2',
        },
      }).estimate({
        provider: 'kubernetes',
        region: 'europe-west1',
        compute: { cpu: 1, memoryMiB: 2048 },
      });
      // 1 vCPU of 2 = 50% of an e2-standard-2 at 0.07372/h.
      expect(estimate.monthlyTotal).toBe(26.91);
    });

    it('never gives a node type the size of the default one', () => {
      const node = {
        provider: 'aws' as const,
        service: 'AmazonEC2',
        region: 'us-east-1',
        instanceType: 'm7i.2xlarge',
      };
      // Not in the test machine list: the size must come from config.
      expect(() => service({ kubernetesNode: node })).toThrow(
        'cloudDeployments.pricing.kubernetesNode: the price data has no size for aws m7i.2xlarge; set vcpu and memoryGiB',
      );
      const sized = service({
        kubernetesNode: { ...node, vcpu: 8, memoryGiB: 32 },
      });
      // 4 vCPU fits an 8-vCPU node; with m5.large's size it was refused.
      expect(
        sized.estimate({
          provider: 'kubernetes',
          region: 'any',
          compute: { cpu: 4, memoryMiB: 1024 },
        }).lines.length,
      ).toBeGreaterThan(0);
    });
  });

  it('prices a real SageMaker type the price data lacks as missing, not refused', () => {
    const estimate = service().estimate({
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      compute: { instanceType: 'ml.m6g.large' },
    });
    expect(estimate).toMatchObject({
      monthlyTotal: null,
      pricedSubtotal: 0,
      totalKind: 'unknown',
      complete: false,
      missingLines: 1,
    });
    expect(estimate.lines[0]).toMatchObject({
      kind: 'missing',
      sku: 'ml.m6g.large',
      unitPrice: null,
      monthlyCost: null,
    });
  });

  describe("regions: the providers' own lists, not the price data", () => {
    const cloudRun = {
      provider: 'gcp-cloud-run' as const,
      // A Cloud Run region the test prices (europe-west1, us-central1) lack.
      region: 'asia-east1',
      compute: { cpu: 1, memoryMiB: 512 },
    };

    it('prices a Cloud Run region without a price from the fallback region, as approximate', () => {
      const estimate = service().estimate(cloudRun);
      expect(estimate.totalKind).toBe('approximate');
      expect(estimate.approximateFrom).toEqual(['us-central1']);
      // The usage lines borrow; the free-tier credits are tier-1 prices
      // by definition (exact).
      const usage = estimate.lines.filter(
        l => !/^Free tier/.test(l.description),
      );
      expect(usage.map(l => l.description)).toEqual([
        'CPU while serving (1 vCPU)',
        'Memory while serving (0.5 GiB)',
        'Requests',
      ]);
      for (const line of usage) {
        expect(line.kind).toBe('approximate');
        expect(line.approximation?.requestedRegion).toBe('asia-east1');
      }
    });

    it('accepts it with missing lines when no region can stand in', () => {
      const catalog = PriceCatalog.fromSnapshot({
        ...testSnapshot,
        fallbackRegions: { ...testSnapshot.fallbackRegions, gcp: {} },
      });
      const estimate = service({ catalog }).estimate(cloudRun);
      // No free-tier credit against a usage nobody can price: the priced
      // subtotal stays a lower bound (0), not a negative sum of credits.
      expect(estimate).toMatchObject({
        monthlyTotal: null,
        pricedSubtotal: 0,
        totalKind: 'unknown',
        complete: false,
        missingLines: 3,
      });
      expect(estimate.lines.map(l => [l.description, l.kind])).toEqual([
        ['CPU while serving (1 vCPU)', 'missing'],
        ['Memory while serving (0.5 GiB)', 'missing'],
        ['Requests', 'missing'],
      ]);
    });

    it('refuses a region Cloud Run does not list, even where Compute Engine has prices', () => {
      // The test catalogue prices e2-standard-2 in europe-west1 only for
      // Compute Engine; the old rule accepted any Compute Engine region.
      const catalog = PriceCatalog.fromSnapshot({
        ...testSnapshot,
        datasets: [
          ...testSnapshot.datasets,
          {
            id: 'gce-new-region',
            provider: 'gcp',
            service: 'ComputeEngine',
            unit: 'hour',
            effectiveDate: '2026-07-30',
            origin: 'test gce',
            prices: { 'europe-north2': { 'e2-standard-2': 0.07 } },
          },
        ],
      });
      expect(() =>
        service({ catalog }).estimate({ ...cloudRun, region: 'europe-north2' }),
      ).toThrow(
        'Invalid estimate: region: "europe-north2" is not a Cloud Run region (Google\'s list of 40, e.g. us-central1)',
      );
    });

    it('prices an Azure region without Container Instances prices from eastus, as approximate', () => {
      const estimate = service().estimate({
        provider: 'azure-container-instances',
        region: 'japaneast',
        compute: { cpu: 1, memoryMiB: 1536 },
      });
      expect(estimate.totalKind).toBe('approximate');
      expect(estimate.approximateFrom).toEqual(['eastus']);
    });
  });

  describe('validation', () => {
    it.each([
      [
        {
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          compute: { instanceType: 'ml.x9.huge' },
        },
        'compute.instanceType: "ml.x9.huge" is not a SageMaker hosting instance type (the AWS SDK\'s ProductionVariantInstanceType lists',
      ],
      [
        {
          provider: 'aws-sagemaker',
          region: 'mars-1',
          compute: { instanceType: 'ml.m5.large' },
        },
        'region: "mars-1" is not a aws-sagemaker region',
      ],
      [
        {
          provider: 'gcp-cloud-run',
          region: 'europe-west1',
          compute: { cpu: 16, memoryMiB: 512 },
        },
        'compute.cpu: must be at most 8 on Cloud Run',
      ],
      [
        {
          provider: 'azure-container-instances',
          region: 'eastus',
          compute: { cpu: 1, memoryMiB: 65536 },
        },
        'compute.memoryMiB: must be at most 16384 (16 GiB) per container group',
      ],
      [
        {
          provider: 'azure-container-instances',
          region: 'eastus',
          compute: { cpu: 1, memoryMiB: 1024, gpu: 1, instanceType: 'A100' },
        },
        'compute.instanceType: "A100" is not an ACI GPU; valid values: K80, P100, V100',
      ],
      [
        {
          provider: 'kubernetes',
          region: 'any',
          compute: { cpu: 4, memoryMiB: 1024 },
        },
        'compute: a pod of 4 vCPU and 1024 MiB does not fit on a m5.large node (2 vCPU, 8 GiB)',
      ],
    ])('refuses %j', (target, message) => {
      expect(() => service().estimate(target as any)).toThrow(
        `Invalid estimate: ${message}`,
      );
    });
  });
});
