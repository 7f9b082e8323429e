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
import { ttlToMilliseconds } from './ttl';

describe('ttlToMilliseconds', () => {
  it.each([
    ['P7D', 7 * 86_400_000],
    ['PT12H', 12 * 3_600_000],
    ['P1W', 7 * 86_400_000],
    ['P1M', 30 * 86_400_000],
    ['P1Y', 365 * 86_400_000],
    ['P1DT1H30M15S', 86_400_000 + 3_600_000 + 30 * 60_000 + 15_000],
  ])('reads %s', (ttl, ms) => {
    expect(ttlToMilliseconds(ttl)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '7D', 'P1.5D', 'P1DT'])('refuses %p', ttl => {
    expect(ttlToMilliseconds(ttl)).toBeUndefined();
  });
});
