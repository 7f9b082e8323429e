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
  CostEstimate,
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import fc from 'fast-check';
import path from 'node:path';
import { EstimationService } from '../pricing/EstimationService';
import { PriceCatalog } from '../pricing/PriceCatalog';
import { loadSnapshot } from '../pricing/snapshot/loadSnapshot';
import { SpecPricer } from './findings';
import { findCommitments } from './rules/commitments';
import { findIdle, TrafficReading } from './rules/idle';
import { findOrphans } from './rules/orphaned';
import { findRightsizing } from './rules/rightsizing';
import { differenceSavings, wholeSavings } from './savings';

const catalog = PriceCatalog.fromSnapshot(
  loadSnapshot(path.resolve(__dirname, '../../snapshot/prices.json')),
);
const estimates = new EstimationService({ catalog });
const price: SpecPricer = spec => {
  try {
    return estimates.estimate({
      provider: spec.provider,
      region: spec.region,
      compute: spec.compute,
      usage: spec.usage,
    });
  } catch {
    return undefined;
  }
};
const now = new Date('2026-12-06T12:00:00.000Z');
const DAY = 86_400_000;

function deployment(
  spec: Partial<DeploymentSpec> & Pick<DeploymentSpec, 'provider' | 'region'>,
  ageDays = 20,
): Deployment {
  return {
    id: `id-${spec.provider}-${ageDays}`,
    name: 'svc',
    resourceName: 'svc',
    spec: {
      owner: 'group:default/team',
      component: 'component:default/svc',
      environment: 'staging',
      engine: 'sdk',
      artifact: { image: 'example/image:1' },
      compute: {},
      ...spec,
    } as DeploymentSpec,
    status: 'active',
    outputs: {},
    createdBy: 'user:default/a',
    createdAt: new Date(now.getTime() - ageDays * DAY).toISOString(),
    updatedBy: 'user:default/a',
    updatedAt: now.toISOString(),
    version: 1,
  };
}

const days = Array.from({ length: 7 }, (_, i) =>
  new Date(Date.parse('2026-11-29') + i * DAY).toISOString().slice(0, 10),
);
const quiet = (amounts = new Map()): TrafficReading => ({
  sourceTitle: 'Metrics',
  metric: { name: 'bytes', unit: 'bytes', idleAtOrBelow: 5000 },
  amounts,
});

describe('idle', () => {
  it('scales a Cloud Run service with warm instances to zero, priced as the difference', () => {
    const run = deployment({
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      compute: { cpu: 1, memoryMiB: 512, minInstances: 2, maxInstances: 4 },
    });
    const [finding] = findIdle({
      deployments: [run],
      readingOf: () => quiet(),
      days,
      now,
      price,
    });
    expect(finding.proposal).toEqual({
      type: 'change',
      spec: {
        compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 4 },
      },
      summary: 'minimum instances 2 → 0',
    });
    const before = price(run.spec)!;
    const after = price({
      ...run.spec,
      compute: { ...run.spec.compute, minInstances: 0 },
    })!;
    expect(finding.savings.monthlyTotal).toBe(
      Math.round((before.monthlyTotal! - after.monthlyTotal!) * 100) / 100,
    );
    expect(finding.savings.monthlyTotal).toBeGreaterThan(0);
  });

  it('counts a byte metric at or below its idle amount as no traffic, and above it as traffic', () => {
    const aci = deployment({
      provider: 'azure-container-instances',
      region: 'eastus',
      compute: { cpu: 1, memoryMiB: 1536 },
    });
    const probes = new Map([[aci.id, new Map(days.map(d => [d, 5000]))]]);
    const [finding] = findIdle({
      deployments: [aci],
      readingOf: () => quiet(probes),
      days,
      now,
      price,
    });
    expect(finding.detail).toContain('had no more than 5000 bytes a day');
    expect(finding.proposal).toMatchObject({ spec: { ttl: 'P23D' } });
    probes.get(aci.id)!.set(days[3], 5001);
    expect(
      findIdle({
        deployments: [aci],
        readingOf: () => quiet(probes),
        days,
        now,
        price,
      }),
    ).toEqual([]);
  });

  it('leaves alone what a TTL ends within the grace days, and what was not measured', () => {
    const ending = deployment(
      { provider: 'aws-sagemaker', region: 'us-east-1', ttl: 'P22D' },
      20,
    );
    expect(
      findIdle({
        deployments: [ending],
        readingOf: () => quiet(),
        days,
        now,
        price,
      }),
    ).toEqual([]);
    expect(
      findIdle({
        deployments: [
          deployment({ provider: 'aws-sagemaker', region: 'us-east-1' }),
        ],
        readingOf: () => undefined,
        days,
        now,
        price,
      }),
    ).toEqual([]);
  });
});

