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
import { NotImplementedError } from '@backstage/errors';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { StreamDeploymentEventsOptions } from '../api';
import { followDeploymentEvents } from './followDeploymentEvents';

const event = (id: number): DeploymentEvent => ({
  id,
  deploymentId: 'd1',
  type: 'log',
  message: `line ${id}`,
  actor: 'engine',
  createdAt: '2026-01-01T10:00:00.000Z',
});

/** A stream the test opens, feeds and ends, as the backend would. */
type OpenStream = StreamDeploymentEventsOptions & {
  end(): void;
  fail(error: Error): void;
};

function fakeApi() {
  const stored: DeploymentEvent[] = [];
  const streams: OpenStream[] = [];
  let refuseWith: Error | undefined;
  const api = {
    listEvents: jest.fn(
      async (_id: string, o: { after?: number; limit?: number } = {}) => ({
        items: stored
          .filter(e => o.after === undefined || e.id > o.after)
          .slice(0, o.limit),
      }),
    ),
    streamEvents: jest.fn(
      (_id: string, o: StreamDeploymentEventsOptions) =>
        new Promise<void>((resolve, reject) => {
          if (refuseWith) {
            reject(refuseWith);
            return;
          }
          o.onOpen?.();
          o.signal?.addEventListener('abort', () => resolve());
          streams.push({ ...o, end: resolve, fail: reject });
        }),
    ),
  };
  return {
    api,
    stored,
    streams,
    refuse: (error?: Error) => {
      refuseWith = error;
    },
  };
}

describe('followDeploymentEvents', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function follow(
    fake: ReturnType<typeof fakeApi>,
    extra: { once?: boolean; after?: number } = {},
  ) {
    const controller = new AbortController();
    const received: number[] = [];
    const modes: string[] = [];
    const onError = jest.fn();
    const onLoaded = jest.fn();
    const done = followDeploymentEvents({
      api: fake.api,
      id: 'd1',
      ...extra,
      onEvents: events => received.push(...events.map(e => e.id)),
      onMode: mode => modes.push(mode),
      onError,
      onLoaded,
      signal: controller.signal,
    });
    return { controller, received, modes, onError, onLoaded, done };
  }

  it('loads the events so far, then streams those after the last one', async () => {
    const fake = fakeApi();
    fake.stored.push(event(1), event(2));
    const { received, modes, onLoaded, controller, done } = follow(fake);

    await jest.advanceTimersByTimeAsync(0);
    expect(received).toEqual([1, 2]);
    expect(onLoaded).toHaveBeenCalledTimes(1);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(1);
    expect(fake.streams[0].after).toBe(2);
    expect(modes).toEqual(['connecting', 'live']);

    // An event the stream repeats is not delivered twice.
    fake.streams[0].onEvent(event(2));
    fake.streams[0].onEvent(event(3));
    expect(received).toEqual([1, 2, 3]);

    controller.abort();
    await done;
    expect(fake.api.listEvents).toHaveBeenCalledTimes(1);
  });

  it('loads every page of a long history', async () => {
    const fake = fakeApi();
    fake.stored.push(...Array.from({ length: 501 }, (_, i) => event(i + 1)));
    const { received, controller, done } = follow(fake, { once: true });

    await done;

    expect(received).toHaveLength(501);
    expect(fake.api.listEvents.mock.calls.map(c => c[1])).toEqual([
      { after: undefined, limit: 500 },
      { after: 500, limit: 500 },
    ]);
    expect(fake.api.streamEvents).not.toHaveBeenCalled();
    controller.abort();
  });

  it('polls every 2 s while the stream cannot be opened, retrying it with a growing delay', async () => {
    const fake = fakeApi();
    fake.stored.push(event(1));
    fake.refuse(new Error('Request failed with 502 Bad Gateway'));
    const { received, modes, controller, done } = follow(fake);

    await jest.advanceTimersByTimeAsync(0);
    expect(modes).toEqual(['connecting', 'polling']);
    // Once for the history, once as soon as the stream failed.
    expect(fake.api.listEvents).toHaveBeenCalledTimes(2);

    fake.stored.push(event(2));
    // The first retry comes after 1 s.
    await jest.advanceTimersByTimeAsync(1000);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(2);
    expect(fake.api.listEvents).toHaveBeenCalledTimes(3);
    expect(received).toEqual([1, 2]);
    expect(fake.api.listEvents.mock.calls[2][1]).toEqual({
      after: 1,
      limit: 500,
    });

    // The second after 2 s, the third after 4 s, polling every 2 s meanwhile.
    await jest.advanceTimersByTimeAsync(2000);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(3);
    await jest.advanceTimersByTimeAsync(2000);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(3);
    await jest.advanceTimersByTimeAsync(2000);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(4);

    // Once the stream opens, polling stops.
    fake.refuse(undefined);
    await jest.advanceTimersByTimeAsync(8000);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(5);
    expect(modes[modes.length - 1]).toBe('live');
    const polls = fake.api.listEvents.mock.calls.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(fake.api.listEvents).toHaveBeenCalledTimes(polls);

    controller.abort();
    await done;
  });

  it('only polls where the stream cannot be read at all', async () => {
    const fake = fakeApi();
    fake.refuse(new NotImplementedError('no streams here'));
    const { modes, controller, done } = follow(fake);

    await jest.advanceTimersByTimeAsync(10_000);

    expect(fake.api.streamEvents).toHaveBeenCalledTimes(1);
    expect(fake.api.listEvents).toHaveBeenCalledTimes(7);
    expect(modes).toEqual(['connecting', 'polling']);
    controller.abort();
    await done;
  });

  it('reconnects after a drop from the last event received', async () => {
    const fake = fakeApi();
    const { received, modes, controller, done } = follow(fake);
    await jest.advanceTimersByTimeAsync(0);

    fake.streams[0].onEvent(event(1));
    fake.streams[0].onRetry?.(3000);
    fake.streams[0].fail(new TypeError('network error'));
    await jest.advanceTimersByTimeAsync(2000);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);

    expect(fake.api.streamEvents).toHaveBeenCalledTimes(2);
    expect(fake.streams[1].after).toBe(1);
    expect(received).toEqual([1]);
    expect(modes).toEqual([
      'connecting',
      'live',
      'polling',
      'connecting',
      'live',
    ]);
    controller.abort();
    await done;
  });

  it('reports failures to read the events, and clears them once over', async () => {
    const fake = fakeApi();
    fake.refuse(new NotImplementedError('no streams here'));
    fake.api.listEvents
      .mockRejectedValueOnce(new Error('backend down'))
      .mockRejectedValueOnce(new Error('backend down'));
    const { onError, onLoaded, controller, done } = follow(fake);

    await jest.advanceTimersByTimeAsync(0);
    expect(onLoaded).toHaveBeenCalled();
    expect(onError).toHaveBeenLastCalledWith(new Error('backend down'));
    await jest.advanceTimersByTimeAsync(2000);
    expect(onError).toHaveBeenLastCalledWith(undefined);

    controller.abort();
    await done;
  });

  it('stops when aborted', async () => {
    const fake = fakeApi();
    fake.refuse(new Error('Request failed with 502 Bad Gateway'));
    const { controller, done } = follow(fake);
    await jest.advanceTimersByTimeAsync(0);

    controller.abort();
    await done;
    const calls = fake.api.listEvents.mock.calls.length;
    await jest.advanceTimersByTimeAsync(60_000);

    expect(fake.api.listEvents).toHaveBeenCalledTimes(calls);
    expect(fake.api.streamEvents).toHaveBeenCalledTimes(1);
  });
});
