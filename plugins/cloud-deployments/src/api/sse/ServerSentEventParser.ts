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
import { createParser, type EventSourceParser } from 'eventsource-parser';

/**
 * One message of a server-sent events stream.
 *
 * @internal
 */
export type ServerSentEvent = {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines, joined with line feeds. */
  data: string;
  /** The last event id seen when the message was dispatched; `''` if none. */
  lastEventId: string;
};

/**
 * Parses a `text/event-stream` body, fed as decoded text in chunks of any
 * size, into its messages, with `eventsource-parser` doing the parsing. On
 * top of it this keeps what a client needs between messages as the HTML
 * standard describes: the last event id (the library reports only each
 * message's own `id:`), the `retry:` delay, and the `message` default type.
 *
 * @internal
 */
export class ServerSentEventParser {
  /** The last `id:` received, sent again when resuming. */
  lastEventId = '';
  /** The reconnection delay the server asked for with `retry:`, in ms. */
  retry: number | undefined;

  #messages: ServerSentEvent[] = [];
  #started = false;
  #afterCarriageReturn = false;
  readonly #parser: EventSourceParser = createParser({
    onEvent: ({ id, event, data }) => {
      if (id !== undefined) this.lastEventId = id;
      this.#messages.push({
        event: event ?? 'message',
        data,
        lastEventId: this.lastEventId,
      });
    },
    onRetry: delayMs => {
      this.retry = delayMs;
    },
  });

  /** Parses the next chunk and returns the messages it completes. */
  push(chunk: string): ServerSentEvent[] {
    let text = chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      // The library looks for the BOM as undecoded UTF-8 bytes only.
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (this.#afterCarriageReturn && text.length > 0) {
      this.#afterCarriageReturn = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    // The library holds a final CR until it sees whether LF follows; a CR
    // ends the line either way, so end it now (a message must not wait for
    // the next chunk) and drop the LF if it comes.
    if (text.endsWith('\r')) {
      text += '\n';
      this.#afterCarriageReturn = true;
    }
    this.#parser.feed(text);
    const messages = this.#messages;
    this.#messages = [];
    return messages;
  }
}
