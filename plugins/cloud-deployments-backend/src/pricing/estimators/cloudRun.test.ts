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
import { PriceSnapshot } from '../snapshot/PriceSnapshot';
import { testSnapshot } from '../../__testUtils__/snapshot';
import { EstimationService } from '../EstimationService';
import { PriceCatalog } from '../PriceCatalog';

// Tier-2 request-based rates of gcp/cloud-run-prices.json (S2, S3, S5),
// given to asia-southeast1 (tier 2 in its regionTiers). The test snapshot
// already holds the tier-1 rates for us-central1 and europe-west1.
const tier2: PriceSnapshot['datasets'] = (
  [
    ['request-cpu', 'vcpu-second', 0.0000336],
    ['request-memory', 'gib-second', 0.0000035],
    ['requests', 'request', 0.0000004],
  ] as const
).map(([sku, unit, usd]) => ({
  id: `run-tier2-${sku}`,
  provider: 'gcp' as const,
  service: 'CloudRun',
  unit,
  effectiveDate: '2026-07-06',
  origin: 'test cloud run tier 2',
  prices: { 'asia-southeast1': { [sku]: usd } },
}));

const service = () =>
  new EstimationService({
    catalog: PriceCatalog.fromSnapshot({
      ...testSnapshot,
      datasets: [...testSnapshot.datasets, ...tier2],
    }),
  });

// 10M requests of 500 ms at concurrency 10: 10,000,000 × 0.5 s ÷ 10 =
// 500,000 busy instance-seconds; 1 vCPU and 1 GiB give 500,000 vCPU-s and
// 500,000 GiB-s.
const busy = {
  provider: 'gcp-cloud-run' as const,
  compute: { cpu: 1, memoryMiB: 1024, concurrency: 10 },
  usage: { requestsPerMonth: 10_000_000, avgRequestDurationMs: 500 },
};

const rows = (estimate: ReturnType<EstimationService['estimate']>) =>
  estimate.lines.map(l => [l.sku, l.region, l.quantity, l.monthlyCost, l.kind]);

describe('Cloud Run free tier, valued at tier-1 prices', () => {
  it('nets to the usage beyond the allowance in a tier-1 region', () => {
    const estimate = service().estimate({ ...busy, region: 'us-central1' });
    expect(rows(estimate)).toEqual([
      // 500,000 × 0.000024 = 12.00; credit 180,000 × 0.000024 = 4.32
      ['request-cpu', 'us-central1', 500_000, 12, 'exact'],
      ['request-cpu', 'us-central1', -180_000, -4.32, 'exact'],
      // 500,000 × 0.0000025 = 1.25; credit 360,000 × 0.0000025 = 0.90
      ['request-memory', 'us-central1', 500_000, 1.25, 'exact'],
      ['request-memory', 'us-central1', -360_000, -0.9, 'exact'],
      // 10,000,000 × 0.0000004 = 4.00; credit 2,000,000 × 0.0000004 = 0.80
      ['requests', 'us-central1', 10_000_000, 4, 'exact'],
      ['requests', 'us-central1', -2_000_000, -0.8, 'exact'],
    ]);
    // 7.68 + 0.35 + 3.20
    expect(estimate).toMatchObject({ monthlyTotal: 11.23, complete: true });
  });

  it('charges the regional price and credits the tier-1 price in a tier-2 region', () => {
    const estimate = service().estimate({ ...busy, region: 'asia-southeast1' });
    expect(rows(estimate)).toEqual([
      // 500,000 × 0.0000336 = 16.80; credit 180,000 × 0.000024 (tier 1) = 4.32
      ['request-cpu', 'asia-southeast1', 500_000, 16.8, 'exact'],
      ['request-cpu', 'us-central1', -180_000, -4.32, 'exact'],
      // 500,000 × 0.0000035 = 1.75; credit 360,000 × 0.0000025 (tier 1) = 0.90
      ['request-memory', 'asia-southeast1', 500_000, 1.75, 'exact'],
      ['request-memory', 'us-central1', -360_000, -0.9, 'exact'],
      // 10,000,000 × 0.0000004 = 4.00; credit 2,000,000 × 0.0000004 = 0.80
      ['requests', 'asia-southeast1', 10_000_000, 4, 'exact'],
      ['requests', 'us-central1', -2_000_000, -0.8, 'exact'],
    ]);
    // 12.48 + 0.85 + 3.20 = 16.53 (the old rule, the allowance at the
    // regional price, gave 10.75 + 0.49 + 3.20 = 14.44: 13 % low)
    expect(estimate).toMatchObject({
      monthlyTotal: 16.53,
      complete: true,
      totalKind: 'exact',
    });
    expect(estimate.lines[1].description).toBe(
      'Free tier credit: 180,000 of the 180,000 vCPU-seconds a month per billing account (shared with its other services), valued at the tier-1 price',
    );
    expect(estimate.assumptions.freeTierValuedAt).toBe(
      'tier-1 price (us-central1)',
    );
  });

  it('leaves the tier difference to pay when usage is within the allowance', () => {
    // Defaults: 1,000,000 × 0.2 s ÷ 80 = 2,500 vCPU-s and 1,250 GiB-s.
    const estimate = service().estimate({
      provider: 'gcp-cloud-run',
      region: 'asia-southeast1',
      compute: { cpu: 1, memoryMiB: 512 },
    });
    expect(estimate.lines.map(l => l.monthlyCost)).toEqual([
      // 2,500 × 0.0000336 = 0.084; 2,500 × 0.000024 = 0.06
      0.08, -0.06,
      // 1,250 × 0.0000035 = 0.0044; 1,250 × 0.0000025 = 0.0031 (0, not -0)
      0, 0,
      // 1,000,000 × 0.0000004 = 0.40, all free
      0.4, -0.4,
    ]);
    expect(Object.is(estimate.lines[3].monthlyCost, -0)).toBe(false);
    // The total sums the unrounded lines: 0.084 − 0.06 + 0.004375 − 0.003125
    // + 0.40 − 0.40 = 0.02525, i.e. $0.03 (Google charges the tier-2 excess).
    expect(estimate.monthlyTotal).toBe(0.03);
  });

  it('has no credit lines when the free tier is turned off', () => {
    const estimate = service().estimate({
      ...busy,
      region: 'asia-southeast1',
      usage: { ...busy.usage, applyFreeTier: false },
    });
    // 16.80 + 1.75 + 4.00
    expect(estimate.lines).toHaveLength(3);
    expect(estimate.monthlyTotal).toBe(22.55);
    expect(estimate.assumptions.freeTierValuedAt).toBeUndefined();
  });
});

describe('usage assumptions', () => {
  it('labels the values the request did not give as defaults', () => {
    const estimate = service().estimate({ ...busy, region: 'us-central1' });
    expect(estimate.assumptions).toMatchObject({
      requestsPerMonth: 10_000_000,
      avgRequestDurationMs: 500,
      concurrency: 10,
      defaults:
        'billing, minInstances, maxInstances, hoursPerMonth, freeTierApplied',
    });
  });

  it('labels every value as a default when nothing is given', () => {
    const estimate = service().estimate({
      provider: 'gcp-cloud-run',
      region: 'us-central1',
      compute: {},
    });
    expect(estimate.assumptions.defaults).toBe(
      'billing, requestsPerMonth, avgRequestDurationMs, concurrency, vcpu, memoryGiB, minInstances, maxInstances, hoursPerMonth, freeTierApplied',
    );
  });
});
