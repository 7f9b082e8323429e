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
/**
 * A token bucket: at most `burst` calls at once, refilled at `perSecond`
 * tokens a second (the AWS Pricing API allows 5 requests a second). Calls
 * wait for a token instead of failing.
 *
 * @public
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: {
    perSecond: number;
    burst?: number;
    now?: () => number;
  }) {
    this.#perSecond = options.perSecond;
    this.#burst = options.burst ?? options.perSecond;
    this.#now = options.now ?? Date.now;
    this.#tokens = this.#burst;
    this.#updatedAt = this.#now();
  }

  /** Resolves when the caller may make one call. */
  take(): Promise<void> {
    // Chained so that waiters are served in order.
    const turn = this.#queue.then(() => this.#takeOne());
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #takeOne(): Promise<void> {
    for (;;) {
      const now = this.#now();
      this.#tokens = Math.min(
        this.#burst,
        this.#tokens + ((now - this.#updatedAt) / 1000) * this.#perSecond,
      );
      this.#updatedAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const waitMs = ((1 - this.#tokens) / this.#perSecond) * 1000;
      await new Promise(r => setTimeout(r, Math.ceil(waitMs)));
    }
  }
}