describe('rightsizing', () => {
  it('prices a region without its own prices as approximate', () => {
    const [finding] = findRightsizing({
      deployments: [
        deployment({
          provider: 'aws-sagemaker',
          region: 'us-west-2',
          compute: { instanceType: 'ml.g5.xlarge', instanceCount: 1, cpu: 2 },
        }),
      ],
      catalog,
      price,
    });
    // 730 × (1.4084 − 0.115), both borrowed from us-east-1.
    expect(finding.savings).toMatchObject({
      monthlyTotal: 944.18,
      totalKind: 'approximate',
      approximateFrom: ['us-east-1'],
      description: '≈ $944.18 a month (priced from us-east-1)',
    });
  });

  it('keeps a GPU a workload declares, and leaves undeclared and cheapest ones alone', () => {
    const sized = (compute: DeploymentSpec['compute']) =>
      findRightsizing({
        deployments: [
          deployment({
            provider: 'aws-sagemaker',
            region: 'us-east-1',
            compute,
          }),
        ],
        catalog,
        price,
      });
    // Nothing declared: the need is unknown.
    expect(sized({ instanceType: 'ml.g5.xlarge' })).toEqual([]);
    // Already the cheapest that holds 2 vCPU.
    expect(sized({ instanceType: 'ml.m5.large', cpu: 2 })).toEqual([]);
    // A declared GPU is only offered GPU types: g4dn is cheaper than g5.
    const [gpu] = sized({ instanceType: 'ml.g5.xlarge', gpu: 1 });
    expect(gpu.proposal).toMatchObject({
      spec: { compute: { instanceType: 'ml.g4dn.xlarge' } },
    });
    expect(gpu.title).toBe('Right-size svc to ml.g4dn.xlarge');
    // 730 × (1.4084 − 0.7364) = 490.56
    expect(gpu.savings.monthlyTotal).toBe(490.56);
  });
});

describe('commitments', () => {
  it('recommends only steady production deployments with no TTL, with no figure', () => {
    const found = findCommitments({
      deployments: [
        deployment(
          {
            provider: 'aws-sagemaker',
            region: 'us-east-1',
            environment: 'production',
            compute: { instanceType: 'ml.m5.large' },
          },
          40,
        ),
        deployment(
          {
            provider: 'aws-sagemaker',
            region: 'us-east-1',
            environment: 'production',
            compute: { instanceType: 'ml.m5.large' },
          },
          10,
        ),
        deployment(
          {
            provider: 'aws-sagemaker',
            region: 'us-east-1',
            environment: 'staging',
          },
          40,
        ),
        deployment(
          {
            provider: 'aws-sagemaker',
            region: 'us-east-1',
            environment: 'production',
            ttl: 'P90D',
          },
          40,
        ),
        deployment(
          {
            provider: 'gcp-cloud-run',
            region: 'europe-west1',
            environment: 'production',
            compute: { cpu: 1, memoryMiB: 512, minInstances: 0 },
          },
          40,
        ),
      ],
      steadyDays: 30,
      now,
      price,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      evidence: { ageDays: 40, onDemandMonthly: 83.95 },
      savings: { monthlyTotal: null, totalKind: 'unknown' },
    });
  });
});

