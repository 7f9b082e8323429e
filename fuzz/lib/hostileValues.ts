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

/*
 * Values no client should send, as fast-check arbitraries: wrong types,
 * ill-formed Unicode, numbers at the edge of what JSON and the databases
 * hold, prototype keys, and text that is not JSON at all.
 */

/**
 * JSON cannot carry NaN, Infinity or deep nesting as a value; a body holds
 * `raw(text)` where such text goes, and {@link toJsonText} writes the text
 * itself into the JSON.
 */
const RAW = '\u0001raw:';
export const raw = (text: string) => `${RAW}${text}\u0001`;

/** JSON.stringify, then each {@link raw} marker replaced by its text. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.replace(/"\\u0001raw:(.*?)\\u0001"/g, (_, t) =>
    JSON.parse(`"${t}"`),
  );
}

/** Text nested `depth` levels deep, as arrays or objects. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Strings that broke (or could break) something: Unicode, escapes, paths. */
const nastyPieces = [
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u0000',
  '\u202e',
  '\u2028',
  '\u0085',
  '\ufeff',
  '\uffff',
  '\r\n',
  '%00',
  '%',
  '../',
  '..\\',
  '\\',
  '"',
  "'",
  '`',
  '<script>',
  '${{ parameters.x }}',
  '{{ x }}',
  '%s%n',
  ' ',
  ':',
  '/',
  '@',
  '#',
  '?',
  '*',
  '&',
  '=',
];

/** One of the pieces above. */
export const nastyPiece: fc.Arbitrary<string> = fc.constantFrom(...nastyPieces);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 12 }),
        nastyPiece,
        fc.string({ maxLength: 12 }),
      )
      .map(([a, b, c]) => a + b + c),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      'NaN',
      '-1',
      '1e308',
      '__proto__',
      'constructor',
      'group:default/',
      'user:default/guest',
      'component:default/x',
      'a:b:c/d',
      'kind:',
      'http://127.0.0.1:1/',
    ),
  },
  // Over the 256 KiB body limit with room to spare, or just under field limits.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(64, 100, 201, 256, 1025, 4097, 300_000)
      .map(n => 'x'.repeat(n)),
  },
);

export const hostileNumber: fc.Arbitrary<number | string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      -1,
      0.5,
      1e308,
      -1e308,
      5e-324,
      1e21,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32,
      2 ** 53 - 1,
      2 ** 53 + 2,
      -(2 ** 53),
      2 ** 63,
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }),
  },
  // What JSON has no value for: the parser answers Infinity or fails.
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        'NaN',
        'Infinity',
        '-Infinity',
        '1e999',
        '-1e999',
        '1e-999',
        '123456789012345678901234567890',
        '0x10',
        '01',
        '.5',
        '+1',
        '1.',
      )
      .map(raw),
  },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '',
      ' ',
      '\u0000',
      '\ud800',
      'a.b',
      '$where',
      'x'.repeat(300),
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Nesting that is deep for a parser or a recursive walk. */
export const deepValue: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(33, 65, 200, 1000, 10_000, 100_000),
    fc.constantFrom('array' as const, 'object' as const),
  )
  .map(([depth, kind]) => raw(deepJson(depth, kind)));

/** Any JSON value a client could send in place of a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 4, arbitrary: hostileNumber },
    { weight: 6, arbitrary: hostileString },
    { weight: 1, arbitrary: deepValue },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(hostileKey, tie('value')), { maxLength: 3 })
        .map(entries => objectOf(entries)),
    },
  ),
})).value;

/**
 * An object with these entries as own properties, `__proto__` included (an
 * object literal or assignment would set the prototype instead).
 */
export function objectOf(entries: Array<[string, unknown]>) {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}
