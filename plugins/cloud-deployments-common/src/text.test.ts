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
import { findTextIssue, textProblem } from './text';

describe('textProblem', () => {
  it.each([
    ['plain', 'web-team'],
    ['accents and CJK', 'équipe 開発'],
    ['an astral character (a surrogate pair)', 'rocket \u{1F680}'],
    ['empty', ''],
  ])('accepts %s', (_, value) => {
    expect(textProblem(value)).toBeUndefined();
  });

  it.each([
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a reversed pair', '\udc00\ud800'],
    ['a high surrogate at the end', 'abc\ud83d'],
  ])('refuses %s', (_, value) => {
    expect(textProblem(value)).toBe(
      'must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    );
  });

  it('refuses NUL', () => {
    expect(textProblem('a\u0000b')).toBe('must not contain NUL characters');
  });
});

describe('findTextIssue', () => {
  it('finds nothing in well-formed JSON', () => {
    expect(
      findTextIssue({ a: [1, 'x', { b: null, c: true }], 'odd key': 'ü' }),
    ).toBeUndefined();
  });

  it('names the path of a bad value', () => {
    expect(
      findTextIssue(
        { spec: { owner: 'group:default/a\ud800b' } },
        { root: 'body' },
      ),
    ).toEqual({
      path: 'body.spec.owner',
      message:
        'must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    });
    expect(
      findTextIssue({ plan: { resource_changes: [{}, { type: 'a\u0000' }] } }),
    ).toEqual({
      path: 'plan.resource_changes[1].type',
      message: 'must not contain NUL characters',
    });
    expect(findTextIssue({ 'a b': ['\udfff'] })?.path).toBe('["a b"][0]');
  });

  it('names the object holding a bad key, without echoing the key', () => {
    expect(findTextIssue({ tags: { 'x\ud800': 'y' } })).toEqual({
      path: 'tags',
      message:
        'has a key that must be well-formed Unicode (it has an unpaired UTF-16 surrogate)',
    });
  });

  it('checks a bare string at the root', () => {
    expect(findTextIssue('\ud800')?.path).toBe('(root)');
    expect(findTextIssue('\ud800', { root: 'manifests' })?.path).toBe(
      'manifests',
    );
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextIssue(deep, { root: 'body' })).toEqual({
      path: `body${'[0]'.repeat(64)}`,
      message: 'must not be nested deeper than 64 levels',
    });
    let ok: unknown = 'leaf';
    for (let i = 0; i < 64; i++) ok = { a: ok };
    expect(findTextIssue(ok)).toBeUndefined();
    expect(findTextIssue({ a: { b: 'x' } }, { maxDepth: 1 })?.path).toBe('a');
  });
});
