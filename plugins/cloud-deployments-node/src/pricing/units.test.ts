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
import { moneyToUsd, normalizeUnit } from './units';

describe('normalizeUnit', () => {
  it.each([
    ['Hrs', 'instance', { unit: 'hour', factor: 1 }],
    ['1 Hour', 'instance', { unit: 'hour', factor: 1 }],
    ['1 Hour', 'vcpu', { unit: 'vcpu-hour', factor: 1 }],
    ['1 GB Hour', 'memory', { unit: 'gib-hour', factor: 1 }],
    ['100 GB Seconds', 'memory', { unit: 'gib-second', factor: 0.01 }],
    ['1 Second', 'vcpu', { unit: 'vcpu-second', factor: 1 }],
    ['100 Seconds', 'vcpu', { unit: 'vcpu-second', factor: 0.01 }],
    ['100 Seconds', 'instance', { unit: 'hour', factor: 36 }],
    ['1M Requests', 'request', { unit: 'request', factor: 1e-6 }],
    ['10K Requests', 'request', { unit: 'request', factor: 1e-4 }],
    ['1 Hour', 'gpu', { unit: 'gpu-hour', factor: 1 }],
  ] as const)('%s of %s', (unit, kind, expected) => {
    const result = normalizeUnit(unit, kind)!;
    expect(result.unit).toBe(expected.unit);
    expect(result.factor).toBeCloseTo(expected.factor, 12);
  });

  it('refuses units it does not price', () => {
    expect(normalizeUnit('1/Month', 'instance')).toBeUndefined();
    expect(normalizeUnit('1 GB Hour', 'vcpu')).toBeUndefined();
  });
});

describe('moneyToUsd', () => {
  it('adds nanos to units', () => {
    expect(moneyToUsd({ units: '0', nanos: 24000 })).toBeCloseTo(0.000024, 12);
    expect(moneyToUsd({ units: '3', nanos: 500_000_000 })).toBe(3.5);
    expect(moneyToUsd({ nanos: 400 })).toBeCloseTo(4e-7, 15);
    expect(() => moneyToUsd({ units: 'x' })).toThrow('Invalid money value');
  });
});
