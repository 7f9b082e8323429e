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
 * Faults to answer the next matching requests with, oldest first, each for
 * `remaining` requests. `only` narrows a fault to requests of one kind (an
 * HTTP method, an operation, an operation in a region); without it, a fault
 * matches every request.
 */
export class FaultQueue<A, O = string> {
  readonly #faults: Array<{ only?: O; remaining: number; answer: A }> = [];

  push(only: O | undefined, remaining: number, answer: A): void {
    this.#faults.push({ only, remaining, answer });
  }

  /** The answer of the first fault that matches, counted as used once. */
  take(matches: (only: O) => boolean): A | undefined {
    const index = this.#faults.findIndex(
      f => f.only === undefined || matches(f.only),
    );
    if (index < 0) return undefined;
    const fault = this.#faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.answer;
  }
}
