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
import { Encoding } from './bodyEncodings';
import { hostileString, nastyPiece } from './hostileValues';

/*
 * A request as the fuzzer generates it: pure data, with references to what
 * the backend holds (a known deployment, a workspace, a held lock) that
 * world.ts fills in when it is sent, so the same seed makes the same run.
 */

/** A path segment naming something: one the backend has, or any text. */
export type Target =
  | { kind: 'known'; index: number; upperCase: boolean }
  | { kind: 'text'; value: string; encoded: boolean };

export type PathPart =
  | string
  | { ref: 'deployment' | 'workspace' | 'budget'; target: Target };

/** One query parameter, and how it is written. */
export type QueryPart = {
  key: string;
  value: string;
  form: 'plain' | 'array' | 'object' | 'repeated' | 'nested' | 'rawText';
};

/** Who the request claims to be. */
export type Auth =
  | 'user'
  | 'none'
  | 'garbageBearer'
  | 'workspace'
  | 'workspaceWrongToken'
  | 'workspaceWrongUser'
  | 'workspaceGarbage';

export type FuzzRequest = {
  /** The route it aims at, for the histogram: `PATCH /deployments/:id`. */
  route: string;
  method: string;
  path: PathPart[];
  query?: QueryPart[];
  auth: Auth;
  /** A JSON value (with `$` placeholders), sent as `encoding` says. */
  body?: unknown;
  encoding?: Encoding;
  /** Text sent as it is, for the Terraform state protocol. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Content-MD5 of the state protocol: the right one, a wrong one, or junk. */
  contentMd5?: 'right' | 'wrong' | 'junk';
};

export const target: fc.Arbitrary<Target> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('known' as const),
      index: fc.nat(),
      upperCase: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      value: fc.oneof(
        fc.uuid(),
        hostileString,
        fc.constantFrom(
          '%ZZ',
          '%E0%A4%A',
          '%00',
          '%ED%A0%80',
          '%2F..%2F',
          '..',
          '.',
          'x'.repeat(2000),
        ),
      ),
      encoded: fc.boolean(),
    }),
  },
);

const queryForm = fc.oneof(
  { weight: 6, arbitrary: fc.constant('plain' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'array' as const,
      'object' as const,
      'repeated' as const,
      'nested' as const,
      'rawText' as const,
    ),
  },
);

/**
 * The parameters of a query: some of the route's own with realistic or
 * hostile values, written plainly or as arrays and objects, and sometimes
 * one the route does not know.
 */
export function query(
  params: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<QueryPart[]> {
  const keys = Object.keys(params);
  const part = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(...keys).chain(key =>
        fc.record({
          key: fc.constant(key),
          value: fc.oneof(
            { weight: 3, arbitrary: params[key] },
            { weight: 1, arbitrary: hostileString },
            // A realistic value with one bad character in it.
            {
              weight: 1,
              arbitrary: fc
                .tuple(params[key], nastyPiece, fc.nat())
                .map(([v, piece, at]) => {
                  const i = at % (v.length + 1);
                  return v.slice(0, i) + piece + v.slice(i);
                }),
            },
          ),
          form: queryForm,
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        key: fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'x', '', 'limit[', ']'),
          hostileString,
        ),
        value: hostileString,
        form: queryForm,
      }),
    },
  );
  return fc.array(part, { maxLength: 4 });
}
