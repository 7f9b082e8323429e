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
import { negotiateEncoding } from './negotiateEncoding';

describe('negotiateEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it.each([
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate', both, 'gzip'],
    ['br;q=0.5, gzip', both, 'gzip'],
    ['br;q=0, gzip;q=0.1', both, 'gzip'],
    ['BR', both, 'br'],
    ['x-gzip', both, 'gzip'],
    ['*', both, 'br'],
    ['*, br;q=0', both, 'gzip'],
    ['gzip, deflate, br', ['gzip'] as const, 'gzip'],
  ] as const)('%j with %j gives %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['identity'],
    ['deflate'],
    ['br;q=0, gzip;q=0'],
    ['identity;q=1, br;q=0.5'],
    ['*;q=0'],
    ['br;q=abc'],
  ])('%j gives none', header => {
    expect(negotiateEncoding(header, both)).toBeUndefined();
  });

  it('gives none when the file has no variant the client takes', () => {
    expect(negotiateEncoding('br', ['gzip'])).toBeUndefined();
  });
});
