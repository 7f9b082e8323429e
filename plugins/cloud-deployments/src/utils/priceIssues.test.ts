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
import { EstimateLine } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  describePriceIssues,
  findPriceIssues,
  hasPriceIssues,
  priceIssuesTitle,
  summarizePriceSources,
} from './priceIssues';

const line = (overrides: Partial<EstimateLine> = {}): EstimateLine => ({
  description: 'Instance hours (ml.m5.large × 1)',
  quantity: 730,
  unit: 'hour',
  unitPrice: 0.115,
  monthlyCost: 83.95,
  sku: 'ml.m5.large',
  region: 'eu-west-1',
  kind: 'exact',
  source: 'live',
  origin: 'AWS Pricing API',
  effectiveDate: '2026-05-01',
  ...overrides,
});

describe('findPriceIssues', () => {
  it('finds nothing wrong with live prices of the right region', () => {
    const issues = findPriceIssues([line(), line({ source: 'cache' })], {
      provider: 'aws-sagemaker',
      region: 'eu-west-1',
    });
    expect(hasPriceIssues(issues)).toBe(false);
    expect(describePriceIssues(issues)).toEqual([]);
  });

  it('finds missing, borrowed and snapshot prices', () => {
    const missing = line({
      description: 'GPU hours',
      unitPrice: null,
      monthlyCost: null,
      source: undefined,
      origin: undefined,
      effectiveDate: undefined,
      note: 'no price for ml.g5.xlarge in eu-north-1',
    });
    const borrowed = line({ description: 'Storage', region: 'us-east-1' });
    const snapshot = line({
      description: 'Requests',
      region: 'eu-north-1',
      source: 'snapshot',
      effectiveDate: '2026-01-15',
    });
    const context = { provider: 'aws-sagemaker', region: 'eu-north-1' };

    const issues = findPriceIssues([missing, borrowed, snapshot], context);

    expect(issues).toEqual({
      missing: [missing],
      otherRegion: [borrowed],
      snapshot: [snapshot],
      caveat: [],
    });
    expect(hasPriceIssues(issues)).toBe(true);
    expect(describePriceIssues(issues, context)).toEqual([
      'No price is known for GPU hours; the total leaves it out and is a lower bound.',
      'Storage priced with us-east-1 prices, as none are known for eu-north-1.',
      'Requests priced from the price snapshot of 2026-01-15 shipped with the backend, as no current price was fetched for it; it may be out of date.',
    ]);
    expect(priceIssuesTitle(issues)).toBe(
      "A price is missing; another region's prices used; some prices are not current",
    );
  });

  it('has nothing to warn about when every price comes from the snapshot alone', () => {
    // No price source configured (a sandbox, a demo): the snapshot is the
    // source, not a fallback; the caption says so and as of when.
    const issues = findPriceIssues(
      [
        line({ source: 'snapshot', origin: 'AWS Price List API' }),
        line({ description: 'Storage', source: 'snapshot' }),
      ],
      { provider: 'aws-sagemaker', region: 'eu-west-1' },
    );
    expect(hasPriceIssues(issues)).toBe(false);
    expect(describePriceIssues(issues)).toEqual([]);
  });

  it('names a line whose price needs checking', () => {
    const checked = line({
      description: 'vCPU hours',
      source: 'snapshot',
      caveat: 'VERIFY: swedencentral ACI rate from a single public source',
    });
    const issues = findPriceIssues([checked], { region: 'eu-west-1' });
    expect(issues.caveat).toEqual([checked]);
    expect(describePriceIssues(issues)).toEqual([
      'vCPU hours: the price needs checking (swedencentral ACI rate from a single public source).',
    ]);
    expect(priceIssuesTitle(issues)).toBe('A price needs checking');
  });

  it("trusts only the line's kind for Kubernetes, whose nodes price in their own region", () => {
    const note =
      'us-east1 price used: no price for europe-north2 in the live prices';
    const node = line({ region: 'us-central1' });
    const fallback = line({ region: 'us-east1', kind: 'approximate', note });
    // Stored before lines had a kind: only its note says it was borrowed.
    const legacy = line({ region: 'us-east1', kind: undefined, note });

    const issues = findPriceIssues([node, fallback, legacy], {
      provider: 'kubernetes',
      region: 'prod-cluster',
    });

    expect(issues.otherRegion).toEqual([fallback, legacy]);
  });
});

describe('summarizePriceSources', () => {
  it('lists each origin once and dates the prices by the oldest', () => {
    expect(
      summarizePriceSources([
        line(),
        line({ effectiveDate: '2026-04-01' }),
        line({
          source: 'snapshot',
          origin: 'snapshot 2026-01',
          effectiveDate: '2026-01-15',
        }),
        line({ unitPrice: null, effectiveDate: '2020-01-01' }),
      ]),
    ).toEqual({
      sources: ['AWS Pricing API (live)', 'snapshot 2026-01 (snapshot)'],
      provenance: ['AWS Pricing API', 'snapshot 2026-01'],
      asOf: '2026-01-15',
    });
    expect(summarizePriceSources([])).toEqual({
      sources: [],
      provenance: [],
      asOf: undefined,
    });
  });

  it('names a dataset once however its lines detail their origin', () => {
    const cloudRun = (detail: string) =>
      line({
        source: 'snapshot',
        origin: `shared pricing gcp/cloud-run-prices.json (hand-assembled; ${detail}): S1 https://cloud.google.com/run/pricing`,
      });
    const summary = summarizePriceSources([
      cloudRun('tier-1 rates'),
      cloudRun('request-based free tier'),
      line({ origin: 'AWS Pricing API, usage type USE1-Host:ml.m5.large' }),
    ]);
    expect(summary.sources).toEqual([
      'shared pricing gcp/cloud-run-prices.json (snapshot)',
      'AWS Pricing API (live)',
    ]);
    expect(summary.provenance).toHaveLength(3);
  });
});
