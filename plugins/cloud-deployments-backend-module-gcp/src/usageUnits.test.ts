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
import { usageUnitFactor } from './usageUnits';

describe('usageUnitFactor', () => {
  it.each([
    ['s', 'vcpu-second', 1],
    ['s', 'vcpu-hour', 3600],
    ['h', 'vcpu-hour', 1],
    ['h', 'vcpu-second', 1 / 3600],
    ['h', 'hour', 1],
    ['min', 'vcpu-second', 1 / 60],
    ['ms', 'vcpu-second', 1000],
    ['GiBy.s', 'gib-second', 1],
    ['GiBy.s', 'gib-hour', 3600],
    ['GiBy.h', 'gib-hour', 1],
    ['GiBy.h', 'gib-second', 1 / 3600],
    ['MiBy.s', 'gib-second', 1024],
    ['GBy.h', 'gib-hour', 2 ** 30 / 1e9],
    ['count', 'request', 1],
    ['1', 'request', 1],
  ] as const)(
    'a price per %s, per %s, is × %p',
    (usageUnit, target, factor) => {
      expect(usageUnitFactor(usageUnit, target)).toBeCloseTo(factor, 12);
    },
  );

  it.each([
    ['GiBy.h', 'vcpu-hour'],
    ['h', 'gib-hour'],
    ['s', 'request'],
    ['count', 'vcpu-second'],
    ['GiBy.mo', 'gib-hour'],
    ['GiBy', 'gib-hour'],
    ['foo.s', 'gib-second'],
    ['', 'vcpu-second'],
  ] as const)('does not price %j per %s', (usageUnit, target) => {
    expect(usageUnitFactor(usageUnit, target)).toBeUndefined();
  });
});
