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
import { readEventStream } from './readEventStream';

/** A body the test writes to, as a server would. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    body,
    write: (text: string | Uint8Array) =>
      controller.enqueue(
        typeof text === 'string' ? encoder.encode(text) : text,
      ),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
  };
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('readEventStream', () => {
  it('passes on each message as it arrives, and resolves at the end', async () => {
    const { body, write, end } = controlledBody();
    const onMessage = jest.fn();
    const onRetry = jest.fn();

    const done = readEventStream(body, { onMessage, onRetry });
    write('retry: 1000\n\nid: 1\nevent: deployment-event\nda');
    await flush();
    expect(onRetry).toHaveBeenCalledWith(1000);
    expect(onMessage).not.toHaveBeenCalled();

    write('ta: {"id":1}\n\n: keep-alive\n\n');
    await flush();
    expect(onMessage).toHaveBeenCalledWith({
      event: 'deployment-event',
      data: '{"id":1}',
      lastEventId: '1',
    });

    end();
    await expect(done).resolves.toBeUndefined();
    expect(onMessage).toHaveBeenCalledTimes(1);
  });

  it('decodes characters split between chunks', async () => {
    const { body, write, end } = controlledBody();
    const onMessage = jest.fn();
    const bytes = new TextEncoder().encode('data: Zürich → ☁\n\n');

    const done = readEventStream(body, { onMessage });
    // Cut inside the two-byte ü and the three-byte arrow.
    write(bytes.slice(0, 8));
    write(bytes.slice(8, 14));
    write(bytes.slice(14));
    end();
    await done;

    expect(onMessage).toHaveBeenCalledWith(
      expect.objectContaining({ data: 'Zürich → ☁' }),
    );
  });

  it('rejects when the body fails', async () => {
    const { body, write, fail } = controlledBody();

    const done = readEventStream(body, { onMessage: jest.fn() });
    write('data: x\n\n');
    fail(new Error('connection reset'));

    await expect(done).rejects.toThrow('connection reset');
  });

  it('stops reading and cancels the body when aborted', async () => {
    const { body, write } = controlledBody();
    const onMessage = jest.fn();
    const controller = new AbortController();

    const done = readEventStream(body, {
      onMessage,
      signal: controller.signal,
    });
    controller.abort();

    await expect(done).resolves.toBeUndefined();
    expect(() => write('data: late\n\n')).toThrow();
    expect(onMessage).not.toHaveBeenCalled();
  });
});
