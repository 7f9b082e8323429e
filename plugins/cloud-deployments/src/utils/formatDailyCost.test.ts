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
import { formatDailyCost, formatHours, lastDayOf } from './formatDailyCost';

describe('formatDailyCost', () => {
  it('writes cents, and keeps amounts under a cent from reading as $0.00', () => {
    expect(formatDailyCost(2.4)).toBe('$2.40');
    expect(formatDailyCost(0)).toBe('$0.00');
    expect(formatDailyCost(0.000612)).toBe('$0.00061');
    expect(formatDailyCost(0.0049)).toBe('$0.0049');
    expect(formatDailyCost(1234.5)).toBe('$1,234.50');
  });

  it('writes hours with at most two decimals', () => {
    expect(formatHours(18)).toBe('18');
    expect(formatHours(17.5)).toBe('17.5');
    expect(formatHours(0.0167)).toBe('0.02');
    expect(formatHours(0.004)).toBe('< 0.01');
    expect(formatHours(0)).toBe('0');
  });

  it('names the last day of a span', () => {
    expect(lastDayOf('2026-12-06')).toBe('2026-12-05');
    expect(lastDayOf('2027-01-01')).toBe('2026-12-31');
  });
});
