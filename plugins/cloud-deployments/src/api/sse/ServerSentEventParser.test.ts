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
import { ServerSentEventParser } from './ServerSentEventParser';

const event = (id: number, message = `event ${id}`) =>
  `id: ${id}\nevent: deployment-event\ndata: ${JSON.stringify({
    id,
    message,
  })}\n\n`;

describe('ServerSentEventParser', () => {
  it('parses an event with its id, type and data', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push(event(1))).toEqual([
      {
        event: 'deployment-event',
        data: '{"id":1,"message":"event 1"}',
        lastEventId: '1',
      },
    ]);
    expect(parser.lastEventId).toBe('1');
  });

  it('returns every event of a chunk, in order', () => {
    const parser = new ServerSentEventParser();

    const messages = parser.push(event(1) + event(2) + event(3));

    expect(messages.map(m => m.lastEventId)).toEqual(['1', '2', '3']);
    expect(messages.map(m => JSON.parse(m.data).message)).toEqual([
      'event 1',
      'event 2',
      'event 3',
    ]);
  });

  it('keeps a line split between chunks until it is complete', () => {
    const text = event(1) + event(2);
    const whole = new ServerSentEventParser().push(text);
    expect(whole).toHaveLength(2);

    // Every way of cutting the text in two gives the same events.
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new ServerSentEventParser();
      const messages = [
        ...parser.push(text.slice(0, cut)),
        ...parser.push(text.slice(cut)),
      ];
      expect(messages).toEqual(whole);
    }
  });

  it('accepts one character at a time', () => {
    const parser = new ServerSentEventParser();
    const messages = [...`${event(7)}`].flatMap(c => parser.push(c));

    expect(messages).toHaveLength(1);
    expect(messages[0].lastEventId).toBe('7');
  });

  it('ignores comments such as keep-alives', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push(': keep-alive\n\n')).toEqual([]);
    expect(parser.push(`: keep-alive\n\n${event(2)}: keep-alive\n\n`)).toEqual([
      expect.objectContaining({ lastEventId: '2' }),
    ]);
  });

  it('reads retry: as the reconnection delay, and ignores bad values', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push('retry: 2000\n\n')).toEqual([]);
    expect(parser.retry).toBe(2000);
    parser.push('retry: soon\n\nretry: 1.5\n\n');
    expect(parser.retry).toBe(2000);
  });

  it('keeps the last id for the following events, and ignores ids with NUL', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push('id: 5\ndata: a\n\ndata: b\n\n')).toEqual([
      { event: 'message', data: 'a', lastEventId: '5' },
      { event: 'message', data: 'b', lastEventId: '5' },
    ]);
    parser.push('id: 6\0\ndata: c\n\n');
    expect(parser.lastEventId).toBe('5');
    // An empty id resets it.
    expect(parser.push('id\ndata: d\n\n')[0].lastEventId).toBe('');
  });

  it('joins data lines, strips one space after the colon, and defaults the type', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push('data:one\ndata:  two\ndata\nevent: error\n\n')).toEqual(
      [{ event: 'error', data: 'one\n two\n', lastEventId: '' }],
    );
    // The event type does not carry over to the next message.
    expect(parser.push('data: x\n\n')[0].event).toBe('message');
  });

  it('does not dispatch a message without data, nor one never terminated', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push('event: ping\n\nfoo: bar\n\ndata: half')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
  });

  it('accepts CRLF and CR line endings, also with CRLF split between chunks', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push('data: a\r\n\r\ndata: b\r\rdata: c\r')).toEqual([
      expect.objectContaining({ data: 'a' }),
      expect.objectContaining({ data: 'b' }),
    ]);
    expect(parser.push('\n\r')).toEqual([
      expect.objectContaining({ data: 'c' }),
    ]);
    expect(parser.push('\ndata: d\n\n')).toEqual([
      expect.objectContaining({ data: 'd' }),
    ]);
  });

  it('skips a byte order mark at the start only', () => {
    const parser = new ServerSentEventParser();

    expect(parser.push('\uFEFFdata: a\n\n')[0].data).toBe('a');
    expect(parser.push('\uFEFFdata: b\n\n')).toEqual([]);
  });
});
