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
import { ActualCostCache } from './ActualCostCache';

describe('ActualCostCache', () => {
  const figure = {
    deploymentId: 'a',
    day: '2026-12-05',
    amount: 1.5,
    currency: 'USD',
  };

  it('keeps an answer per days and set of deployments until it expires', async () => {
    let now = 0;
    const cache = new ActualCostCache(1000, () => now);
    const read = jest.fn(async () => [figure]);
    await cache.get('2026-12-01', '2026-12-06', ['b', 'a'], read);
    // The same set in another order, with a repeat: the same question.
    await cache.get('2026-12-01', '2026-12-06', ['a', 'b', 'a'], read);
    expect(read).toHaveBeenCalledTimes(1);
    await cache.get('2026-12-02', '2026-12-06', ['a', 'b'], read);
    expect(read).toHaveBeenCalledTimes(2);
    now = 1000;
    await cache.get('2026-12-01', '2026-12-06', ['a', 'b'], read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('keeps no failure, and hands out copies', async () => {
    const cache = new ActualCostCache(1000, () => 0);
    await expect(
      cache.get('d', 'e', ['a'], async () => {
        throw new Error('throttled');
      }),
    ).rejects.toThrow('throttled');
    const first = await cache.get('d', 'e', ['a'], async () => [figure]);
    first[0].amount = 99;
    const second = await cache.get('d', 'e', ['a'], async () => []);
    expect(second).toEqual([figure]);
  });
});
