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
  DeploymentProvider,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { lowerCarbonChoice, PricedOption, sortOptions } from './compareOrder';

const dataset: EmissionsEstimate['dataset'] = {
  builtAt: '2026-12-01',
  gridYears: ['2021'],
  sources: [],
};

/** Emissions of `grams` a month; `partial` keeps them as a known subtotal only, `null` is unknown. */
function emissions(
  grams: number | null,
  kind: EmissionsEstimate['totalKind'] = grams === null ? 'unknown' : 'exact',
): EmissionsEstimate {
  const known = kind === 'exact' || kind === 'approximate';
  return {
    unit: 'gCO2e',
    monthlyTotalGrams: known ? grams : null,
    knownSubtotalGrams: grams ?? 0,
    totalKind: kind,
    missingLines: known ? 0 : 1,
    approximateFrom: [],
    lines: [],
    assumptions: {},
    warnings: [],
    dataset,
  };
}

/**
 * An option priced at `usd` a month (`partial`: a priced subtotal only)
 * with `grams` of emissions (`undefined`: an estimate stored before them).
 */
function option(
  provider: DeploymentProvider,
  region: string,
  usd: number | null,
  grams?: number | null | EmissionsEstimate,
  priceKind: CostEstimate['totalKind'] = usd === null ? 'unknown' : 'exact',
): PricedOption {
  const priced = priceKind === 'exact' || priceKind === 'approximate';
  const estimate: CostEstimate = {
    currency: 'USD',
    monthlyTotal: priced ? usd : null,
    pricedSubtotal: usd ?? 0,
    totalKind: priceKind,
    complete: priceKind === 'exact',
    missingLines: priced ? 0 : 1,
    approximateFrom: [],
    lines: [],
    assumptions: {},
    warnings: [],
    estimatedAt: '2026-12-07T00:00:00Z',
    ...(grams === undefined
      ? {}
      : {
          emissions:
            grams === null || typeof grams === 'number'
              ? emissions(grams)
              : grams,
        }),
  };
  return { provider, region, pricedAs: '1 vCPU, 2 GiB', fits: true, estimate };
}

const unfit: PricedOption = {
  provider: 'gcp-cloud-run',
  region: 'us-central1',
  pricedAs: '1 vCPU, 2 GiB, 1 GPU',
  fits: false,
  reason: 'does not offer this',
};

const names = (options: PricedOption[]) =>
  options.map(o => `${o.provider} ${o.region}`);

describe('sortOptions', () => {
  const options = [
    unfit,
    option('aws-sagemaker', 'us-east-1', 90, 3000),
    option('azure-container-instances', 'eastus', 40, 9000, 'partial'),
    option('kubernetes', 'us-east-1', null, 100),
    option('gcp-cloud-run', 'europe-west1', 60, 800),
    option('azure-container-instances', 'westeurope', 60, null),
    option('aws-sagemaker', 'eu-west-1', 60),
  ];

  it('orders by cost: totals cheapest first (ties by target and region), then partial, unknown and unfit', () => {
    expect(names(sortOptions(options, 'cost'))).toEqual([
      'aws-sagemaker eu-west-1',
      'azure-container-instances westeurope',
      'gcp-cloud-run europe-west1',
      'aws-sagemaker us-east-1',
      'azure-container-instances eastus',
      'kubernetes us-east-1',
      'gcp-cloud-run us-central1',
    ]);
  });

  it('orders by emissions: lowest total first, then partial, then unknown or not estimated (by cost), never as 0; unfit last', () => {
    expect(names(sortOptions(options, 'emissions'))).toEqual([
      // Emissions known, even though the price is not.
      'kubernetes us-east-1',
      'gcp-cloud-run europe-west1',
      'aws-sagemaker us-east-1',
      'azure-container-instances eastus',
      // No emissions figure: after every known one, cheapest first.
      'aws-sagemaker eu-west-1',
      'azure-container-instances westeurope',
      'gcp-cloud-run us-central1',
    ]);
  });

  it('puts a partial emissions figure after every total, however low its known part', () => {
    const sorted = sortOptions(
      [
        option('aws-sagemaker', 'us-east-1', 50, emissions(10, 'partial')),
        option('gcp-cloud-run', 'us-central1', 50, 5000),
        option('kubernetes', 'us-east-1', 50, emissions(4000, 'approximate')),
      ],
      'emissions',
    );
    expect(names(sorted)).toEqual([
      'kubernetes us-east-1',
      'gcp-cloud-run us-central1',
      'aws-sagemaker us-east-1',
    ]);
  });

  it('breaks a tie in emissions by cost, then by target and region', () => {
    const sorted = sortOptions(
      [
        option('gcp-cloud-run', 'us-central1', 70, 1000),
        option('aws-sagemaker', 'us-east-1', 70, 1000),
        option('kubernetes', 'us-east-1', 20, 1000),
      ],
      'emissions',
    );
    expect(names(sorted)).toEqual([
      'kubernetes us-east-1',
      'aws-sagemaker us-east-1',
      'gcp-cloud-run us-central1',
    ]);
  });
});

