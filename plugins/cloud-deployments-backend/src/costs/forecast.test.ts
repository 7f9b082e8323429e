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
import { DailyCostRecord } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { forecastMonth } from './forecast';

const day = (
  d: string,
  estimated: number | null,
  actual: number | null,
  complete = true,
): DailyCostRecord => ({
  day: d,
  complete,
  billingHours: 24,
  estimated,
  estimateKind: 'exact',
  actual,
  ...(actual === null ? {} : { actualKind: 'billed', actualCurrency: 'USD' }),
});

describe('forecastMonth', () => {
  // 2026-12-11 12:00 UTC: 20.5 days (492 hours) are left in December.
  const now = new Date('2026-12-11T12:00:00Z');

  it('adds the month so far and the live deployments until the month ends, by hand', () => {
    const result = forecastMonth({
      now,
      days: [
        day('2026-12-09', 10, 12), // billed
        day('2026-12-10', 10, null), // not read yet: the estimate stands in
        day('2026-12-11', 5, null, false), // today so far
        day('2026-12-10', null, null), // no figure at all: counted, not $0
      ],
      live: [
        // $73 a month is $0.10 an hour: 492 h → $49.20.
        { id: 'a', name: 'a', monthly: 73, kind: 'exact' },
        // $146 is $0.20 an hour, until its TTL on the 21st at 12:00
        // (240 h → $48.00); the 252 h after it are $50.40 saved.
        {
          id: 'b',
          name: 'b',
          monthly: 146,
          kind: 'approximate',
          expiresAt: new Date('2026-12-21T12:00:00Z'),
        },
        { id: 'c', name: 'c', monthly: null, kind: 'unknown' },
      ],
    });
    expect(result).toEqual({
      month: '2026-12',
      asOf: '2026-12-11T12:00:00.000Z',
      monthToDate: { actual: 12, estimated: 15, total: 27, withoutFigure: 1 },
      rest: {
        total: 97.2,
        deployments: 2,
        withoutEstimate: 1,
        ttlEnding: [
          {
            id: 'b',
            name: 'b',
            expiresAt: '2026-12-21T12:00:00.000Z',
            saves: 50.4,
          },
        ],
      },
      forecast: 124.2,
      forecastKind: 'partial',
    });
  });

  it('counts nothing after a TTL that has passed, and nothing after the month', () => {
    const result = forecastMonth({
      now,
      days: [],
      live: [
        {
          id: 'late',
          name: 'late',
          monthly: 73,
          kind: 'exact',
          expiresAt: new Date('2027-02-01T00:00:00Z'),
        },
        {
          id: 'due',
          name: 'due',
          monthly: 73,
          kind: 'exact',
          expiresAt: new Date('2026-12-11T06:00:00Z'),
        },
      ],
    });
    // Only `late`, to the end of December: 492 h × $0.10.
    expect(result.rest.total).toBe(49.2);
    expect(result.rest.ttlEnding.map(t => [t.id, t.saves])).toEqual([
      ['due', 49.2],
    ]);
    expect(result.forecastKind).toBe('exact');
  });
});
