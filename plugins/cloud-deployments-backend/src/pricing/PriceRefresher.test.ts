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
import { mockServices } from '@backstage/backend-test-utils';
import { PricePoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { PriceSource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { testSnapshot } from '../__testUtils__/snapshot';
import { migrateDatabase } from '../database/DatabaseDeploymentStore';
import { DatabasePriceCache } from './DatabasePriceCache';
import { PriceCatalog } from './PriceCatalog';
import { PriceRefresher } from './PriceRefresher';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const HOUR = 3_600_000;

const livePrice = (usd: number): PricePoint => ({
  provider: 'aws',
  service: 'AmazonSageMaker',
  region: 'us-east-1',
  sku: 'ml.m5.large',
  unit: 'hour',
  usd,
  effectiveDate: '2026-11-01',
  source: 'live',
  origin: 'AWS Pricing API',
});

/** A price source whose answers the test decides, one call at a time. */
class ScriptedSource implements PriceSource {
  readonly id = 'scripted';
  readonly provider = 'aws' as const;
  readonly regions = ['us-east-1'];
  readonly calls: Array<readonly string[]> = [];
  constructor(private readonly answers: Array<PricePoint[] | Error>) {}
  async fetchPrices(request: { regions: readonly string[] }) {
    this.calls.push(request.regions);
    const answer = this.answers.shift();
    if (!answer || answer instanceof Error) {
      throw answer ?? new Error('no answer scripted');
    }
    return answer;
  }
}

describe.each(databases.eachSupportedId())(
  'pricing cache on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      return { knex, cache: new DatabasePriceCache(knex) };
    }

    it('stores prices, serves them until they expire, and deletes them after', async () => {
      const { cache } = await setup();
      const now = new Date('2026-11-22T12:00:00Z');
      await cache.store([livePrice(0.12)], { ttlMs: 12 * HOUR, now });
      // Stored again: the row is replaced, not duplicated.
      await cache.store([livePrice(0.125)], { ttlMs: 12 * HOUR, now });

      expect(await cache.loadFresh(new Date('2026-11-22T23:59:00Z'))).toEqual([
        { ...livePrice(0.125), source: 'cache' },
      ]);
      expect(await cache.loadFresh(new Date('2026-11-23T00:00:01Z'))).toEqual(
        [],
      );
      expect(await cache.deleteExpired(new Date('2026-11-22T13:00:00Z'))).toBe(
        0,
      );
      expect(await cache.deleteExpired(new Date('2026-11-23T00:00:01Z'))).toBe(
        1,
      );
    });

    it('stores thousands of prices in chunks', async () => {
      const { cache } = await setup();
      const points = Array.from({ length: 2500 }, (_, i) => ({
        ...livePrice(i / 1000),
        sku: `m${i}.large`,
      }));
      await cache.store(points, { ttlMs: HOUR });
      expect(await cache.loadFresh()).toHaveLength(2500);
    });

    it('falls back to the cache, then to the snapshot, and says which', async () => {
      const { cache } = await setup();
      const catalog = PriceCatalog.fromSnapshot(testSnapshot);
      const source = new ScriptedSource([
        [livePrice(0.13)],
        new Error('timeout after 10000 ms'),
      ]);
      const refresher = new PriceRefresher({
        sources: [source],
        cache,
        catalog,
        logger: mockServices.logger.mock(),
        ttlMs: 12 * HOUR,
      });
      const price = () =>
        catalog.lookup('aws', 'AmazonSageMaker', 'us-east-1', 'ml.m5.large')
          .point;

      expect(price()).toMatchObject({ usd: 0.115, source: 'snapshot' });
      expect(await refresher.refresh()).toEqual([
        { source: 'scripted', prices: 1 },
      ]);
      expect(source.calls).toEqual([['us-east-1']]);
      expect(price()).toMatchObject({ usd: 0.13, source: 'live' });

      // The source fails: what an earlier refresh cached is still served.
      expect(await refresher.refresh()).toEqual([
        { source: 'scripted', error: 'timeout after 10000 ms' },
      ]);
      expect(price()).toMatchObject({ usd: 0.13, source: 'cache' });

      // Once the cache has expired, the snapshot answers again.
      await cache.deleteExpired(new Date(Date.now() + 13 * HOUR));
      await refresher.reload();
      expect(price()).toMatchObject({ usd: 0.115, source: 'snapshot' });
    });
  },
);
