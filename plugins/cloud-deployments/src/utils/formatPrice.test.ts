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
import { formatQuantity, formatUnitPrice } from './formatPrice';

describe('formatQuantity', () => {
  it.each([
    [730, 'hour', '730 hours'],
    [1, 'hour', '1 hour'],
    [1314000, 'vcpu-second', '1,314,000 vCPU-seconds'],
    [2.345, 'gib-hour', '2.35 GiB-hours'],
  ] as const)('formats %d %s as %s', (quantity, unit, expected) => {
    expect(formatQuantity(quantity, unit)).toBe(expected);
  });
});

describe('formatUnitPrice', () => {
  it('keeps the decimals of tiny prices and says when there is none', () => {
    expect(formatUnitPrice(0.115, 'hour')).toBe('$0.115 / hour');
    expect(formatUnitPrice(0.000024, 'vcpu-second')).toBe(
      '$0.000024 / vCPU-second',
    );
    expect(formatUnitPrice(0.0000025, 'gib-second')).toBe(
      '$0.0000025 / GiB-second',
    );
    expect(formatUnitPrice(0.4, 'request')).toBe('$0.40 / request');
    expect(formatUnitPrice(1.23456, 'hour')).toBe('$1.2346 / hour');
    expect(formatUnitPrice(3, 'gpu-hour')).toBe('$3.00 / GPU-hour');
    expect(formatUnitPrice(0, 'hour')).toBe('$0.00 / hour');
    expect(formatUnitPrice(null, 'hour')).toBe('no price');
  });
});
