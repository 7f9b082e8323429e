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
import { parse, stringify } from 'yaml';
import { mutations, mutate } from './mutations';
import { manifestsYaml } from './realisticBodies';

/*
 * Manifest streams for POST /kubernetes/apply: the realistic one, mutated as
 * data, and YAML that attacks the parser: alias bombs, alias cycles, deep
 * nesting, tags, duplicate keys, too many or too large documents.
 */

/** Billion laughs: `levels` levels of 9 aliases each. */
function aliasBomb(levels: number): string {
  const names = 'abcdefghijklmnop';
  const lines = [`a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i < levels; i++) {
    const alias = `*${names[i - 1]}`;
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9).fill(alias).join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const attacks: string[] = [
  aliasBomb(3),
  aliasBomb(9),
  'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, x: *m}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: &d\n  x: [1, *d]\n',
  'a: &a [*a]\n',
  'a: &a {b: &b {c: *a}}\n',
  `data: ${'['.repeat(65)}${']'.repeat(65)}\n`,
  `data: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
  `${'- '.repeat(50_000)}x\n`,
  Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: !!binary aGVsbG8=}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: !!js/function "function(){}"\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: !custom x\n',
  'apiVersion: v1\napiVersion: v2\nkind: ConfigMap\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: *nope\n',
  'a: &a {x: 1}\nb: {<<: *a}\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: 1e400}\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: .nan}\n',
  Array.from(
    { length: 51 },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`,
  ).join('---\n'),
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: ${'y'.repeat(
    1024 * 1024,
  )}}\n`,
  'apiVersion: v1\n\tkind: ConfigMap\n',
  '---\n---\n---\n',
  '',
  '- a\n- b\n',
  'just text',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\u0000b"}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "\\ud800"}\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: kube-system}\n',
];

export const manifests: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(manifestsYaml) },
  {
    weight: 4,
    arbitrary: mutations.map(list => {
      const docs = manifestsYaml.split('---\n').map(d => parse(d));
      const mutated = mutate(docs, list);
      try {
        return Array.isArray(mutated)
          ? mutated.map(d => stringify(d)).join('---\n')
          : stringify(mutated);
      } catch {
        // What yaml cannot write (e.g. a lone surrogate) goes as JSON, which is YAML.
        return JSON.stringify(mutated) ?? '';
      }
    }),
  },
  { weight: 4, arbitrary: fc.constantFrom(...attacks) },
);
