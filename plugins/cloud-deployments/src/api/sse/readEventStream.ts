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
import {
  ServerSentEvent,
  ServerSentEventParser,
} from './ServerSentEventParser';

/**
 * Options of {@link readEventStream}.
 *
 * @internal
 */
export type ReadEventStreamOptions = {
  /** Called with each message, in order. */
  onMessage(message: ServerSentEvent): void;
  /** Called when the server sets the reconnection delay with `retry:`. */
  onRetry?(delayMs: number): void;
  /** Stops reading, cancelling the body; the promise then resolves. */
  signal?: AbortSignal;
};

/**
 * Reads a `text/event-stream` body to its end, decoding it as UTF-8 (also
 * characters split between chunks) and passing on each message. Resolves
 * when the server ends the stream or `signal` aborts; rejects when reading
 * fails.
 *
 * @internal
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  options: ReadEventStreamOptions,
): Promise<void> {
  const { onMessage, onRetry, signal } = options;
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new ServerSentEventParser();
  let retry: number | undefined;

  const cancel = () => {
    reader.cancel().catch(() => {});
  };
  if (signal?.aborted) {
    cancel();
    return;
  }
  signal?.addEventListener('abort', cancel);

  const handle = (text: string) => {
    for (const message of parser.push(text)) {
      if (signal?.aborted) return;
      onMessage(message);
    }
    if (parser.retry !== undefined && parser.retry !== retry) {
      retry = parser.retry;
      onRetry?.(retry);
    }
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal?.aborted) break;
      handle(decoder.decode(value, { stream: true }));
    }
    if (!signal?.aborted) handle(decoder.decode());
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
