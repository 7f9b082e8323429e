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
import { LoggerService } from '@backstage/backend-plugin-api';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { DeploymentStore } from '../database/DeploymentStore';

/** What a follower is told: new events, or that reading the log failed. */
export type EventFeedListener = {
  onEvents(events: DeploymentEvent[]): void;
  onError(error: unknown): void;
};

type Follower = {
  deploymentId: string;
  cursor: number;
  listener: EventFeedListener;
};

/** Events read per deployment per round; the rest come in the next round at once. */
const PAGE = 500;

/**
 * Follows the event log for every open event stream of this replica with
 * one query per round, however many streams are open (each deployment after
 * its own last event, as each stream would): events any replica writes reach
 * the streams here within one interval, without a query per stream.
 * It only runs while someone follows.
 */
export class EventFeed {
  readonly #store: DeploymentStore;
  readonly #intervalMs: number;
  readonly #logger?: LoggerService;
  readonly #followers = new Set<Follower>();
  #timer?: NodeJS.Timeout;
  #running = false;

  constructor(options: {
    store: DeploymentStore;
    intervalMs: number;
    logger?: LoggerService;
  }) {
    this.#store = options.store;
    this.#intervalMs = options.intervalMs;
    this.#logger = options.logger;
  }

  /** How often the log is read while someone follows. */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Follows a deployment's events after the event id `after`; returns the way to stop. */
  follow(
    deploymentId: string,
    after: number,
    listener: EventFeedListener,
  ): () => void {
    const follower = { deploymentId, cursor: after, listener };
    this.#followers.add(follower);
    this.#schedule(0);
    return () => {
      this.#followers.delete(follower);
    };
  }

  #schedule(delayMs: number) {
    if (this.#running || this.#timer || !this.#followers.size) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#round();
    }, delayMs);
    this.#timer.unref?.();
  }

  async #round() {
    this.#running = true;
    let more = false;
    const followers = [...this.#followers];
    try {
      // Followers of one deployment share a read from the earliest of them.
      const cursors = new Map<string, number>();
      for (const f of followers) {
        const known = cursors.get(f.deploymentId);
        if (known === undefined || f.cursor < known) {
          cursors.set(f.deploymentId, f.cursor);
        }
      }
      const limit = PAGE * Math.max(1, cursors.size);
      const events = await this.#store.listEventsOfMany(
        [...cursors].map(([deploymentId, after]) => ({ deploymentId, after })),
        { limit },
      );
      more = events.length >= limit;
      const byDeployment = new Map<string, DeploymentEvent[]>();
      for (const event of events) {
        const list = byDeployment.get(event.deploymentId) ?? [];
        list.push(event);
        byDeployment.set(event.deploymentId, list);
      }
      for (const f of followers) {
        if (!this.#followers.has(f)) continue;
        const fresh = (byDeployment.get(f.deploymentId) ?? []).filter(
          e => e.id > f.cursor,
        );
        if (!fresh.length) continue;
        f.cursor = fresh[fresh.length - 1].id;
        f.listener.onEvents(fresh);
      }
    } catch (error) {
      this.#logger?.warn(`Reading new deployment events failed: ${error}`);
      for (const f of followers) f.listener.onError(error);
    } finally {
      this.#running = false;
      this.#schedule(more ? 0 : this.#intervalMs);
    }
  }
}
