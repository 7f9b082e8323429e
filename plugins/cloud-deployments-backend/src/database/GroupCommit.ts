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
 * Group commit: writes that arrive while one is being written wait and go
 * together into the next transaction, so under load a transaction (and its
 * round trips and commit) carries many writes instead of one. Each write
 * still stands or falls alone: when a group fails, its writes are retried
 * one by one, so one conflict (say, a duplicate name) fails only its own.
 * With one write at a time it adds nothing but a turn of the event loop.
 */
export class GroupCommit<T> {
  readonly #write: (items: T[]) => Promise<void>;
  readonly #maxGroup: number;
  #waiting: Array<{ item: T; done: (error?: unknown) => void }> = [];
  #busy = false;

  constructor(options: {
    /** Writes a group in one transaction; throws to fail the whole group. */
    write: (items: T[]) => Promise<void>;
    /** At most this many in one transaction. */
    maxGroup: number;
  }) {
    this.#write = options.write;
    this.#maxGroup = options.maxGroup;
  }

  /** Resolves once `item` is committed; rejects with its own error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({
        item,
        done: error => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.#busy) {
        this.#busy = true;
        // Lets the writes of this turn of the event loop join the group.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain() {
    while (this.#waiting.length) {
      const group = this.#waiting.splice(0, this.#maxGroup);
      try {
        await this.#write(group.map(g => g.item));
        group.forEach(g => g.done());
      } catch (error) {
        if (group.length === 1) {
          group[0].done(error);
          continue;
        }
        for (const one of group) {
          try {
            await this.#write([one.item]);
            one.done();
          } catch (own) {
            one.done(own);
          }
        }
      }
    }
    this.#busy = false;
  }
}
