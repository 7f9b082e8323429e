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
 * size, into its messages, as the HTML standard describes: lines end in
 * CRLF, LF or CR (also when a chunk ends between CR and LF), a blank line
 * dispatches the message, lines starting with `:` are comments, `id:`
 * persists across messages, `retry:` sets the reconnection delay, and a
 * message that is never terminated is not dispatched.
 *
 * @internal
 */
export class ServerSentEventParser {
  /** The last `id:` received, sent again when resuming. */
  lastEventId = '';
  /** The reconnection delay the server asked for with `retry:`, in ms. */
  retry: number | undefined;

  #buffer = '';
  #afterCarriageReturn = false;
  #started = false;
  #event = '';
  #data: string[] = [];

  /** Parses the next chunk and returns the messages it completes. */
  push(chunk: string): ServerSentEvent[] {
    const messages: ServerSentEvent[] = [];
    let text = this.#buffer + chunk;
    this.#buffer = '';
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }

    let position = 0;
    while (position < text.length) {
      if (this.#afterCarriageReturn) {
        this.#afterCarriageReturn = false;
        if (text[position] === '\n') {
          position += 1;
          continue;
        }
      }
      let end = position;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') {
        end += 1;
      }
      if (end === text.length) {
        this.#buffer = text.slice(position);
        break;
      }
      this.#processLine(text.slice(position, end), messages);
      this.#afterCarriageReturn = text[end] === '\r';
      position = end + 1;
    }
    return messages;
  }

  #processLine(line: string, messages: ServerSentEvent[]) {
    if (line === '') {
      this.#dispatch(messages);
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        // Unknown fields are ignored.
        break;
    }
  }

  #dispatch(messages: ServerSentEvent[]) {
    const event = this.#event;
    const data = this.#data;
    this.#event = '';
    this.#data = [];
    if (data.length === 0) {
      return;
    }
    messages.push({
      event: event || 'message',
      data: data.join('\n'),
      lastEventId: this.lastEventId,
    });
  }
}
