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
import { compareEstimateToActual, DailyCostRecord } from './costHistory';

const span = { from: '2026-11-29', to: '2026-12-06' };

function day(
  d: string,
  estimated: number | null,
  actual: number | null,
  extra: Partial<DailyCostRecord> = {},
): DailyCostRecord {
  return {
    day: d,
    complete: true,
    billingHours: 24,
    estimated,
    estimateKind: 'exact',
    actual,
    ...(actual === null ? {} : { actualKind: 'billed', actualCurrency: 'USD' }),
    ...extra,
  };
}

describe('compareEstimateToActual', () => {
  it('sums the days with both figures and divides', () => {
    // 3 days of an ml.m5.large ($0.115 an hour → $2.76 a day): billed
    // $2.76, $3.10 and $3.50 → $9.36 against $8.28, ratio 1.130 (+13 %).
    const result = compareEstimateToActual(
      [
        day('2026-12-03', 2.76, 2.76),
        day('2026-12-04', 2.76, 3.1),
        day('2026-12-05', 2.76, 3.5),
      ],
      span,
    );
    expect(result).toEqual({
      ...span,
      daysCompared: 3,
      daysWithoutActual: 0,
      daysWithoutEstimate: 0,
      daysInOtherCurrency: 0,
      estimated: 8.28,
      actual: 9.36,
      ratio: 1.13,
      flagged: false,
      estimateKind: 'exact',
      actualKinds: ['billed'],
    });
  });

  it('flags beyond ±20 % and not at it', () => {
    // $10 estimated: $12.00 is +20 % (not flagged), $12.01 is flagged, and
    // $7.99 is −20.1 % (flagged).
    expect(compareEstimateToActual([day('d', 10, 12)], span).flagged).toBe(
      false,
    );
    expect(compareEstimateToActual([day('d', 10, 12.01)], span).flagged).toBe(
      true,
    );
    expect(compareEstimateToActual([day('d', 10, 8)], span).flagged).toBe(
      false,
    );
    const under = compareEstimateToActual([day('d', 10, 7.99)], span);
    expect(under).toMatchObject({ ratio: 0.799, flagged: true });
  });

  it('counts the days it cannot compare, and never calls unknown $0', () => {
    const result = compareEstimateToActual(
      [
        day('2026-12-01', 2, null),
        day('2026-12-02', null, 1.5),
        day('2026-12-03', 2, 1.8, { actualCurrency: 'EUR' }),
        day('2026-12-04', 2, 2.5, { estimateKind: 'partial' }),
      ],
      span,
    );
    expect(result).toMatchObject({
      daysCompared: 1,
      daysWithoutActual: 1,
      daysWithoutEstimate: 1,
      daysInOtherCurrency: 1,
      estimated: 2,
      actual: 2.5,
      ratio: 1.25,
      flagged: true,
      estimateKind: 'partial',
    });
    const none = compareEstimateToActual([day('2026-12-01', 2, null)], span);
    expect(none).toMatchObject({
      estimated: null,
      actual: null,
      ratio: null,
      flagged: false,
      estimateKind: 'unknown',
      note: 'No actual cost has been read for these days yet.',
    });
  });

  it('leaves out a day so far', () => {
    expect(
      compareEstimateToActual(
        [day('a', 10, 10), day('b', 5, 9, { complete: false })],
        span,
      ),
    ).toMatchObject({ daysCompared: 1, estimated: 10, actual: 10, ratio: 1 });
  });

  it('gives no ratio over a $0 estimate', () => {
    expect(compareEstimateToActual([day('d', 0, 0.4)], span)).toMatchObject({
      estimated: 0,
      actual: 0.4,
      ratio: null,
      flagged: false,
    });
  });

  it('keeps the least sure estimate kind and every actual kind', () => {
    const result = compareEstimateToActual(
      [
        day('a', 1, 1, { estimateKind: 'approximate', actualKind: 'sandbox' }),
        day('b', 1, 1, { actualKind: 'allocation' }),
      ],
      span,
    );
    expect(result.estimateKind).toBe('approximate');
    expect(result.actualKinds).toEqual(['allocation', 'sandbox']);
  });
});
