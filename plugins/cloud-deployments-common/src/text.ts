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

// In a `u` regex a well-formed surrogate pair is one code point, so these
// match only the unpaired halves: text no UTF-8 encoder can write faithfully
// (SQLite keeps WTF-8 bytes that read back as U+FFFD, PostgreSQL replaces
// them), so a stored value would no longer equal itself.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Matches strings without an unpaired UTF-16 surrogate.
 *
 * @public
 */
export const WELL_FORMED = /^[^\ud800-\udfff]*$/u;

/**
 * Matches strings without a NUL character, which PostgreSQL text refuses and
 * C-based tools cut strings at.
 *
 * @public
 */
// eslint-disable-next-line no-control-regex
export const NO_NUL = /^[^\u0000]*$/;

/** @public */
export const ILL_FORMED_TEXT_MESSAGE =
  'must be well-formed Unicode (it has an unpaired UTF-16 surrogate)';

/** @public */
export const NUL_TEXT_MESSAGE = 'must not contain NUL characters';

/**
 * Why a string cannot be stored, compared or shown faithfully, or `undefined`
 * when it can.
 *
 * @public
 */
export function textProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return ILL_FORMED_TEXT_MESSAGE;
  if (value.includes('\u0000')) return NUL_TEXT_MESSAGE;
  return undefined;
}

/**
 * Where a JSON-like value holds text that {@link textProblem} refuses.
 *
 * @public
 */
export type TextIssue = {
  /** Where it is, e.g. `spec.owner`, `plan.resource_changes[3]`. */
  path: string;
  /** What is wrong there, ready to follow `path: `. */
  message: string;
};

/** `a.b`, `a[0]`, or `a["odd key"]` for keys that are not identifiers. */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The first string (value or object key) in `value` that
 * {@link textProblem} refuses, or that lies deeper than `maxDepth` levels of
 * nesting. Walks with its own stack, so a body nested 100,000 levels deep is
 * refused, not a stack overflow.
 *
 * @public
 */
export function findTextIssue(
  value: unknown,
  options: { root?: string; maxDepth?: number } = {},
): TextIssue | undefined {
  const maxDepth = options.maxDepth ?? 64;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: options.root ?? '', depth: 0 },
  ];
  while (stack.length) {
    const item = stack.pop()!;
    const at = item.path || '(root)';
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return { path: at, message: problem };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= maxDepth) {
      return {
        path: at,
        message: `must not be nested deeper than ${maxDepth} levels`,
      };
    }
    const depth = item.depth + 1;
    if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) {
        stack.push({
          value: item.value[i],
          path: childPath(item.path, i),
          depth,
        });
      }
      continue;
    }
    const entries = Object.entries(item.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const problem = textProblem(key);
      if (problem) {
        return { path: at, message: `has a key that ${problem}` };
      }
      stack.push({ value: child, path: childPath(item.path, key), depth });
    }
  }
  return undefined;
}