describe('orphans', () => {
  it('waits an hour after a destroy, and ignores live deployments', () => {
    const resource = {
      deploymentId: 'd1',
      kind: 'Cloud Run service',
      resourceId: 'projects/p/locations/europe-west1/services/svc',
      name: 'svc',
      region: 'europe-west1',
      config: { cpu: 1, memoryMiB: 512, minInstances: 1 },
    };
    const orphans = (status: string, minutesAgo: number) =>
      findOrphans({
        provider: 'gcp-cloud-run',
        providerTitle: 'Google Cloud Run',
        resources: [resource],
        deploymentOf: () => ({
          id: 'd1',
          name: 'svc',
          status,
          updatedAt: new Date(
            now.getTime() - minutesAgo * 60_000,
          ).toISOString(),
        }),
        now,
        price,
      });
    expect(orphans('active', 600)).toEqual([]);
    expect(orphans('destroyed', 30)).toEqual([]);
    const [orphan] = orphans('destroyed', 90);
    expect(orphan.savings.totalKind).not.toBe('unknown');
    expect(orphan.savings.monthlyTotal).toBe(
      price({
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        compute: { cpu: 1, memoryMiB: 512, minInstances: 1 },
      })!.monthlyTotal,
    );
  });
  it('keeps the same resource id in two clusters apart', () => {
    const inCluster = (cluster: string) => ({
      deploymentId: 'gone',
      kind: 'Kubernetes Deployment',
      resourceId: 'apps/web',
      name: 'web',
      region: cluster,
      location: cluster,
    });
    const found = findOrphans({
      provider: 'kubernetes',
      providerTitle: 'Kubernetes',
      resources: [inCluster('prod-eu'), inCluster('prod-us')],
      deploymentOf: () => undefined,
      now,
      price,
    });
    expect(new Set(found.map(f => f.subject)).size).toBe(2);
    expect(found[0].detail).toContain('(prod-eu)');
  });
});

describe('savings', () => {
  const line = fc.record({
    priced: fc.boolean(),
    approximate: fc.boolean(),
    usd: fc.integer({ min: 0, max: 100_000 }).map(c => c / 100),
  });
  const kindOf = (l: { priced: boolean; approximate: boolean }) => {
    if (!l.priced) return 'missing';
    return l.approximate ? 'approximate' : 'exact';
  };
  const estimate = (
    lines: Array<{ priced: boolean; approximate: boolean; usd: number }>,
  ): CostEstimate =>
    ({
      currency: 'USD',
      monthlyTotal: null,
      pricedSubtotal: 0,
      totalKind: 'unknown',
      complete: false,
      missingLines: 0,
      approximateFrom: [],
      assumptions: {},
      warnings: [],
      estimatedAt: now.toISOString(),
      lines: lines.map((l, i) => ({
        description: `line ${i}`,
        quantity: 1,
        unit: 'hour',
        unitPrice: l.priced ? l.usd : null,
        monthlyCost: l.priced ? l.usd : null,
        region: l.approximate ? 'us-east-1' : 'eu-west-1',
        kind: kindOf(l),
      })),
    } as unknown as CostEstimate);

  it('is never more certain than its price lines', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 5 }),
        fc.array(line, { minLength: 1, maxLength: 5 }),
        (a, b) => {
          const whole = wholeSavings(estimate(a));
          const diff = differenceSavings(estimate(a), estimate(b));
          const missing = [...a, ...b].some(l => !l.priced);
          const approximate = [...a, ...b].some(l => l.priced && l.approximate);
          expect(diff.monthlyTotal === null).toBe(missing);
          let expected = approximate ? 'approximate' : 'exact';
          if (missing) expected = 'unknown';
          expect(diff.totalKind).toBe(expected);
          expect(whole.monthlyTotal === null).toBe(a.some(l => !l.priced));
          expect(diff.lineKinds.missing).toBe(
            [...a, ...b].filter(l => !l.priced).length,
          );
          expect(/^-?\$/.test(diff.description)).toBe(
            diff.totalKind === 'exact',
          );
        },
      ),
    );
  });
});
