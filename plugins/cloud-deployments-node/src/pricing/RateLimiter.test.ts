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
import { RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
  it('lets a burst through, then refills at the given rate', async () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 5, now: () => now });
    for (let i = 0; i < 5; i++) await limiter.take();
    let sixth = false;
    const pending = limiter.take().then(() => {
      sixth = true;
    });
    await new Promise(r => setTimeout(r, 20));
    expect(sixth).toBe(false);
    now += 200; // one token refilled at 5 a second
    await pending;
    expect(sixth).toBe(true);
  });
});
