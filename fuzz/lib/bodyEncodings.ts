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
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { toJsonText } from './hostileValues';

/*
 * How a body goes on the wire: mostly as JSON with the right Content-Type,
 * sometimes as broken JSON, other bytes, another content type or encoding.
 */

/** A body as sent, with the headers that describe it. */
export type EncodedBody = {
  body?: Buffer;
  headers: Record<string, string>;
};

export type Encoding =
  | { kind: 'json'; contentType: string }
  | { kind: 'brokenJson'; how: number; at: number }
  | { kind: 'bytes'; bytes: number[]; at: number }
  | { kind: 'none' }
  | { kind: 'compressed'; encoding: string; valid: boolean };

const JSON_TYPE = 'application/json';

export const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      contentType: fc.oneof(
        { weight: 12, arbitrary: fc.constant(JSON_TYPE) },
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'APPLICATION/JSON',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/merge-patch+json',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            'application/json; charset=nope',
            'application/json, text/plain',
            '',
            '*/*',
            'application/',
            ';;;',
          ),
        },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('brokenJson' as const),
      how: fc.nat({ max: 7 }),
      at: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      bytes: fc.array(
        fc.constantFrom(0x00, 0x80, 0xbf, 0xc0, 0xed, 0xa0, 0xf8, 0xff, 0xfe),
        { minLength: 1, maxLength: 4 },
      ),
      at: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('compressed' as const),
      encoding: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nope'),
      valid: fc.boolean(),
    }),
  },
);

function brokenJson(text: string, how: number, at: number): string {
  const i = text.length ? at % text.length : 0;
  switch (how) {
    case 0:
      return text.slice(0, i); // cut short
    case 1:
      return `${text},`;
    case 2:
      return text.replace(/"/g, "'");
    case 3:
      return `\ufeff${text}`; // a byte order mark
    case 4:
      return `${text}${text}`;
    case 5:
      return `/* c */${text}`;
    case 6:
      return text.slice(0, i) + '\u0000' + text.slice(i);
    default:
      return '';
  }
}

/** The body's value on the wire, as the encoding says. */
export function encode(value: unknown, how: Encoding): EncodedBody {
  const text = value === undefined ? '' : toJsonText(value);
  switch (how.kind) {
    case 'json':
      return {
        body: Buffer.from(text),
        headers: how.contentType ? { 'Content-Type': how.contentType } : {},
      };
    case 'brokenJson':
      return {
        body: Buffer.from(brokenJson(text, how.how, how.at)),
        headers: { 'Content-Type': JSON_TYPE },
      };
    case 'bytes': {
      const bytes = Buffer.from(text);
      const i = bytes.length ? how.at % bytes.length : 0;
      return {
        body: Buffer.concat([
          bytes.subarray(0, i),
          Buffer.from(how.bytes),
          bytes.subarray(i),
        ]),
        headers: { 'Content-Type': JSON_TYPE },
      };
    }
    case 'none':
      return { headers: { 'Content-Type': JSON_TYPE } };
    case 'compressed':
      return {
        body:
          how.valid && how.encoding === 'gzip'
            ? gzipSync(text)
            : Buffer.from(text),
        headers: {
          'Content-Type': JSON_TYPE,
          'Content-Encoding': how.encoding,
        },
      };
    default:
      throw new Error('unknown encoding');
  }
}
