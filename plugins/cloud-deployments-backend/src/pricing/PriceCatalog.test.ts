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
import { PriceCatalog } from './PriceCatalog';

describe('PriceCatalog', () => {
  it('answers from the snapshot with its source and date', () => {
    const catalog = PriceCatalog.fromSnapshot(testSnapshot);
    expect(
      catalog.lookup('aws', 'AmazonSageMaker', 'us-east-1', 'ml.m5.large'),
    ).toEqual({
      point: {
        provider: 'aws',
        service: 'AmazonSageMaker',
        region: 'us-east-1',
        sku: 'ml.m5.large',
        unit: 'hour',
        usd: 0.115,
        effectiveDate: '2025-01-26',
        source: 'snapshot',
        origin: 'test sagemaker',
      },
    });
  });

  it('borrows the fallback region with a note, and says when a price is missing', () => {
    const catalog = PriceCatalog.fromSnapshot(testSnapshot);
    const borrowed = catalog.lookup(
      'aws',
      'AmazonSageMaker',
      'eu-west-1',
      'ml.m5.large',
    );
    expect(borrowed.point?.region).toBe('us-east-1');
    expect(borrowed.note).toBe(
      'us-east-1 price used: no price for eu-west-1 in the snapshot',
    );
    expect(
      catalog.lookup('aws', 'AmazonSageMaker', 'eu-west-1', 'ml.p5.48xlarge'),
    ).toEqual({ note: 'no price for ml.p5.48xlarge in eu-west-1' });
  });

  it('prefers live and cached prices over the snapshot', () => {
    const catalog = PriceCatalog.fromSnapshot(testSnapshot);
    catalog.replaceOverlay([
      {
        provider: 'aws',
        service: 'AmazonSageMaker',
        region: 'us-east-1',
        sku: 'ml.m5.large',
        unit: 'hour',
        usd: 0.12,
        effectiveDate: '2026-11-01',
        source: 'cache',
        origin: 'AWS Pricing API',
      },
      {
        provider: 'aws',
        service: 'AmazonSageMaker',
        region: 'eu-west-1',
        sku: 'ml.c7i.large',
        unit: 'hour',
        usd: 0.1,
        effectiveDate: '2026-11-01',
        source: 'live',
        origin: 'AWS Pricing API',
      },
    ]);
    expect(
      catalog.lookup('aws', 'AmazonSageMaker', 'us-east-1', 'ml.m5.large')
        .point,
    ).toMatchObject({ usd: 0.12, source: 'cache' });
    expect(catalog.skus('aws', 'AmazonSageMaker').has('ml.c7i.large')).toBe(
      true,
    );
    expect(
      catalog.lookup('aws', 'AmazonSageMaker', 'ap-south-1', 'ml.m5.large')
        .note,
    ).toBe('us-east-1 price used: no price for ap-south-1 in the price cache');
    expect(
      catalog.list({ provider: 'aws', sku: 'ml.m5.large' }, 10).map(p => p.usd),
    ).toEqual([0.12]);
    expect(catalog.size).toEqual({ snapshot: 24, overlay: 2 });
  });
});