describe('lowerCarbonChoice', () => {
  const chosen = (options: PricedOption[]) => {
    const { choice } = lowerCarbonChoice(options);
    return choice && `${choice.option.provider} ${choice.option.region}`;
  };

  it('marks the lowest known emissions within 10 % of the cheapest total, with the saving', () => {
    const result = lowerCarbonChoice([
      option('aws-sagemaker', 'us-east-1', 100, 3000),
      option('gcp-cloud-run', 'europe-west1', 104.5, 600),
      option('azure-container-instances', 'westeurope', 109, 900),
      // Lower still, but 11 % dearer: another price, not the same band.
      option('kubernetes', 'us-east-1', 111, 100),
    ]);
    expect(result.priceBand).toEqual({ percent: 10, from: 100, upTo: 110 });
    expect(result.choice?.option.region).toBe('europe-west1');
    expect(result.choice?.saving).toEqual({
      comparedWith: { provider: 'aws-sagemaker', region: 'us-east-1' },
      grams: 2400,
      percent: 80,
      extraMonthlyUsd: 4.5,
    });
  });

  it('counts a total exactly 10 % above the cheapest as in the band, a cent more as out', () => {
    const cheapest = option('aws-sagemaker', 'us-east-1', 29.57, 3000);
    // 29.57 × 1.1 = 32.527, shown and compared as $32.53.
    expect(
      chosen([cheapest, option('gcp-cloud-run', 'us-central1', 32.53, 10)]),
    ).toBe('gcp-cloud-run us-central1');
    expect(
      chosen([cheapest, option('gcp-cloud-run', 'us-central1', 32.54, 10)]),
    ).toBeUndefined();
  });

  it('marks the cheaper of two options with the same lowest emissions', () => {
    expect(
      chosen([
        option('aws-sagemaker', 'us-east-1', 100, 3000),
        option('gcp-cloud-run', 'us-central1', 108, 500),
        option('azure-container-instances', 'eastus', 103, 500),
      ]),
    ).toBe('azure-container-instances eastus');
  });

  it('marks none when nothing in the band is lower than the cheapest, or only ties with it', () => {
    expect(
      chosen([
        option('aws-sagemaker', 'us-east-1', 100, 500),
        option('gcp-cloud-run', 'us-central1', 105, 500),
        option('azure-container-instances', 'eastus', 106, 900),
      ]),
    ).toBeUndefined();
  });

  it('marks the cheapest of two equal prices when its tie partner has higher emissions, and the partner when it has lower', () => {
    expect(
      chosen([
        option('aws-sagemaker', 'us-east-1', 100, 3000),
        option('gcp-cloud-run', 'us-central1', 100, 1000),
      ]),
    ).toBe('gcp-cloud-run us-central1');
    // aws-sagemaker sorts first among equal prices: it is the cheapest, and lowest.
    expect(
      chosen([
        option('aws-sagemaker', 'us-east-1', 100, 1000),
        option('gcp-cloud-run', 'us-central1', 100, 3000),
      ]),
    ).toBeUndefined();
  });

  it('marks none when the cheapest option has no emissions figure: a saving against an unknown is unknown', () => {
    for (const unknown of [undefined, null, emissions(2000, 'partial')]) {
      const result = lowerCarbonChoice([
        option('aws-sagemaker', 'us-east-1', 100, unknown),
        option('gcp-cloud-run', 'us-central1', 101, 10),
      ]);
      expect(result.choice).toBeUndefined();
      expect(result.priceBand?.from).toBe(100);
    }
  });

  it('never counts an option without an emissions total as lower, nor one without a price total as in the band', () => {
    expect(
      chosen([
        option('aws-sagemaker', 'us-east-1', 100, 3000),
        option('gcp-cloud-run', 'us-central1', 101, null),
        option('kubernetes', 'us-east-1', 101, emissions(5, 'partial')),
        // A partial price is a lower bound: it may be any price.
        option('azure-container-instances', 'eastus', 50, 5, 'partial'),
        unfit,
      ]),
    ).toBeUndefined();
  });

  it('counts an approximate price and approximate emissions like exact ones', () => {
    expect(
      chosen([
        option('aws-sagemaker', 'us-east-1', 100, 3000),
        option(
          'gcp-cloud-run',
          'us-central1',
          102,
          emissions(800, 'approximate'),
          'approximate',
        ),
      ]),
    ).toBe('gcp-cloud-run us-central1');
  });

  it('has no band and no mark when no option has a total', () => {
    expect(
      lowerCarbonChoice([
        option('aws-sagemaker', 'us-east-1', 40, 10, 'partial'),
        unfit,
      ]),
    ).toEqual({});
  });
});
