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
import { toError } from '@backstage/errors';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsApi } from '../api';

/**
 * How events reach the page: `connecting` until the stream is open, `live`
 * while it is, `polling` while it is not (every 2 s by default), and `idle`
 * when not following.
 *
 * @internal
 */
export type EventFeedMode = 'idle' | 'connecting' | 'live' | 'polling';

/**
 * Options of {@link followDeploymentEvents}.
 *
 * @internal
 */
export type FollowDeploymentEventsOptions = {
  api: Pick<CloudDeploymentsApi, 'listEvents' | 'streamEvents'>;
  id: string;
  /** Only events with an id greater than this one; all when absent. */
  after?: number;
  /** Load the events once and stop, rather than follow new ones. */
  once?: boolean;
  /** Called with new events, oldest first, never twice with the same one. */
  onEvents(events: DeploymentEvent[]): void;
  /** Called once the events so far are loaded, or could not be. */
  onLoaded?(): void;
  onMode?(mode: EventFeedMode): void;
  /** Called with a failure to read events, and with `undefined` once over. */
  onError?(error: Error | undefined): void;
  /** Stops following. */
  signal: AbortSignal;
  pollIntervalMs?: number;
  /** The longest wait before trying the stream again. */
  maxReconnectDelayMs?: number;
};

const PAGE_SIZE = 500;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * Loads the events of a deployment, then follows new ones: through the
 * backend's event stream while it can be read, polling `GET /events?after=`
 * while it cannot. A stream that cannot be opened or drops is tried again
 * after the delay the backend asks for (`retry:`), doubling on each failure
 * in a row; where the browser cannot read a stream at all, polling goes on.
 *
 * @internal
 */
export async function followDeploymentEvents(
  options: FollowDeploymentEventsOptions,
): Promise<void> {
  const {
    api,
    id,
    once,
    onEvents,
    onLoaded,
    onMode,
    onError,
    signal,
    pollIntervalMs = 2000,
    maxReconnectDelayMs = 30_000,
  } = options;
  let cursor = options.after;
  let retryMs = 1000;
  let failures = 0;
  let streamable = true;

  const deliver = (events: DeploymentEvent[]) => {
    const fresh = events.filter(e => cursor === undefined || e.id > cursor);
    if (fresh.length === 0 || signal.aborted) return;
    cursor = fresh[fresh.length - 1].id;
    onEvents(fresh);
  };

  const poll = async () => {
    try {
      for (;;) {
        const { items } = await api.listEvents(id, {
          after: cursor,
          limit: PAGE_SIZE,
        });
        if (signal.aborted) return;
        deliver(items);
        if (items.length < PAGE_SIZE) break;
      }
      onError?.(undefined);
    } catch (error) {
      if (!signal.aborted) onError?.(toError(error));
    }
  };

  await poll();
  if (signal.aborted) return;
  onLoaded?.();
  if (once) {
    onMode?.('idle');
    return;
  }

  /** Follows the stream until it ends or breaks. */
  const stream = async () => {
    onMode?.('connecting');
    try {
      await api.streamEvents(id, {
        after: cursor,
        signal,
        onOpen: () => {
          failures = 0;
          onMode?.('live');
          onError?.(undefined);
        },
        onEvent: event => deliver([event]),
        onRetry: ms => {
          retryMs = ms;
        },
        onError: message => onError?.(new Error(message)),
      });
    } catch (error) {
      if (toError(error).name === 'NotImplementedError') {
        streamable = false;
      }
    }
  };

  while (!signal.aborted) {
    if (streamable) {
      await stream();
      if (signal.aborted) return;
      failures += 1;
    }

    // Until the stream is tried again, poll so that nothing is missed.
    onMode?.('polling');
    const reconnectAt =
      Date.now() +
      Math.min(retryMs * 2 ** Math.max(0, failures - 1), maxReconnectDelayMs);
    do {
      await poll();
      await sleep(
        streamable
          ? Math.min(pollIntervalMs, Math.max(0, reconnectAt - Date.now()))
          : pollIntervalMs,
        signal,
      );
    } while (!signal.aborted && (!streamable || Date.now() < reconnectAt));
  }
}
