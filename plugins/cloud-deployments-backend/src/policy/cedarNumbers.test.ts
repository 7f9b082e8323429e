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
import {
  cedarDecimal,
  cedarLong,
  cedarString,
  DECIMAL_LIMIT,
} from './cedarNumbers';

describe('cedarDecimal', () => {
  it.each([
    [2_751_224.4, '2751224.4000'],
    [0, '0.0000'],
    [-0, '0.0000'],
    [-1234.5, '-1234.5000'],
    [10_000.00004, '10000.0000'],
    [10_000.00006, '10000.0001'],
    [-0.00001, '0.0000'],
    [1e15, '922337203685477.0000'],
    [-1e15, '-922337203685477.0000'],
    [Infinity, '922337203685477.0000'],
    [-Infinity, '-922337203685477.0000'],
    [NaN, '922337203685477.0000'],
    [1e300, '922337203685477.0000'],
    [5e-324, '0.0000'],
  ])('writes %p as decimal("%s")', (amount, text) => {
    expect(cedarDecimal(amount)).toBe(text);
  });

  it('stays within Cedar decimal syntax for amounts just below the limit', () => {
    const text = cedarDecimal(DECIMAL_LIMIT - 0.1);
    expect(text).toMatch(/^922337203685476\.\d{4}$/);
  });
});

describe('cedarLong', () => {
  it.each([
    [2.7, 2],
    [-2.7, -2],
    [-0, 0],
    [NaN, Number.MAX_SAFE_INTEGER],
    [1e300, Number.MAX_SAFE_INTEGER],
    [-Infinity, -Number.MAX_SAFE_INTEGER],
  ])('reads %p as %p', (count, long) => {
    expect(Object.is(cedarLong(count), long)).toBe(true);
  });
});

describe('cedarString', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(cedarString('a\ud800b\udc00c\ud83d\ude00')).toBe(
      'a\ufffdb\ufffdc\ud83d\ude00',
    );
  });
});
