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
import { createParser, EventSourceMessage } from 'eventsource-parser';

/** An open event stream of one deployment, and what it has received. */
export type OpenStream = {
  deploymentId: string;
  /** Called with every event as it arrives. */
  onEvent?: (event: { id: number; type: string; message: string }) => void;
  close(): void;
  /** Resolves once the stream has delivered an event with id ≥ `id`. */
  seen(id: number): Promise<void>;
};

/**
 * Opens `GET /deployments/:id/events/stream` as a browser would, parsing the
 * server-sent events with the `eventsource-parser` library.
 */
export async function openStream(
  baseUrl: string,
  token: string,
  deploymentId: string,
): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(
    `${baseUrl}/api/cloud-deployments/deployments/${deploymentId}/events/stream`,
    {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    },
  );
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
  let highest = 0;
  const waiting: Array<{ id: number; resolve: () => void }> = [];
  const stream: OpenStream = {
    deploymentId,
    close: () => controller.abort(),
    seen: id =>
      id <= highest
        ? Promise.resolve()
        : new Promise(resolve => waiting.push({ id, resolve })),
  };
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      if (message.event !== 'deployment-event') return;
      const event = JSON.parse(message.data);
      highest = Math.max(highest, event.id);
      stream.onEvent?.(event);
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i].id <= highest) waiting.splice(i, 1)[0].resolve();
      }
    },
  });
  const decoder = new TextDecoder();
  (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // closed
    }
  })();
  return stream;
}
