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
import { testSnapshot } from '../../__testUtils__/snapshot';
import { PriceCatalog } from '../PriceCatalog';
import { mergeLivePrices } from './mergeLivePrices';

describe('mergeLivePrices', () => {
  it('replaces fetched prices and keeps the rest with their own sources', () => {
    const merged = mergeLivePrices(
      testSnapshot,
      [
        {
          provider: 'aws',
          service: 'AmazonSageMaker',
          region: 'us-east-1',
          sku: 'ml.m5.large',
          unit: 'hour',
          usd: 0.118,
          effectiveDate: '2026-11-01',
          source: 'live',
          origin: 'AWS Pricing API',
        },
        {
          provider: 'aws',
          service: 'AmazonSageMaker',
          region: 'eu-west-1',
          sku: 'ml.m5.large',
          unit: 'hour',
          usd: 0.129,
          effectiveDate: '2026-11-01',
          source: 'live',
          origin: 'AWS Pricing API',
        },
      ],
      new Date('2026-11-22T10:00:00Z'),
    );
    expect(merged.builtAt).toBe('2026-11-22T10:00:00.000Z');
    const catalog = PriceCatalog.fromSnapshot(merged);
    expect(
      catalog.lookup('aws', 'AmazonSageMaker', 'us-east-1', 'ml.m5.large')
        .point,
    ).toMatchObject({
      usd: 0.118,
      effectiveDate: '2026-11-01',
      origin: 'AWS Pricing API, fetched 2026-11-22',
    });
    expect(
      catalog.lookup('aws', 'AmazonSageMaker', 'us-east-1', 'ml.g5.xlarge')
        .point,
    ).toMatchObject({ usd: 1.408, origin: 'test sagemaker' });
    // 24 prices, one replaced, one added.
    expect(catalog.size.snapshot).toBe(25);
  });
});
