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
import {
  deepValue,
  hostileKey,
  hostileValue,
  nastyPiece,
  objectOf,
} from './hostileValues';

/*
 * Mutations of a realistic body: most requests change one to three things in
 * something a client would really send, so they pass the first checks and
 * reach the code behind them.
 */

type Path = Array<string | number>;

/** What a mutation does; `at` picks one of the body's paths. */
export type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'addKey'; at: number; key: string; value: unknown }
  | { op: 'replaceBody'; value: unknown }
  | { op: 'corrupt'; at: number; piece: string; position: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      at: fc.nat(),
      value: hostileValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('addKey' as const),
      at: fc.nat(),
      key: hostileKey,
      value: fc.oneof(hostileValue, deepValue),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('replaceBody' as const),
      value: hostileValue,
    }),
  },
  // A valid string with one bad character in it: it passes the checks that
  // look at the shape and reaches the code (and the database) behind them.
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('corrupt' as const),
      at: fc.nat(),
      piece: nastyPiece,
      position: fc.nat(),
    }),
  },
);

/** No mutation (a valid request) a fifth of the time, else one to three. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
  { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
);

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (value && typeof value === 'object' && path.length < 8) {
    for (const [key, child] of Object.entries(value)) {
      pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key], out);
    }
  }
  return out;
}

function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** The body with the mutations applied, in order; the input is not changed. */
export function mutate(body: unknown, list: Mutation[]): unknown {
  let result = clone(body);
  for (const m of list) {
    if (m.op === 'replaceBody') {
      result = m.value;
      continue;
    }
    const paths = pathsOf(result);
    if (m.op === 'corrupt') {
      const strings = paths.filter(p => typeof valueAt(result, p) === 'string');
      if (strings.length) {
        const p = strings[m.at % strings.length];
        const text = valueAt(result, p) as string;
        const i = m.position % (text.length + 1);
        result = setAt(result, p, text.slice(0, i) + m.piece + text.slice(i));
      }
      continue;
    }
    const path = paths[m.at % paths.length];
    if (path.length === 0) {
      if (m.op === 'set') result = m.value;
      else if (m.op === 'delete') result = undefined;
      else if (result && typeof result === 'object') {
        result = objectOf([...Object.entries(result), [m.key, m.value]]);
      }
      continue;
    }
    const parent = path
      .slice(0, -1)
      .reduce<any>((node, key) => node?.[key], result);
    const key = path[path.length - 1];
    if (!parent || typeof parent !== 'object') continue;
    if (m.op === 'set') parent[key] = m.value;
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      const target = parent[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        parent[key] = objectOf([...Object.entries(target), [m.key, m.value]]);
      } else {
        parent[key] = objectOf([[m.key, m.value]]);
      }
    }
  }
  return result;
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<any>((node, key) => node?.[key], value);
}

/** The value with the one at `path` replaced (the root when the path is empty). */
function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (!path.length) return replacement;
  const parent = valueAt(value, path.slice(0, -1)) as any;
  parent[path[path.length - 1]] = replacement;
  return value;
}
